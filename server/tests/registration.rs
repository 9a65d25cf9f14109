//! Open registration (`/cadastro`, `POST /api/v1/identification`) and the "already
//! registered?" check (seed 001 `exists/{type}`).

mod common;

use common::*;
use portal::audit::Actor;
use reqwest::StatusCode;
use serde_json::{json, Value};

const NEW_EMAIL: &str = "mariana.lopes@exemplo.com.br";
const NEW_CPF: &str = "529.982.247-25";
const NEW_PASSWORD: &str = "minha casa nova em curitiba";

/// The registration form as a browser without JavaScript posts it.
fn form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(String, &'a str)> {
    let mut fields = vec![
        ("legal_personality", "0"),
        ("name1", "Mariana"),
        ("name2", "Lopes"),
        ("document1", NEW_CPF),
        ("document2", ""),
        ("date_of_birth", "1990-05-17"),
        ("gender", "f"),
        ("email", NEW_EMAIL),
        ("telephone_ddd", "41"),
        ("telephone_number", "98877-6655"),
        ("password", NEW_PASSWORD),
        ("password_confirmation", NEW_PASSWORD),
    ];
    for (name, value) in changes {
        fields.iter_mut().find(|(field, _)| field == name).expect("known field").1 = value;
    }
    fields.into_iter().map(|(name, value)| (format!("form[{name}]"), value)).collect()
}

async fn post_form(portal: &TestPortal, fields: &[(String, &str)]) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (name.as_str(), *value)).collect();
    portal.form_post("/api/cadastrar", &pairs, None).await
}

async fn api(portal: &TestPortal, body: Value) -> reqwest::Response {
    portal.api_post("/api/v1/identification", body).await
}

fn seed_body() -> Value {
    json!({
        "legal_personality": 0,
        "name1": "Mariana",
        "name2": "Lopes",
        "document1": "52998224725",
        "document2": "278657461",
        "date_of_birth": "1990-05-17",
        "gender": "f",
        "email": NEW_EMAIL,
        "password": NEW_PASSWORD,
        "telephone": { "ddd": "41", "number": "988776655" }
    })
}

/// A registration just sent: no session yet, a code went to the e-mail, and the code page
/// (entered with that code) signs in and goes to the welcome. The session cookie.
async fn confirm_registration(portal: &TestPortal, created: &reqwest::Response) -> String {
    let to = location(created);
    assert!(to.starts_with("/entrar/codigo/confirmar?") && to.contains("motivo=cadastro"), "{to}");
    assert!(session_cookie(created.headers()).is_none(), "no session before the e-mail is confirmed");
    let page = portal.get(&to, None).await.text().await.unwrap();
    assert!(page.contains("Confirme seu e-mail") && page.contains("Confirmar e entrar"), "{page}");
    let code = code_sent_to(portal, NEW_EMAIL).await;
    let confirmed = portal
        .form_post(
            "/api/entrar-codigo-confirmar",
            &[
                ("challenge", query_value(&to, "desafio").as_str()),
                ("code", code.as_str()),
                ("channel", "email"),
                ("next", "/meu-imovel?bem-vindo=1"),
                ("reason", "cadastro"),
            ],
            None,
        )
        .await;
    assert_eq!(location(&confirmed), "/meu-imovel?bem-vindo=1");
    session_cookie(confirmed.headers()).expect("signed in by the code")
}

/// The page a refused form sends its browser back to, with the draft cookie it was given.
async fn draft_page(portal: &TestPortal, refused: &reqwest::Response) -> String {
    let visitor = set_cookie_named(refused.headers(), "portal_rascunho").expect("a draft cookie");
    portal.get(&location(refused), Some(&visitor)).await.text().await.unwrap()
}

#[tokio::test]
async fn a_refused_form_comes_back_filled_in_with_a_message_per_field_and_then_registers() {
    let portal = TestPortal::start().await;
    let refused = post_form(
        &portal,
        &form(&[
            ("name1", "Ana"),
            ("document1", "529.982.247-26"),
            ("telephone_ddd", "20"),
            ("date_of_birth", "2999-01-01"),
            ("password", "12345678"),
            ("password_confirmation", "12345678"),
        ]),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FOUND);
    let back = location(&refused);
    assert!(back.starts_with("/cadastro?rascunho="), "{back}");
    assert!(session_cookie(refused.headers()).is_none(), "no account, no session");

    // Only the browser that sent the form sees it again: the id alone shows nothing.
    let visitor = set_cookie_named(refused.headers(), "portal_rascunho").expect("a draft cookie");
    for stranger in [None, Some("portal_rascunho=00112233445566778899aabbccddeeff")] {
        let page = portal.get(&back, stranger).await.text().await.unwrap();
        assert!(!page.contains("mariana.lopes@exemplo.com.br") && !page.contains("CPF inválido"));
    }
    let page = portal.get(&back, Some(&visitor)).await.text().await.unwrap();
    for message in [
        "Escreva o nome com mais de 3 caracteres",
        "CPF inválido",
        "DDD inexistente",
        "A data deve ser anterior a hoje",
        "Esta senha está entre as mais usadas",
        "Falta corrigir 5 campos",
    ] {
        assert!(page.contains(message), "missing {message:?}");
    }
    // What was typed comes back, except the passwords; no personal data went into the URL.
    for typed in ["value=\"Lopes\"", "value=\"mariana.lopes@exemplo.com.br\"", "value=\"98877-6655\""] {
        assert!(page.contains(typed), "missing {typed}");
    }
    assert!(!page.contains("12345678"), "passwords are never kept");
    assert!(page.contains("aria-invalid=\"true\""));
    // The URL is the page and a random draft id, nothing else (the id itself is random hex,
    // so it is checked for its shape, not for digits the CPF happens to share).
    let draft_id = back.strip_prefix("/cadastro?rascunho=").unwrap();
    assert!(draft_id.len() == 32 && draft_id.chars().all(|c| c.is_ascii_hexdigit()), "{back}");

    let created = post_form(&portal, &form(&[])).await;
    let cookie = confirm_registration(&portal, &created).await;
    let home = portal.get("/meu-imovel?bem-vindo=1", Some(&cookie)).await.text().await.unwrap();
    assert!(home.contains("Cadastro criado"), "welcome notice");
    assert!(home.contains("Nenhum contrato encontrado"), "a new buyer has no contract yet");

    let welcome = portal.portal.store.recent_outbox(5).await.unwrap();
    assert!(welcome.iter().any(|m| m.destination == NEW_EMAIL && m.subject.contains("Bem-vindo")));
    let events = portal.portal.store.recent_audit_events(10).await.unwrap();
    assert!(events.iter().any(|event| event.action == "registered" && event.detail == "PF"));
    assert!(events.iter().any(|event| event.action == "email_confirmed"));
    portal.login(NEW_EMAIL, NEW_PASSWORD).await;
    portal.login(NEW_CPF, NEW_PASSWORD).await;

    // The same person cannot register twice: both duplicates are named.
    let again = post_form(&portal, &form(&[])).await;
    let page = draft_page(&portal, &again).await;
    assert!(page.contains("Já existe um cadastro com este CPF"));
    assert!(page.contains("Já existe um cadastro com este e-mail"));
}

#[tokio::test]
async fn companies_register_with_a_cnpj_and_an_expired_or_unknown_draft_shows_an_empty_form() {
    let portal = TestPortal::start().await;
    let refused = post_form(
        &portal,
        &form(&[("legal_personality", "1"), ("name1", "Construtora Exemplo Ltda"), ("name2", "")]),
    )
    .await;
    let back = location(&refused);
    let page = draft_page(&portal, &refused).await;
    assert!(page.contains("Para pessoa jurídica, informe um CNPJ."));
    assert!(page.contains("value=\"Construtora Exemplo Ltda\""));

    portal.clock.advance(time::Duration::minutes(21));
    let visitor = set_cookie_named(refused.headers(), "portal_rascunho").unwrap();
    let expired = portal.get(&back, Some(&visitor)).await.text().await.unwrap();
    assert!(!expired.contains("Construtora Exemplo Ltda") && expired.contains("Criar cadastro"));
    let unknown = portal.get("/cadastro?rascunho=nada", None).await;
    assert_eq!(unknown.status(), StatusCode::OK);

    let created = post_form(
        &portal,
        &form(&[
            ("legal_personality", "1"),
            ("name1", "Construtora Exemplo Ltda"),
            ("name2", "Exemplo Obras"),
            ("document1", "11.222.333/0001-81"),
            ("gender", ""),
        ]),
    )
    .await;
    assert!(location(&created).starts_with("/entrar/codigo/confirmar?"), "{}", location(&created));
    let events = portal.portal.store.recent_audit_events(5).await.unwrap();
    assert!(events.iter().any(|event| event.action == "registered" && event.detail == "PJ"));
}

#[tokio::test]
async fn staff_can_close_registration_and_the_page_says_how_to_get_access() {
    let portal = TestPortal::start().await;
    portal.portal.set_registration_open(false, Actor::System).await.unwrap();
    let page = portal.get("/cadastro", None).await.text().await.unwrap();
    assert!(page.contains("O cadastro pelo site está desativado"));
    assert!(page.contains("href=\"/primeiro-acesso\""));
    assert!(page.contains("relacionamento@horizonte.exemplo.com.br"));
    assert!(!page.contains("form[name1]"), "no form while closed");

    let refused = post_form(&portal, &form(&[])).await;
    assert_eq!(location(&refused), "/cadastro?erro=cadastro-fechado");
    let api_refused = api(&portal, seed_body()).await;
    assert_eq!(api_refused.status(), StatusCode::FORBIDDEN);
    let body: Value = api_refused.json().await.unwrap();
    assert_eq!(body["erro"]["codigo"], "cadastro_fechado");
    assert!(portal.portal.store.recent_outbox(5).await.unwrap().iter().all(|m| m.destination != NEW_EMAIL));

    portal.portal.set_registration_open(true, Actor::System).await.unwrap();
    assert_eq!(api(&portal, seed_body()).await.status(), StatusCode::CREATED);
    let events = portal.portal.store.recent_audit_events(10).await.unwrap();
    assert!(events.iter().any(|event| event.action == "registration_closed"));
}

#[tokio::test]
async fn api_registration_answers_a_challenge_or_every_field_error() {
    let portal = TestPortal::start().await;
    let mut invalid = seed_body();
    invalid["name1"] = json!("Ana");
    invalid["document1"] = json!("123");
    invalid["email"] = json!("sem-arroba");
    invalid["gender"] = json!("x");
    invalid["telephone"] = json!({ "ddd": 20, "number": 988776655 });
    invalid["password"] = json!("123456");
    let response = api(&portal, invalid).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["erro"]["codigo"], "dados_invalidos");
    let fields = body["erro"]["campos"].as_object().unwrap();
    let mut names: Vec<&str> = fields.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, ["document1", "email", "gender", "name1", "password", "telephone.ddd"]);
    assert_eq!(fields["password"], "A senha deve ter pelo menos 8 caracteres.");

    let malformed = portal
        .client
        .post(portal.url("/api/v1/identification"))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);

    let created = api(&portal, seed_body()).await;
    let status = created.status();
    let body: Value = created.json().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert!(body["id"].as_i64().is_some() && body.get("access_token").is_none(), "{body}");
    let challenge = body["desafio"].as_str().unwrap();
    let code = code_sent_to(&portal, NEW_EMAIL).await;
    let validated = portal
        .api_post("/api/v1/validar-autenticacao", json!({ "desafio": challenge, "codigo": code }))
        .await;
    assert_eq!(validated.status(), StatusCode::OK);
    let validated: Value = validated.json().await.unwrap();
    let token = validated["token"].as_str().unwrap();
    let contracts =
        portal.client.get(portal.url("/api/v1/contrato")).bearer_auth(token).send().await.unwrap();
    assert_eq!(contracts.status(), StatusCode::OK);
    assert_eq!(contracts.json::<Value>().await.unwrap()["contratos"], json!([]));

    let duplicate: Value = api(&portal, seed_body()).await.json().await.unwrap();
    assert!(duplicate["erro"]["campos"]["document1"].as_str().unwrap().starts_with("Já existe"));
    assert!(duplicate["erro"]["campos"]["email"].as_str().unwrap().starts_with("Já existe"));
}

#[tokio::test]
async fn registration_is_rate_limited_per_ip() {
    let portal = TestPortal::start().await;
    let mut body = seed_body();
    body["name1"] = json!("Ana");
    for _ in 0..20 {
        assert_eq!(api(&portal, body.clone()).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let limited = api(&portal, seed_body()).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().get("retry-after").is_some());
    let page = post_form(&portal, &form(&[])).await;
    assert!(location(&page).starts_with("/cadastro?erro=limite-"), "{}", location(&page));
    portal.clock.advance(time::Duration::hours(1));
    assert_eq!(api(&portal, seed_body()).await.status(), StatusCode::CREATED);
}

async fn exists(portal: &TestPortal, kind: &str, value: &str) -> reqwest::Response {
    portal
        .client
        .get(portal.url(&format!("/api/v1/identification/exists/{kind}")))
        .query(&[("value", value)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn exists_check_answers_for_email_and_document_and_is_rate_limited() {
    let portal = TestPortal::start().await;
    let answer = |response: reqwest::Response| async move {
        assert_eq!(response.status(), StatusCode::OK);
        response.json::<Value>().await.unwrap()["exists"].as_bool().unwrap()
    };
    assert!(answer(exists(&portal, "email", "Ana.Souza@exemplo.com.br").await).await);
    assert!(!answer(exists(&portal, "email", NEW_EMAIL).await).await);
    assert!(answer(exists(&portal, "document1", "22255588846").await).await);
    assert!(answer(exists(&portal, "document1", COMPANY_CNPJ).await).await);
    // The seed sends the value as a JSON body, even with GET.
    let with_body = portal
        .client
        .get(portal.url("/api/v1/identification/exists/document1"))
        .json(&json!({ "value": CARLOS_CPF }))
        .send()
        .await
        .unwrap();
    assert!(answer(with_body).await);

    let invalid = exists(&portal, "document1", "111.444.777-36").await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = invalid.json().await.unwrap();
    assert_eq!(body["erro"]["campos"]["document1"], "CPF inválido: confira os dígitos.");
    assert_eq!(exists(&portal, "telefone", "1").await.status(), StatusCode::BAD_REQUEST);

    // The form's live check (a server function) gives the sentence for the field.
    let live = portal
        .client
        .post(portal.url("/api/cadastro-verificar"))
        .header("origin", &portal.base)
        .form(&[("kind", "email"), ("value", ANA)])
        .send()
        .await
        .unwrap();
    assert_eq!(live.status(), StatusCode::OK);
    assert!(live.text().await.unwrap().contains("Já existe um cadastro com este e-mail"));

    // 60 checks per 10 minutes per IP (7 used above), then 429 until the window ends.
    for _ in 7..60 {
        assert_eq!(exists(&portal, "email", NEW_EMAIL).await.status(), StatusCode::OK);
    }
    let limited = exists(&portal, "email", NEW_EMAIL).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: i64 = limited.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=600).contains(&retry));
    portal.clock.advance(time::Duration::seconds(retry));
    assert_eq!(exists(&portal, "email", NEW_EMAIL).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn guessable_passwords_are_refused_with_a_sentence_under_the_field() {
    let portal = TestPortal::start().await;
    for weak in ["aaaaaaaa", "abcd1234", "11112222"] {
        let mut body = seed_body();
        body["password"] = json!(weak);
        let response = api(&portal, body).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{weak}");
        let error: Value = response.json().await.unwrap();
        let message = error["erro"]["campos"]["password"].as_str().unwrap_or_default().to_string();
        assert!(
            message.contains("fácil de adivinhar") || message.contains("mais usadas"),
            "{weak}: {message}"
        );
    }
    let mut body = seed_body();
    body["password"] = json!("uma frase longa e boa");
    assert_eq!(api(&portal, body).await.status(), StatusCode::CREATED, "a plain phrase is fine");
}

#[tokio::test]
async fn an_unconfirmed_registration_cannot_sign_in_until_its_code_comes_back() {
    let portal = TestPortal::start().await;
    // Someone registers with an address that is not theirs: nothing signs in.
    assert_eq!(api(&portal, seed_body()).await.status(), StatusCode::CREATED);
    let mail = portal.portal.store.recent_outbox(5).await.unwrap();
    assert!(mail.iter().all(|m| !m.subject.contains("Bem-vindo")), "no welcome before confirmation");

    // The right password only leads to the code page (a new code goes out), in pages and API.
    let login = portal
        .form_post(
            "/api/entrar",
            &[("identifier", NEW_CPF), ("password", NEW_PASSWORD), ("next", "/documentos")],
            None,
        )
        .await;
    let to = location(&login);
    assert!(to.starts_with("/entrar/codigo/confirmar?") && to.contains("motivo=cadastro"), "{to}");
    assert!(session_cookie(login.headers()).is_none());
    let token =
        portal.api_post("/api/v1/autenticacao", json!({ "login": NEW_EMAIL, "senha": NEW_PASSWORD })).await;
    assert_eq!(token.status(), StatusCode::FORBIDDEN);
    let refused: Value = token.json().await.unwrap();
    assert_eq!(refused["erro"]["codigo"], "email_nao_confirmado", "{refused}");
    assert!(refused["erro"]["desafio"].is_string() && refused.get("token").is_none());

    // A wrong password says nothing about the account's state.
    let wrong = portal
        .form_post(
            "/api/entrar",
            &[("identifier", NEW_CPF), ("password", "outra senha qualquer"), ("next", "/")],
            None,
        )
        .await;
    assert!(location(&wrong).contains("erro=credenciais"), "{}", location(&wrong));

    // The newest code confirms; after that the password signs in directly.
    let code = code_sent_to(&portal, NEW_EMAIL).await;
    let challenge = refused["erro"]["desafio"].as_str().unwrap();
    let confirmed = portal
        .api_post("/api/v1/validar-autenticacao", json!({ "desafio": challenge, "codigo": code }))
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    portal.login(NEW_EMAIL, NEW_PASSWORD).await;
    let mail = portal.portal.store.recent_outbox(10).await.unwrap();
    assert_eq!(mail.iter().filter(|m| m.subject.contains("Bem-vindo")).count(), 1, "welcomed once");
}
