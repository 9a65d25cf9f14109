//! The back office's Mensagens: every waiting conversation found, answered with files (the buyer
//! is e-mailed and reads it), closed and reopened, each action audited; lists filtered and
//! paginated in SQL; a refused reply keeps its text.

mod common;

use common::*;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// Ana's person id and the id of a new thread she starts about her first contract.
async fn ana_asks(portal: &TestPortal, subject: &str, files: &[portal::messages::Attachment]) -> (i64, i64) {
    let ana = portal.login(ANA, PASSWORD).await;
    let contract = portal.contract_ids(&ana).await[0];
    let user = portal.portal.authenticate(ana.split_once('=').unwrap().1).await.unwrap();
    let thread = portal
        .portal
        .start_thread(user.person_id, Some(contract), subject, "Podem me ajudar com isto?", files)
        .await
        .unwrap();
    (user.person_id, thread)
}

#[tokio::test]
async fn a_waiting_message_is_found_answered_with_a_file_closed_and_reopened() {
    let portal = TestPortal::start().await;
    let file = portal::messages::Attachment { file_name: "boleto.pdf".into(), bytes: PDF.to_vec() };
    let (_, thread) = ana_asks(&portal, "Dúvida sobre a parcela <b>13</b>", &[file]).await;
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;

    // The dashboard counts it and the waiting list shows it, the subject as text.
    let dashboard = portal.get("/equipe", Some(&staff)).await.text().await.unwrap();
    assert!(dashboard.contains("1 conversa aguardando · a mais antiga há 1 minuto"), "{dashboard}");
    let list = portal.get("/equipe/mensagens?situacao=aguardando", Some(&staff)).await.text().await.unwrap();
    assert!(list.contains(&format!("/equipe/mensagens/{thread}")));
    assert!(
        list.contains("Dúvida sobre a parcela &lt;b&gt;13&lt;/b&gt;") && list.contains("Ana Paula Souza")
    );
    assert!(!list.contains("Vistoria da unidade"), "answered conversations are not waiting");

    // The conversation, and the buyer's file.
    let page = portal.get(&format!("/equipe/mensagens/{thread}"), Some(&staff)).await.text().await.unwrap();
    assert!(page.contains("ana.souza@exemplo.com.br") && page.contains("Podem me ajudar com isto?"));
    let attachment: i64 = ids_linked(&page, "/equipe/mensagens/anexos/")[0];
    let download = portal.get(&format!("/equipe/mensagens/anexos/{attachment}"), Some(&staff)).await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.bytes().await.unwrap().as_ref(), PDF);

    // The answer, with a photo: the buyer is e-mailed and reads both.
    let form = Form::new()
        .text("body", "Olá, Ana! Segue a imagem com a explicação.")
        .part("attachments", Part::bytes(png()).file_name("explicacao.png"));
    let sent = post_multipart(&portal, &format!("/equipe/mensagens/{thread}/responder"), &staff, form).await;
    assert_eq!(location(&sent), format!("/equipe/mensagens/{thread}?enviada=1"));
    let mail = portal.portal.store.recent_outbox(3).await.unwrap();
    assert!(mail.iter().any(|m| m.destination == ANA && m.subject.starts_with("Resposta da construtora")));
    let ana = portal.login(ANA, PASSWORD).await;
    let buyer_page = portal.get(&format!("/mensagens/{thread}"), Some(&ana)).await.text().await.unwrap();
    assert!(buyer_page.contains("Segue a imagem com a explicação.") && buyer_page.contains("explicacao.png"));
    let reply_file = *ids_linked(&buyer_page, "/mensagens/anexos/").last().unwrap();
    let image = portal.get(&format!("/mensagens/anexos/{reply_file}"), Some(&ana)).await;
    assert_eq!(image.headers()["content-type"], "image/png");
    let list = portal.get("/equipe/mensagens?situacao=respondidas", Some(&staff)).await.text().await.unwrap();
    assert!(list.contains(&format!("/equipe/mensagens/{thread}")));

    // Closed, then reopened by the buyer's new message.
    let closed = portal
        .form_post(
            "/api/equipe/mensagem-situacao",
            &[("id", &thread.to_string()), ("action", "encerrar")],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&closed), format!("/equipe/mensagens/{thread}?encerrada=1"));
    let page = portal.get(&location(&closed), Some(&staff)).await.text().await.unwrap();
    assert!(page.contains("Conversa encerrada.") && page.contains("Reabrir conversa"));
    let reopened = portal
        .form_post(
            "/api/equipe/mensagem-situacao",
            &[("id", &thread.to_string()), ("action", "reabrir")],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&reopened), format!("/equipe/mensagens/{thread}?reaberta=1"));
    let page = portal.get(&format!("/equipe/mensagens/{thread}"), Some(&staff)).await.text().await.unwrap();
    assert!(page.contains("Respondida"), "reopened as answered: the team wrote last");

    // Each action is one audit event about the conversation: who, what, from where, what changed.
    let trail = portal.portal.store.audit_events_about(&format!("thread:{thread}"), 10).await.unwrap();
    let actions: Vec<&str> = trail.iter().map(|event| event.action.as_str()).collect();
    assert_eq!(actions, ["message_thread_reopened", "message_thread_closed", "message_replied"]);
    assert!(trail.iter().all(|event| event.actor_kind == "staff" && event.actor_id == Some(1)));
    assert!(trail.iter().all(|event| event.ip.as_deref() == Some("127.0.0.1")));
    assert_eq!(trail[2].detail, "situação: Aguardando resposta → Respondida; anexos: 1");
    assert_eq!(trail[1].detail, "situação: Respondida → Encerrada");
}

#[tokio::test]
async fn a_refused_reply_comes_back_with_its_text_and_only_to_its_sender() {
    let portal = TestPortal::start().await;
    let (_, thread) = ana_asks(&portal, "Arquivo estranho", &[]).await;
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let form = Form::new()
        .text("body", "Veja o anexo, por favor.")
        .part("attachments", Part::bytes(b"<script>alert(1)</script>".to_vec()).file_name("nota.pdf"));
    let refused =
        post_multipart(&portal, &format!("/equipe/mensagens/{thread}/responder"), &staff, form).await;
    let back = location(&refused);
    assert!(back.starts_with(&format!("/equipe/mensagens/{thread}?rascunho=")), "{back}");
    let page = portal.get(&back, Some(&staff)).await.text().await.unwrap();
    assert!(page.contains("não é PDF, JPG, PNG ou WEBP") && page.contains("Veja o anexo, por favor."));
    // Another staff session reads nothing of it.
    let other = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let page = portal.get(&back, Some(&other)).await.text().await.unwrap();
    assert!(!page.contains("Veja o anexo, por favor."));
    // An empty answer is refused too, and nothing was sent or stored.
    let empty = post_multipart(
        &portal,
        &format!("/equipe/mensagens/{thread}/responder"),
        &staff,
        Form::new().text("body", "   "),
    )
    .await;
    let page = portal.get(&location(&empty), Some(&staff)).await.text().await.unwrap();
    assert!(page.contains("Escreva a resposta de 1 a 5000 caracteres."), "{page}");
    let trail = portal.portal.store.audit_events_about(&format!("thread:{thread}"), 10).await.unwrap();
    assert!(trail.is_empty());
}

#[tokio::test]
async fn lists_are_filtered_searched_and_paginated() {
    let portal = TestPortal::start().await;
    for number in 1..=27 {
        ana_asks(&portal, &format!("Pergunta número {number:02}"), &[]).await;
    }
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let first = portal.get("/equipe/mensagens?situacao=aguardando", Some(&staff)).await.text().await.unwrap();
    assert!(first.contains("27 conversas") && first.contains("Página 1 de 2"), "{first}");
    assert_eq!(ids_linked(&first, "/equipe/mensagens/").len(), 25);
    assert!(first.contains("Pergunta número 01"), "the oldest waiting comes first");
    assert!(first.contains("href=\"/equipe/mensagens?situacao=aguardando&amp;pagina=2\""), "{first}");
    let second = portal
        .get("/equipe/mensagens?situacao=aguardando&pagina=2", Some(&staff))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(ids_linked(&second, "/equipe/mensagens/").len(), 2);
    assert!(second.contains("Pergunta número 27"));

    let search = portal.get("/equipe/mensagens?busca=VISTORIA", Some(&staff)).await.text().await.unwrap();
    assert!(search.contains("1 conversa") && search.contains("Vistoria da unidade"), "{search}");
    let by_buyer =
        portal.get("/equipe/mensagens?busca=mirante%20part", Some(&staff)).await.text().await.unwrap();
    assert!(by_buyer.contains("Boletos em nome da empresa") && !by_buyer.contains("Pergunta número"));
    let wildcard = portal.get("/equipe/mensagens?busca=%25", Some(&staff)).await.text().await.unwrap();
    assert!(wildcard.contains("29 conversas"), "a typed % is not a wildcard that changes the meaning");
    let none = portal.get("/equipe/mensagens?busca=nada-disso", Some(&staff)).await.text().await.unwrap();
    assert!(none.contains("Nenhuma conversa encontrada"));
    // Filters a page would never send are ignored, not errors.
    let odd = portal.get("/equipe/mensagens?situacao=xyz&empreendimento=abc&pagina=-3", Some(&staff)).await;
    assert_eq!(odd.status(), StatusCode::OK);
}
