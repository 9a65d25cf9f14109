//! Pessoas in the back office: registering a buyer with open registration's rules (no password),
//! finding them, editing with an audited before/after, confirming a self-registration, the
//! first-access invitation and blocking access.

mod common;

use common::*;
use reqwest::StatusCode;

fn person_form<'a>(fields: &[(&'a str, &'a str)]) -> Vec<(String, &'a str)> {
    fields.iter().map(|(name, value)| (format!("person[{name}]"), *value)).collect()
}

async fn post(portal: &TestPortal, path: &str, form: &[(String, &str)], cookie: &str) -> reqwest::Response {
    let form: Vec<(&str, &str)> = form.iter().map(|(name, value)| (name.as_str(), *value)).collect();
    portal.form_post(path, &form, Some(cookie)).await
}

fn id_in(location: &str) -> i64 {
    location.trim_start_matches("/equipe/pessoas/").split(['?', '/']).next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn staff_register_a_buyer_who_then_creates_a_password_at_first_access() {
    let portal = TestPortal::start().await;
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;

    // Every broken rule at once, under its field, and what was typed comes back.
    let refused = post(
        &portal,
        "/api/equipe/pessoa-nova",
        &person_form(&[
            ("legal_personality", "0"),
            ("name1", "Jo"),
            ("document1", "111.111.111-11"),
            ("email", ANA),
            ("telephone_ddd", "00"),
            ("telephone_number", "99999999"),
        ]),
        &staff,
    )
    .await;
    let back = location(&refused);
    assert!(back.starts_with("/equipe/pessoas/nova?rascunho="), "{back}");
    let page = portal.get(&back, Some(&staff)).await.text().await.unwrap();
    for sentence in
        ["mais de 3 caracteres", "CPF inválido", "Já existe uma pessoa com este e-mail.", "DDD inexistente"]
    {
        assert!(page.contains(sentence), "{sentence}: {page}");
    }
    assert!(page.contains("value=\"111.111.111-11\""));

    // A good one: no password, e-mail taken as confirmed, audited.
    let created = post(
        &portal,
        "/api/equipe/pessoa-nova",
        &person_form(&[
            ("legal_personality", "0"),
            ("name1", "Joana"),
            ("name2", "Pereira Dias"),
            ("document1", "529.982.247-25"),
            ("email", "joana.dias@exemplo.com.br"),
            ("telephone_ddd", "41"),
            ("telephone_number", "98765-4321"),
        ]),
        &staff,
    )
    .await;
    let page = location(&created);
    assert!(page.ends_with("?criada=1"), "{page}");
    let id = id_in(&page);
    let html = portal.get(&page, Some(&staff)).await.text().await.unwrap();
    assert!(
        html.contains("Joana Pereira Dias")
            && html.contains("529.982.247-25")
            && html.contains("Sem primeiro acesso")
    );
    assert!(html.contains("Cadastro criado pela equipe") && html.contains("Marina Alves (equipe)"));
    // The same CPF twice is refused.
    let again = post(
        &portal,
        "/api/equipe/pessoa-nova",
        &person_form(&[
            ("legal_personality", "0"),
            ("name1", "Outra Pessoa"),
            ("document1", "52998224725"),
            ("email", "outra@exemplo.com.br"),
        ]),
        &staff,
    )
    .await;
    let page = portal.get(&location(&again), Some(&staff)).await.text().await.unwrap();
    assert!(page.contains("Já existe uma pessoa com este documento"));

    // Invited by e-mail and SMS: a link to /primeiro-acesso, never a password.
    for (action, destination) in
        [("convidar-email", "joana.dias@exemplo.com.br"), ("convidar-sms", "41987654321")]
    {
        let sent = portal
            .form_post(
                "/api/equipe/pessoa-acao",
                &[("id", &id.to_string()), ("action", action)],
                Some(&staff),
            )
            .await;
        assert_eq!(location(&sent), format!("/equipe/pessoas/{id}?convidada=1"));
        let mail = portal.portal.store.recent_outbox(5).await.unwrap();
        let message = mail.iter().find(|m| m.destination == destination).expect(destination);
        assert!(message.body_text.contains("/primeiro-acesso"), "{}", message.body_text);
    }
    // A third and fourth within the hour: the third goes, the fourth waits.
    portal
        .form_post(
            "/api/equipe/pessoa-acao",
            &[("id", &id.to_string()), ("action", "convidar-email")],
            Some(&staff),
        )
        .await;
    let limited = portal
        .form_post(
            "/api/equipe/pessoa-acao",
            &[("id", &id.to_string()), ("action", "convidar-email")],
            Some(&staff),
        )
        .await;
    assert!(location(&limited).contains("erro=limite-"), "{}", location(&limited));

    // Joana creates her password with a code, as any buyer provisioned by the company.
    let asked = portal
        .api_post("/api/v1/primeiro-acesso", serde_json::json!({"login": "529.982.247-25", "canal": "email"}))
        .await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let challenge: serde_json::Value = asked.json().await.unwrap();
    let code = code_sent_to(&portal, "joana.dias@exemplo.com.br").await;
    let created = portal
        .api_post(
            "/api/v1/primeiro-acesso/senha",
            serde_json::json!({"desafio": challenge["desafio"], "codigo": code, "senha": "minha frase de acesso"}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::OK);
    portal.login("joana.dias@exemplo.com.br", "minha frase de acesso").await;
}

#[tokio::test]
async fn people_are_found_by_name_document_email_and_phone_within_scope() {
    let portal = TestPortal::start().await;
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    for (search, expected) in [
        ("souza", "Ana Paula Souza"),
        ("222.555", "Carlos Eduardo Souza"),
        ("22255588846", "Carlos Eduardo Souza"),
        ("ANA.SOUZA@", "Ana Paula Souza"),
        ("12ABC345", "Mirante Participações Ltda"),
    ] {
        let page =
            portal.get(&format!("/equipe/pessoas?busca={search}"), Some(&staff)).await.text().await.unwrap();
        assert!(page.contains(expected), "{search}: {page}");
    }
    let without = portal.get("/equipe/pessoas?situacao=sem-acesso", Some(&staff)).await.text().await.unwrap();
    assert!(without.contains("Beatriz Souza Lima") && without.contains("1 pessoa"), "{without}");
    let none = portal.get("/equipe/pessoas?busca=zzzz", Some(&staff)).await.text().await.unwrap();
    assert!(none.contains("Ninguém encontrado"));

    // A self-registered person waits for confirmation, and only unscoped staff see them.
    let registration = portal
        .api_post(
            "/api/v1/identification",
            serde_json::json!({
                "legal_personality": 0, "name1": "Roberto", "name2": "Alves", "document1": "39053344705",
                "email": "roberto@exemplo.com.br", "password": "uma senha bem longa", "date_of_birth": "1980-02-03"
            }),
        )
        .await;
    assert_eq!(registration.status(), StatusCode::CREATED);
    let waiting = portal.get("/equipe/pessoas?situacao=confirmar", Some(&staff)).await.text().await.unwrap();
    assert!(waiting.contains("Roberto Alves") && waiting.contains("1 pessoa"), "{waiting}");
    let dashboard = portal.get("/equipe", Some(&staff)).await.text().await.unwrap();
    assert!(dashboard.contains("Cadastros a confirmar"));
    let roberto = ids_linked(&waiting, "/equipe/pessoas/")[0];
    let confirmed = portal
        .form_post(
            "/api/equipe/pessoa-acao",
            &[("id", &roberto.to_string()), ("action", "confirmar")],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&confirmed), format!("/equipe/pessoas/{roberto}?confirmada=1"));
    let waiting = portal.get("/equipe/pessoas?situacao=confirmar", Some(&staff)).await.text().await.unwrap();
    assert!(waiting.contains("Ninguém encontrado"));

    let admin = portal.portal.staff_member(1).await.unwrap();
    let developments = portal.portal.staff_developments(&admin).await.unwrap();
    let mirante = developments.iter().find(|(_, name)| name.contains("Mirante")).unwrap().0;
    portal
        .new_staff("mirante@horizonte.exemplo.com.br", portal::staff::StaffRole::Atendimento, &[mirante])
        .await;
    let scoped = portal.staff_login("mirante@horizonte.exemplo.com.br", STAFF_PASSWORD).await;
    let list = portal.get("/equipe/pessoas", Some(&scoped)).await.text().await.unwrap();
    assert!(list.contains("Mirante Participações Ltda") && !list.contains("Roberto Alves"), "{list}");
    assert_eq!(
        portal.get(&format!("/equipe/pessoas/{roberto}"), Some(&scoped)).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn edits_are_audited_and_blocking_closes_every_way_in() {
    let portal = TestPortal::start().await;
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let ana_cookie = portal.login(ANA, PASSWORD).await;
    let ana = portal.portal.authenticate(ana_cookie.split_once('=').unwrap().1).await.unwrap().person_id;
    let token = portal.api_token(ANA).await;

    let saved = post(
        &portal,
        "/api/equipe/pessoa-editar",
        &[
            ("id".to_string(), ana.to_string().as_str()),
            ("person[legal_personality]".to_string(), "0"),
            ("person[name1]".to_string(), "Ana Paula Souza Lima"),
            ("person[email]".to_string(), ANA),
            ("person[date_of_birth]".to_string(), "1990-05-17"),
        ],
        &staff,
    )
    .await;
    assert_eq!(location(&saved), format!("/equipe/pessoas/{ana}?salva=1"));
    let page = portal.get(&format!("/equipe/pessoas/{ana}"), Some(&staff)).await.text().await.unwrap();
    assert!(
        page.contains("Ana Paula Souza Lima")
            && page.contains("nome: Ana Paula Souza → Ana Paula Souza Lima"),
        "{page}"
    );

    // An e-mail another person holds is refused under its field.
    let taken = post(
        &portal,
        "/api/equipe/pessoa-editar",
        &[
            ("id".to_string(), ana.to_string().as_str()),
            ("person[legal_personality]".to_string(), "0"),
            ("person[name1]".to_string(), "Ana Paula Souza Lima"),
            ("person[email]".to_string(), "carlos.souza@exemplo.com.br"),
        ],
        &staff,
    )
    .await;
    let back = portal.get(&location(&taken), Some(&staff)).await.text().await.unwrap();
    assert!(back.contains("Já existe outra pessoa com este e-mail."), "{back}");

    // Blocked: the open session and the partner token end, and neither a password nor a code
    // lets her in; unblocked, the password works again.
    let blocked = portal
        .form_post(
            "/api/equipe/pessoa-acao",
            &[("id", &ana.to_string()), ("action", "bloquear")],
            Some(&staff),
        )
        .await;
    assert_eq!(location(&blocked), format!("/equipe/pessoas/{ana}?bloqueada=1"));
    assert_eq!(portal.get("/meu-imovel", Some(&ana_cookie)).await.status(), StatusCode::FOUND);
    let api = portal.client.get(portal.url("/api/v1/pessoa")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
    let login = portal
        .form_post(
            "/api/entrar",
            &[("identifier", ANA), ("password", PASSWORD), ("next", "/meu-imovel")],
            None,
        )
        .await;
    assert!(location(&login).contains("erro=credenciais"), "{}", location(&login));
    let before = portal.portal.store.recent_outbox(50).await.unwrap().len();
    portal.api_post("/api/v1/codigo-verificacao", serde_json::json!({"login": ANA, "canal": "email"})).await;
    assert_eq!(
        portal.portal.store.recent_outbox(50).await.unwrap().len(),
        before,
        "no code for a blocked person"
    );
    let invite = portal
        .form_post(
            "/api/equipe/pessoa-acao",
            &[("id", &ana.to_string()), ("action", "convidar-email")],
            Some(&staff),
        )
        .await;
    assert!(location(&invite).ends_with("?aviso=bloqueada"));

    portal
        .form_post(
            "/api/equipe/pessoa-acao",
            &[("id", &ana.to_string()), ("action", "desbloquear")],
            Some(&staff),
        )
        .await;
    portal.login(ANA, PASSWORD).await;
    let trail = portal.portal.store.audit_events_about(&format!("person:{ana}"), 10).await.unwrap();
    let actions: Vec<&str> = trail.iter().map(|event| event.action.as_str()).collect();
    assert!(actions.starts_with(&["person_unblocked", "person_blocked", "person_updated"]), "{actions:?}");

    // Financeiro reads people but changes nothing.
    portal.new_staff("fin@horizonte.exemplo.com.br", portal::staff::StaffRole::Financeiro, &[]).await;
    let fin = portal.staff_login("fin@horizonte.exemplo.com.br", STAFF_PASSWORD).await;
    let page = portal.get(&format!("/equipe/pessoas/{ana}"), Some(&fin)).await.text().await.unwrap();
    assert!(
        page.contains("Ana Paula Souza Lima")
            && !page.contains("Bloquear acesso")
            && !page.contains("Editar dados")
    );
    let refused = portal
        .client
        .post(portal.url("/api/equipe/pessoa-acao"))
        .header("cookie", &fin)
        .header("origin", &portal.base)
        .form(&[("id", ana.to_string().as_str()), ("action", "bloquear")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}
