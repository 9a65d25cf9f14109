//! Documentos in the back office: a file published to a record reaches exactly who may see it
//! (with an optional e-mail), the type comes from the content, a replacement keeps every
//! version for staff and shows buyers only the newest (20 replacements at once make one),
//! unpublishing hides it, condominium documents reach only the síndicos, and scope holds.

mod common;

use common::*;
use portal::staff::StaffRole;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

fn upload(scope: &str, id: i64, title: &str, file_name: &str, bytes: &[u8], notify: bool) -> Form {
    let mut form = Form::new()
        .text("escopo", scope.to_string())
        .text("id", id.to_string())
        .text("kind", "contrato")
        .text("title", title.to_string())
        .part("file", Part::bytes(bytes.to_vec()).file_name(file_name.to_string()));
    if notify {
        form = form.text("notify", "1");
    }
    form
}

fn id_after(location: &str) -> i64 {
    location.trim_start_matches("/equipe/documentos/").split('?').next().unwrap().parse().unwrap()
}

/// The ids of the documents a buyer's Documentos page links to.
async fn buyer_documents(portal: &TestPortal, cookie: &str) -> String {
    portal.get("/documentos", Some(cookie)).await.text().await.unwrap()
}

#[tokio::test]
async fn a_document_reaches_the_contracts_buyers_and_versions_stay_for_staff() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let ana = portal.login(ANA, PASSWORD).await;
    let contract = portal.contract_ids(&ana).await[0];

    // Not a PDF or image, whatever its name: back to the form with the title kept.
    let html = b"<html><script>alert(1)</script></html>";
    let refused = post_multipart(
        &portal,
        "/equipe/documentos/publicar",
        &admin,
        upload("contrato", contract, "Aditivo", "aditivo.pdf", html, false),
    )
    .await;
    let back = location(&refused);
    assert!(
        back.starts_with(&format!("/equipe/documentos/novo?escopo=contrato&id={contract}&rascunho=")),
        "{back}"
    );
    let page = portal.get(&back, Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("não é PDF, JPG, PNG ou WEBP") && page.contains("value=\"Aditivo\""));
    let untitled = post_multipart(
        &portal,
        "/equipe/documentos/publicar",
        &admin,
        upload("contrato", contract, " ", "a.pdf", PDF, false),
    )
    .await;
    let page = portal.get(&location(&untitled), Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("título de 3 a 120 caracteres"));

    // Published with a notice: every buyer of the contract is e-mailed and sees it.
    let published = post_multipart(
        &portal,
        "/equipe/documentos/publicar",
        &admin,
        upload("contrato", contract, "Aditivo de prazo", "aditivo.pdf", PDF, true),
    )
    .await;
    let first = id_after(&location(&published));
    let parties = portal.portal.contract_shares(contract).await.unwrap().len();
    let outbox = portal.portal.store.recent_outbox(20).await.unwrap();
    let notices = outbox.iter().filter(|m| m.subject.contains("Aditivo de prazo")).count();
    assert_eq!(notices, parties);
    assert!(outbox.iter().any(|m| m.destination == ANA && m.subject.contains("Aditivo de prazo")));
    assert!(buyer_documents(&portal, &ana).await.contains("Aditivo de prazo"));
    let download = portal.get(&format!("/documentos/{first}/arquivo"), Some(&ana)).await;
    assert_eq!(download.status(), StatusCode::OK);

    // Replaced: the buyer gets the new file only; staff see and download both versions.
    let replaced = post_multipart(
        &portal,
        &format!("/equipe/documentos/{first}/substituir"),
        &admin,
        Form::new().part("file", Part::bytes(PDF.to_vec()).file_name("aditivo-assinado.pdf")),
    )
    .await;
    let second = id_after(&location(&replaced));
    assert_ne!(first, second);
    let seen = buyer_documents(&portal, &ana).await;
    assert!(
        seen.contains(&format!("/documentos/{second}/")) && !seen.contains(&format!("/documentos/{first}/"))
    );
    assert_eq!(
        portal.get(&format!("/documentos/{first}/arquivo"), Some(&ana)).await.status(),
        StatusCode::NOT_FOUND
    );
    let staff_page =
        portal.get(&format!("/equipe/documentos/{second}"), Some(&admin)).await.text().await.unwrap();
    assert!(staff_page.contains("aditivo-assinado.pdf") && staff_page.contains("aditivo.pdf"));
    for version in [first, second] {
        let file = portal.get(&format!("/equipe/documentos/arquivos/{version}"), Some(&admin)).await;
        assert_eq!(file.status(), StatusCode::OK);
    }
    // The old version cannot be replaced again.
    let stale = post_multipart(
        &portal,
        &format!("/equipe/documentos/{first}/substituir"),
        &admin,
        Form::new().part("file", Part::bytes(PDF.to_vec()).file_name("outro.pdf")),
    )
    .await;
    let page = portal.get(&location(&stale), Some(&admin)).await.text().await.unwrap();
    assert!(page.contains("já foi substituída"), "{}", location(&stale));

    // Unpublished: gone for the buyer, kept for staff; published again.
    let action = |what: &'static str| [("id", second.to_string()), ("action", what.to_string())];
    let form = action("retirar");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert!(location(&portal.form_post("/api/equipe/documento-situacao", &form, Some(&admin)).await)
        .contains("retirado=1"));
    assert!(!buyer_documents(&portal, &ana).await.contains("Aditivo de prazo"));
    let form = action("publicar");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    portal.form_post("/api/equipe/documento-situacao", &form, Some(&admin)).await;
    assert!(buyer_documents(&portal, &ana).await.contains("Aditivo de prazo"));
    let trail = portal.portal.store.audit_events_about(&format!("document:{second}"), 10).await.unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["document_republished", "document_unpublished", "document_replaced"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_replacements_of_one_version_at_once_make_one() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let published = post_multipart(
        &portal,
        "/equipe/documentos/publicar",
        &admin,
        upload("empreendimento", 1, "Guia de vistoria", "m.pdf", PDF, false),
    )
    .await;
    let first = id_after(&location(&published));
    let mut requests = tokio::task::JoinSet::new();
    for n in 0..20 {
        let request = portal
            .client
            .post(portal.url(&format!("/equipe/documentos/{first}/substituir")))
            .header("accept", "text/html")
            .header("origin", &portal.base)
            .header("cookie", &admin)
            .multipart(Form::new().part("file", Part::bytes(PDF.to_vec()).file_name(format!("v{n}.pdf"))));
        requests.spawn(async move { location(&request.send().await.unwrap()) });
    }
    let answers = requests.join_all().await;
    assert_eq!(answers.iter().filter(|to| to.contains("substituido=1")).count(), 1, "{answers:?}");
    let staff = portal.portal.staff_member(1).await.unwrap();
    let list = portal
        .portal
        .staff_documents(
            &staff,
            &portal::documents::StaffDocumentFilter { search: "vistoria".into(), ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(list.total, 1, "one current version");
    let detail = portal.portal.staff_document_detail(&staff, list.rows[0].id).await.unwrap();
    assert_eq!(detail.versions.len(), 2);
}

#[tokio::test]
async fn condominium_documents_reach_only_the_syndics_and_scope_holds() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let published = post_multipart(
        &portal,
        "/equipe/documentos/publicar",
        &admin,
        upload("condominio", 2, "Ata da assembleia", "ata.pdf", PDF, true),
    )
    .await;
    let id = id_after(&location(&published));
    let outbox = portal.portal.store.recent_outbox(20).await.unwrap();
    assert_eq!(
        outbox.iter().filter(|m| m.subject.contains("Ata da assembleia")).count(),
        1,
        "the síndica only"
    );
    let syndic = portal.login(COMPANY_CNPJ, PASSWORD).await;
    assert!(buyer_documents(&portal, &syndic).await.contains("Ata da assembleia"));
    let ana = portal.login(ANA, PASSWORD).await;
    assert!(!buyer_documents(&portal, &ana).await.contains("Ata da assembleia"));

    // A Palmeiras-only user sees neither the Mirante document nor its file, nor publishes there.
    portal.new_staff("palmeiras@horizonte.exemplo.com.br", StaffRole::Atendimento, &[1]).await;
    let scoped = portal.staff_login("palmeiras@horizonte.exemplo.com.br", STAFF_PASSWORD).await;
    assert_eq!(
        portal.get(&format!("/equipe/documentos/{id}"), Some(&scoped)).await.status(),
        StatusCode::NOT_FOUND
    );
    let file = portal.get(&format!("/equipe/documentos/arquivos/{id}"), Some(&scoped)).await;
    assert_eq!(file.status(), StatusCode::NOT_FOUND);
    let elsewhere = post_multipart(
        &portal,
        "/equipe/documentos/publicar",
        &scoped,
        upload("empreendimento", 2, "Outro", "o.pdf", PDF, false),
    )
    .await;
    assert_eq!(elsewhere.status(), StatusCode::NOT_FOUND);
    let list = portal.get("/equipe/documentos", Some(&scoped)).await.text().await.unwrap();
    assert!(!list.contains("Ata da assembleia"));

    // Financeiro reads but does not publish.
    portal.new_staff("financeiro@horizonte.exemplo.com.br", StaffRole::Financeiro, &[]).await;
    let finance = portal.staff_login("financeiro@horizonte.exemplo.com.br", STAFF_PASSWORD).await;
    assert_eq!(
        portal.get(&format!("/equipe/documentos/{id}"), Some(&finance)).await.status(),
        StatusCode::OK
    );
    let refused = post_multipart(
        &portal,
        "/equipe/documentos/publicar",
        &finance,
        upload("empreendimento", 1, "Outro", "o.pdf", PDF, false),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}
