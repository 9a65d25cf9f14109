//! Mensagens: conversations, replies with files (allow-listed by content), staff answers with an
//! e-mail, safe rendering, and nobody else's threads or files.

mod common;

use common::*;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::{json, Value};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

fn message_form(subject: &str, body: &str, files: &[(&str, &[u8])]) -> Form {
    let mut form =
        Form::new().text("subject", subject.to_string()).text("body", body.to_string()).text("contract", "");
    for (name, bytes) in files {
        form = form.part("attachments", Part::bytes(bytes.to_vec()).file_name(name.to_string()));
    }
    form
}

fn thread_id_of(location: &str) -> i64 {
    location.trim_start_matches("/mensagens/").split('?').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn a_buyer_writes_with_a_file_reads_the_answer_and_text_stays_text() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let list = portal.get("/mensagens", Some(&ana)).await.text().await.unwrap();
    assert!(list.contains("1 resposta nova"), "the demo staff answer is unread");

    let body = "Segue o comprovante. <script>alert('x')</script>";
    let sent = post_multipart(
        &portal,
        "/mensagens/enviar",
        &ana,
        message_form("Comprovante da parcela 3", body, &[("comprovante.pdf", PDF)]),
    )
    .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let to = location(&sent);
    assert!(to.ends_with("?enviada=1"), "{to}");
    let thread = thread_id_of(&to);
    let page = portal.get(&to, Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("Mensagem enviada"));
    assert!(page.contains("&lt;script&gt;") && !page.contains("<script>alert"), "rendered as text");
    let attachment: i64 = page
        .split("/mensagens/anexos/")
        .nth(1)
        .and_then(|rest| rest.split('"').next()?.parse().ok())
        .expect("attachment link");
    let file = portal.get(&format!("/mensagens/anexos/{attachment}"), Some(&ana)).await;
    assert_eq!(file.headers()["content-type"], "application/pdf");
    let disposition = file.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"comprovante.pdf\";"), "{disposition}");
    assert_eq!(file.bytes().await.unwrap().as_ref(), PDF);

    // Staff answer: the thread is "respondida", shows unread, and the buyer gets an e-mail.
    let staff = portal.portal.staff_member(1).await.unwrap();
    portal
        .portal
        .staff_reply(&staff, thread, "Recebido, obrigado! Já baixamos a parcela.", &[])
        .await
        .unwrap();
    let list = portal.get("/mensagens", Some(&ana)).await.text().await.unwrap();
    assert!(list.contains("Respondida") && list.contains("resposta nova"));
    let mail = portal.portal.store.recent_outbox(3).await.unwrap();
    assert!(mail
        .iter()
        .any(|m| m.destination == ANA && m.subject == "Resposta da construtora: Comprovante da parcela 3"));
    let page = portal.get(&format!("/mensagens/{thread}"), Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("Recebido, obrigado!") && page.contains("equipe da construtora"));

    let reply = post_multipart(
        &portal,
        &format!("/mensagens/{thread}/responder"),
        &ana,
        message_form("", "Obrigada!", &[]),
    )
    .await;
    assert_eq!(location(&reply), format!("/mensagens/{thread}?enviada=1"));
    let page = portal.get(&format!("/mensagens/{thread}"), Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("Aguardando resposta"), "the buyer wrote last");
}

#[tokio::test]
async fn refused_files_and_texts_come_back_with_the_reason_and_the_text() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let disguised = post_multipart(
        &portal,
        "/mensagens/enviar",
        &ana,
        message_form("Planta do apartamento", "Veja a planta.", &[("planta.pdf", b"<html>not a pdf</html>")]),
    )
    .await;
    let back = location(&disguised);
    assert!(back.starts_with("/mensagens/nova?rascunho="), "{back}");
    let draft = query_value(&back, "rascunho");
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let ana_again = portal.login(ANA, PASSWORD).await;
    for (who, cookie) in
        [("another buyer", Some(company.as_str())), ("a new session", Some(&ana_again)), ("nobody", None)]
    {
        let page = portal.get(&back, cookie).await.text().await.unwrap();
        assert!(!page.contains("Planta do apartamento"), "{who} read the draft");
        let direct = portal
            .form_post("/api/mensagem-rascunho", &[("id", draft.as_str())], cookie)
            .await
            .text()
            .await
            .unwrap();
        assert!(!direct.contains("Planta do apartamento"), "{who} read the draft: {direct}");
    }
    let page = portal.get(&back, Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("não é PDF, JPG, PNG ou WEBP"));
    assert!(page.contains("value=\"Planta do apartamento\"") && page.contains("Veja a planta."));

    let four: Vec<(&str, &[u8])> = vec![("a.pdf", PDF); 4];
    let too_many =
        post_multipart(&portal, "/mensagens/enviar", &ana, message_form("Quatro arquivos", "Seguem.", &four))
            .await;
    let page = portal.get(&location(&too_many), Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("no máximo 3 arquivos"));

    let empty = post_multipart(&portal, "/mensagens/enviar", &ana, message_form("Oi", "", &[])).await;
    let page = portal.get(&location(&empty), Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("Escreva um assunto de 3 a 120 caracteres."));
    assert!(
        portal
            .get("/mensagens", Some(&ana))
            .await
            .text()
            .await
            .unwrap()
            .matches("<li class=\"thread")
            .count()
            == 1
    );
}

#[tokio::test]
async fn nobody_reaches_another_buyers_threads_files_or_replies() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let sent = post_multipart(
        &portal,
        "/mensagens/enviar",
        &ana,
        message_form("Particular", "Só minha.", &[("a.pdf", PDF)]),
    )
    .await;
    let thread = thread_id_of(&location(&sent));
    let page = portal.get(&format!("/mensagens/{thread}"), Some(&ana)).await.text().await.unwrap();
    let attachment: i64 = page
        .split("/mensagens/anexos/")
        .nth(1)
        .and_then(|rest| rest.split('"').next()?.parse().ok())
        .unwrap();

    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    assert_eq!(
        portal.get(&format!("/mensagens/{thread}"), Some(&company)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        portal.get(&format!("/mensagens/anexos/{attachment}"), Some(&company)).await.status(),
        StatusCode::NOT_FOUND
    );
    let reply = post_multipart(
        &portal,
        &format!("/mensagens/{thread}/responder"),
        &company,
        message_form("", "Intrusa", &[]),
    )
    .await;
    assert_eq!(reply.status(), StatusCode::NOT_FOUND);
    assert!(!portal
        .get(&format!("/mensagens/{thread}"), Some(&ana))
        .await
        .text()
        .await
        .unwrap()
        .contains("Intrusa"));
    assert_eq!(
        portal.get(&format!("/mensagens/anexos/{attachment}"), None).await.status(),
        StatusCode::SEE_OTHER
    );

    // Without the site's Origin a cross-site form post is refused before anything happens.
    let cross_site = portal
        .client
        .post(portal.url("/mensagens/enviar"))
        .header("cookie", &ana)
        .header("origin", "https://atacante.example")
        .multipart(message_form("Falsa", "Falsa", &[]))
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);

    // The partner API: the same rules.
    let (ana_token, company_token) = (portal.api_token(ANA).await, portal.api_token(COMPANY_CNPJ).await);
    let created = portal
        .client
        .post(portal.url("/api/v1/mensagem"))
        .bearer_auth(&ana_token)
        .json(&json!({ "assunto": "Pelo chatbot", "mensagem": "Olá pelo parceiro" }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let list: Value = portal.api_json(&ana_token, "/api/v1/mensagem").await;
    assert!(list["mensagens"].as_array().unwrap().iter().any(|t| t["assunto"] == "Pelo chatbot"));
    let second: Value = portal.api_json(&ana_token, "/api/v1/mensagem?por_pagina=1&pagina=2").await;
    assert_eq!(second["mensagens"][0]["id"], list["mensagens"][1]["id"], "paginated like every list");
    let refused = portal
        .client
        .get(portal.url(&format!("/api/v1/mensagem/{thread}")))
        .bearer_auth(&company_token)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let invalid = portal
        .client
        .post(portal.url("/api/v1/mensagem"))
        .bearer_auth(&ana_token)
        .json(&json!({ "assunto": "x", "mensagem": "y" }))
        .send()
        .await
        .unwrap();
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn partners_send_files_as_multipart_and_download_them() {
    let portal = TestPortal::start().await;
    let (ana, company) = (portal.api_token(ANA).await, portal.api_token(COMPANY_CNPJ).await);
    let pdf = PDF.to_vec();
    let send = |token: &str, path: &str, form: Form| {
        portal.client.post(portal.url(path)).bearer_auth(token.to_string()).multipart(form).send()
    };

    let created = send(
        &ana,
        "/api/v1/mensagem",
        Form::new()
            .text("assunto", "Comprovante pelo chatbot")
            .text("mensagem", "Segue o comprovante da parcela de março.")
            .part("anexos", Part::bytes(pdf.clone()).file_name("../../comprovante março.pdf")),
    )
    .await
    .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    let link = created["link"].as_str().unwrap().to_string();

    let reply = send(
        &ana,
        &link,
        Form::new()
            .text("mensagem", "E a foto do recibo.")
            .part("anexos", Part::bytes(png()).file_name("recibo.png")),
    )
    .await
    .unwrap();
    assert_eq!(reply.status(), StatusCode::CREATED);

    let thread = portal.api_json(&ana, &link).await;
    let files: Vec<&Value> = thread["mensagens"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|message| message["anexos"].as_array().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{thread}");
    assert_eq!(files[0]["nome"], "comprovante março.pdf", "the name without the path");
    let download = files[0]["download"].as_str().unwrap();
    let file = portal.client.get(portal.url(download)).bearer_auth(&ana).send().await.unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert_eq!(file.headers()["cache-control"], "no-store");
    let disposition = file.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"comprovante-marco.pdf\""), "{disposition}");
    assert_eq!(file.bytes().await.unwrap().as_ref(), pdf.as_slice());
    let other = portal.client.get(portal.url(download)).bearer_auth(&company).send().await.unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND, "another buyer's file");

    // Refusals in the API's error shape.
    let error_of = |response: reqwest::Response| async move {
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        (status, body["erro"]["codigo"].as_str().unwrap().to_string(), body["erro"]["mensagem"].to_string())
    };
    let script = send(
        &ana,
        "/api/v1/mensagem",
        Form::new()
            .text("assunto", "Arquivo estranho")
            .text("mensagem", "Veja o anexo.")
            .part("anexos", Part::bytes(b"#!/bin/sh\nrm -rf /\n".to_vec()).file_name("nota.pdf")),
    )
    .await
    .unwrap();
    let (status, code, message) = error_of(script).await;
    assert_eq!((status, code.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "mensagem_invalida"));
    assert!(message.contains("não é PDF, JPG, PNG ou WEBP"), "{message}");
    let bad_contract = send(
        &ana,
        "/api/v1/mensagem",
        Form::new()
            .text("assunto", "Contrato")
            .text("mensagem", "Sobre o contrato.")
            .text("contrato_id", "abc"),
    )
    .await
    .unwrap();
    let (status, _, message) = error_of(bad_contract).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(message.contains("contrato_id"), "{message}");
    let too_many = (0..4).fold(
        Form::new().text("assunto", "Muitos arquivos").text("mensagem", "Quatro anexos."),
        |form, n| form.part("anexos", Part::bytes(pdf.clone()).file_name(format!("doc{n}.pdf"))),
    );
    let (status, _, message) = error_of(send(&ana, "/api/v1/mensagem", too_many).await.unwrap()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(message.contains("no máximo 3 arquivos"), "{message}");
    let anonymous = portal
        .client
        .post(portal.url("/api/v1/mensagem"))
        .multipart(Form::new().text("assunto", "Sem token").text("mensagem", "Olá"))
        .send()
        .await
        .unwrap();
    assert_eq!(error_of(anonymous).await.0, StatusCode::UNAUTHORIZED);
    let threads = portal.api_json(&ana, "/api/v1/mensagem").await;
    assert!(
        !threads.to_string().contains("Arquivo estranho") && !threads.to_string().contains("Muitos arquivos")
    );
}

#[tokio::test]
async fn a_subject_made_of_markup_stays_text_in_the_page_title() {
    let portal = TestPortal::start().await;
    let token = portal.api_token(ANA).await;
    let payload =
        "Boleto</title><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"><title>";
    let created: Value = portal
        .client
        .post(portal.url("/api/v1/mensagem"))
        .bearer_auth(&token)
        .json(&json!({ "assunto": payload, "mensagem": "Olá" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_i64().expect("thread id");
    let cookie = portal.login(ANA, PASSWORD).await;
    let page = portal.get(&format!("/mensagens/{id}"), Some(&cookie)).await.text().await.unwrap();
    let head = page.split("</head>").next().unwrap();
    assert!(!head.contains("<meta http-equiv"), "no markup from the subject in <head>: {head}");
    assert_eq!(head.matches("<title>").count(), 1, "{head}");
    assert!(head.contains("Boleto&lt;/title&gt;&lt;meta"), "the subject is shown as text: {head}");
}
