//! One-time code login (pages without JavaScript and the partner API), rate limits and tokens.

mod common;

use common::*;
use reqwest::header::SET_COOKIE;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn code_login_without_javascript_opens_a_session() {
    let portal = TestPortal::start().await;
    let response = portal
        .form_post(
            "/api/entrar-codigo",
            &[("identifier", ANA), ("channel", "email"), ("next", "/meu-imovel")],
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let to_confirm = location(&response);
    assert!(to_confirm.starts_with("/entrar/codigo/confirmar?desafio="), "{to_confirm}");
    let page = portal.get(&to_confirm, None).await.text().await.unwrap();
    assert!(page.contains("Se houver um cadastro com esses dados"));

    let code = code_sent_to(&portal, ANA).await;
    let challenge = query_value(&to_confirm, "desafio");
    let response = portal
        .form_post(
            "/api/entrar-codigo-confirmar",
            &[("challenge", &challenge), ("code", &code), ("channel", "email"), ("next", "/meu-imovel")],
            None,
        )
        .await;
    assert_eq!(location(&response), "/meu-imovel");
    let cookie = session_cookie(response.headers()).expect("session cookie");
    assert_eq!(portal.get("/meu-imovel", Some(&cookie)).await.status(), StatusCode::OK);

    // Single use: the same code does not open a second session.
    let again = portal
        .form_post(
            "/api/entrar-codigo-confirmar",
            &[("challenge", &challenge), ("code", &code), ("channel", "email"), ("next", "/meu-imovel")],
            None,
        )
        .await;
    assert!(again.headers().get(SET_COOKIE).is_none());
    assert!(location(&again).contains("erro=codigo"));
    let events = portal.portal.store.recent_audit_events(10).await.unwrap();
    assert!(events.iter().any(|event| event.action == "code_sent"));
    assert!(events.iter().all(|event| !event.detail.contains(&code)), "codes never reach the audit trail");
}

#[tokio::test]
async fn unknown_accounts_get_the_same_answer_and_no_message() {
    let portal = TestPortal::start().await;
    let known = portal.api_post("/api/v1/codigo-verificacao", json!({ "login": ANA })).await;
    let unknown =
        portal.api_post("/api/v1/codigo-verificacao", json!({ "login": "ninguem@exemplo.com.br" })).await;
    assert_eq!(known.status(), StatusCode::ACCEPTED);
    assert_eq!(unknown.status(), StatusCode::ACCEPTED);
    let known: Value = known.json().await.unwrap();
    let unknown: Value = unknown.json().await.unwrap();
    let keys = |value: &Value| value.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&known), keys(&unknown));
    assert_eq!(known["mensagem"], unknown["mensagem"]);
    assert_eq!(known["desafio"].as_str().unwrap().len(), unknown["desafio"].as_str().unwrap().len());
    let outbox = portal.portal.store.recent_outbox(10).await.unwrap();
    assert_eq!(outbox.len(), 1, "only the real account got a message");
    // A guessed code for the unknown account's challenge never works.
    for guess in ["000000", "123456"] {
        let response = portal
            .api_post(
                "/api/v1/validar-autenticacao",
                json!({ "desafio": unknown["desafio"], "codigo": guess }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn sms_goes_only_to_a_verified_phone() {
    let portal = TestPortal::start().await;
    let response =
        portal.api_post("/api/v1/codigo-verificacao", json!({ "cpf": CARLOS_CPF, "canal": "sms" })).await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let outbox = portal.portal.store.recent_outbox(10).await.unwrap();
    assert_eq!(outbox[0].channel, "sms");
    assert_eq!(outbox[0].destination, "41991234567");
    assert!(outbox[0].body_text.len() < 160, "fits one SMS");
    let bad = portal.api_post("/api/v1/codigo-verificacao", json!({ "login": ANA, "canal": "pombo" })).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let error: Value = bad.json().await.unwrap();
    assert_eq!(error["erro"]["codigo"], "canal_invalido");
}

#[tokio::test]
async fn five_wrong_codes_burn_the_challenge_and_a_new_code_replaces_the_old() {
    let portal = TestPortal::start().await;
    let first: Value =
        portal.api_post("/api/v1/codigo-verificacao", json!({ "login": ANA })).await.json().await.unwrap();
    let code = code_sent_to(&portal, ANA).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let response = portal
            .api_post("/api/v1/validar-autenticacao", json!({ "desafio": first["desafio"], "codigo": wrong }))
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["erro"]["codigo"], "codigo_invalido");
    }
    let burnt = portal
        .api_post("/api/v1/validar-autenticacao", json!({ "desafio": first["desafio"], "codigo": code }))
        .await;
    assert_eq!(burnt.status(), StatusCode::UNAUTHORIZED, "the right code no longer works after 5 wrong ones");

    let second: Value =
        portal.api_post("/api/v1/codigo-verificacao", json!({ "login": ANA })).await.json().await.unwrap();
    let second_code = code_sent_to(&portal, ANA).await;
    let third: Value =
        portal.api_post("/api/v1/codigo-verificacao", json!({ "login": ANA })).await.json().await.unwrap();
    let replaced = portal
        .api_post(
            "/api/v1/validar-autenticacao",
            json!({ "desafio": second["desafio"], "codigo": second_code }),
        )
        .await;
    assert_eq!(replaced.status(), StatusCode::UNAUTHORIZED, "a new code invalidates the previous one");
    let third_code = code_sent_to(&portal, ANA).await;
    let ok = portal
        .api_post(
            "/api/v1/validar-autenticacao",
            json!({ "desafio": third["desafio"], "codigo": third_code }),
        )
        .await;
    assert_eq!(ok.status(), StatusCode::OK);
}

#[tokio::test]
async fn codes_expire_after_ten_minutes() {
    let portal = TestPortal::start().await;
    let challenge: Value =
        portal.api_post("/api/v1/codigo-verificacao", json!({ "login": ANA })).await.json().await.unwrap();
    let code = code_sent_to(&portal, ANA).await;
    portal.clock.advance(time::Duration::seconds(portal::auth::codes::CODE_LIFETIME_SECONDS + 1));
    let response = portal
        .api_post("/api/v1/validar-autenticacao", json!({ "desafio": challenge["desafio"], "codigo": code }))
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn chatbot_flow_code_then_token_then_contracts_and_revocation() {
    let portal = TestPortal::start().await;
    let challenge: Value = portal
        .api_post("/api/v1/codigo-verificacao", json!({ "cpf": "12.ABC.345/01DE-35" }))
        .await
        .json()
        .await
        .unwrap();
    let code = code_sent_to(&portal, "contato@mirante-participacoes.exemplo.com.br").await;
    let token: Value = portal
        .api_post("/api/v1/validar-autenticacao", json!({ "desafio": challenge["desafio"], "codigo": code }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(token["tipo"], "Bearer");
    let bearer = token["token"].as_str().unwrap().to_string();
    assert_eq!(bearer.split('.').count(), 3, "a JWT");

    let contracts = |token: String| {
        portal
            .client
            .get(portal.url("/api/v1/contrato"))
            .header("authorization", format!("Bearer {token}"))
            .send()
    };
    let response = contracts(bearer.clone()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    let numbers: Vec<&str> =
        body["contratos"].as_array().unwrap().iter().map(|c| c["number"].as_str().unwrap()).collect();
    assert_eq!(numbers.len(), 2);
    assert!(!numbers.contains(&"HZ-2024-0117"), "only the caller's contracts");

    // Tampered, wrong-algorithm and missing tokens are 401 in the error shape.
    let mut tampered = bearer.clone();
    tampered.pop();
    tampered.push(if bearer.ends_with('A') { 'B' } else { 'A' });
    let unsigned = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.", bearer.split('.').nth(1).unwrap());
    for bad in [tampered, unsigned, String::new()] {
        let response = contracts(bad).await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["erro"]["codigo"], "token_invalido");
    }

    // Ending the session revokes the token.
    let logout = portal.client.post(portal.url("/api/v1/sair")).bearer_auth(&bearer).send().await.unwrap();
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    assert_eq!(contracts(bearer).await.unwrap().status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn api_tokens_expire_with_their_lifetime() {
    let portal = TestPortal::start().await;
    let token: Value = portal
        .api_post("/api/v1/autenticacao", json!({ "email": ANA, "senha": PASSWORD }))
        .await
        .json()
        .await
        .unwrap();
    let bearer = token["token"].as_str().unwrap().to_string();
    let get = || portal.client.get(portal.url("/api/v1/contrato")).bearer_auth(&bearer).send();
    assert_eq!(get().await.unwrap().status(), StatusCode::OK);
    portal.clock.advance(time::Duration::seconds(portal::auth::jwt::API_TOKEN_LIFETIME + 1));
    assert_eq!(get().await.unwrap().status(), StatusCode::UNAUTHORIZED);

    let wrong = portal.api_post("/api/v1/autenticacao", json!({ "login": ANA, "senha": "errada" })).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let malformed = portal
        .client
        .post(portal.url("/api/v1/autenticacao"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    let error: Value = malformed.json().await.unwrap();
    assert_eq!(error["erro"]["codigo"], "requisicao_invalida");
}

#[tokio::test]
async fn code_sending_is_rate_limited_per_destination_with_retry_after_and_recovers() {
    let portal = TestPortal::start().await;
    for _ in 0..3 {
        let response = portal.api_post("/api/v1/codigo-verificacao", json!({ "login": ANA })).await;
        assert_eq!(response.status(), StatusCode::ACCEPTED);
    }
    // Another spelling of the same account counts for the same destination.
    let limited =
        portal.api_post("/api/v1/codigo-verificacao", json!({ "login": "ANA.SOUZA@exemplo.com.br" })).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: i64 = limited.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 900, "{retry}");
    let page = portal
        .form_post(
            "/api/entrar-codigo",
            &[("identifier", ANA), ("channel", "email"), ("next", "/meu-imovel")],
            None,
        )
        .await;
    let back = location(&page);
    assert!(back.starts_with("/entrar/codigo?erro=limite-"), "{back}");
    let text = portal.get(&back, None).await.text().await.unwrap();
    assert!(text.contains("Muitas tentativas seguidas"), "the page says when to retry");

    // The limit is a window, never a permanent lock-out.
    portal.clock.advance(time::Duration::seconds(retry));
    let again = portal.api_post("/api/v1/codigo-verificacao", json!({ "login": ANA })).await;
    assert_eq!(again.status(), StatusCode::ACCEPTED);
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_account_only_for_a_window() {
    let portal = TestPortal::start().await;
    for _ in 0..10 {
        let response =
            portal.api_post("/api/v1/autenticacao", json!({ "login": ANA, "senha": "errada" })).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let locked = portal.api_post("/api/v1/autenticacao", json!({ "login": ANA, "senha": PASSWORD })).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.headers().get("retry-after").is_some());
    // Another account from the same address is unaffected.
    let other =
        portal.api_post("/api/v1/autenticacao", json!({ "login": CARLOS_CPF, "senha": PASSWORD })).await;
    assert_eq!(other.status(), StatusCode::OK);
    // Code login stays available to the real owner meanwhile.
    let code = portal.api_post("/api/v1/codigo-verificacao", json!({ "login": ANA })).await;
    assert_eq!(code.status(), StatusCode::ACCEPTED);
    portal.clock.advance(time::Duration::seconds(15 * 60));
    let after = portal.api_post("/api/v1/autenticacao", json!({ "login": ANA, "senha": PASSWORD })).await;
    assert_eq!(after.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_development_outbox_page_lists_messages() {
    let portal = TestPortal::start().await;
    portal.api_post("/api/v1/codigo-verificacao", json!({ "login": ANA })).await;
    let page = portal.get("/dev/caixa-de-saida", None).await;
    assert_eq!(page.status(), StatusCode::OK);
    let text = page.text().await.unwrap();
    assert!(text.contains("Caixa de saída") && text.contains(ANA) && text.contains("Seu código de acesso"));
}

#[tokio::test]
async fn seed_001_token_endpoint_grants() {
    let portal = TestPortal::start().await;
    let url = portal.url("/api/v1/identification/authenticated-user");
    let grant = |body: Value, cookie: Option<String>| {
        let mut request = portal.client.post(&url).json(&body);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send()
    };
    let contracts =
        |token: String| portal.client.get(portal.url("/api/v1/contrato")).bearer_auth(token).send();

    // password
    let by_password: Value = grant(
        json!({ "grant_type": "password", "username": ANA, "password": PASSWORD, "scope": "*", "client_id": "", "client_secret": "" }),
        None,
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let token = by_password["access_token"].as_str().unwrap().to_string();
    assert_eq!(contracts(token).await.unwrap().status(), StatusCode::OK);
    let wrong = grant(json!({ "grant_type": "password", "username": ANA, "password": "errada" }), None)
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);

    // persisted: from this site's browser session cookie only
    let cookie = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let persisted = grant(json!({ "grant_type": "persisted" }), Some(cookie)).await.unwrap();
    assert_eq!(persisted.status(), StatusCode::OK);
    let token = persisted.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string();
    let body: Value = contracts(token).await.unwrap().json().await.unwrap();
    assert_eq!(body["contratos"].as_array().unwrap().len(), 2, "the company's contracts");
    let no_session = grant(json!({ "grant_type": "persisted" }), None).await.unwrap();
    assert_eq!(no_session.status(), StatusCode::UNAUTHORIZED);

    // password_recovery_token: "<desafio>:<codigo>" of a code sent by /codigo-verificacao
    let challenge: Value = portal
        .api_post("/api/v1/codigo-verificacao", json!({ "login": CARLOS_CPF }))
        .await
        .json()
        .await
        .unwrap();
    let code = code_sent_to(&portal, "carlos.souza@exemplo.com.br").await;
    let access_token = format!("{}:{code}", challenge["desafio"].as_str().unwrap());
    let recovered =
        grant(json!({ "grant_type": "password_recovery_token", "access_token": access_token }), None)
            .await
            .unwrap();
    assert_eq!(recovered.status(), StatusCode::OK);
    let reused =
        grant(json!({ "grant_type": "password_recovery_token", "access_token": access_token }), None)
            .await
            .unwrap();
    assert_eq!(reused.status(), StatusCode::UNAUTHORIZED, "single use");

    let unknown = grant(json!({ "grant_type": "client_credentials" }), None).await.unwrap();
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    let error: Value = unknown.json().await.unwrap();
    assert_eq!(error["erro"]["codigo"], "grant_type_invalido");
}
