//! What must hold when many requests (or portal processes) act on one row at once: a code is
//! used once, a burst gets no more guesses than the limit, a rate-limit window loses no hit.
//! Each test fires 20 requests together on a multi-threaded runtime; `.ci/test` runs this file
//! on SQLite and on PostgreSQL.

mod common;

use common::*;
use portal::ratelimit::RateLimit;
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio::task::JoinSet;

const BURST: usize = 20;

/// Sends the same JSON POST `BURST` times at once; the statuses, in no particular order.
async fn burst(portal: &TestPortal, path: &str, body: Value) -> Vec<StatusCode> {
    let mut requests = JoinSet::new();
    for _ in 0..BURST {
        let request = portal.client.post(portal.url(path)).json(&body);
        requests.spawn(async move { request.send().await.expect("request").status() });
    }
    requests.join_all().await
}

fn count(statuses: &[StatusCode], wanted: StatusCode) -> usize {
    statuses.iter().filter(|status| **status == wanted).count()
}

async fn request_code(portal: &TestPortal, path: &str) -> (String, String) {
    let response = portal.client.post(portal.url(path)).json(&json!({ "login": ANA })).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::ACCEPTED, "{path}");
    let body: Value = response.json().await.unwrap();
    let challenge = body["desafio"].as_str().expect("a challenge").to_string();
    (challenge, code_sent_to(portal, ANA).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_login_code_fired_twenty_times_opens_one_session() {
    let portal = TestPortal::start().await;
    let (challenge, code) = request_code(&portal, "/api/v1/codigo-verificacao").await;
    let statuses =
        burst(&portal, "/api/v1/validar-autenticacao", json!({ "desafio": challenge, "codigo": code })).await;
    assert_eq!(count(&statuses, StatusCode::OK), 1, "{statuses:?}");
    assert_eq!(count(&statuses, StatusCode::UNAUTHORIZED), BURST - 1, "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_reset_code_fired_twenty_times_sets_the_password_once() {
    let portal = TestPortal::start().await;
    let (challenge, code) = request_code(&portal, "/api/v1/resetar-senha-email").await;
    let body = json!({ "desafio": challenge, "codigo": code, "senha": "outra-senha-boa-2026" });
    let statuses = burst(&portal, "/api/v1/resetar-senha", body).await;
    assert_eq!(count(&statuses, StatusCode::OK), 1, "{statuses:?}");
    let changes = portal.portal.store.recent_audit_events(100).await.unwrap();
    let changed = changes.iter().filter(|event| event.action == "password_changed").count();
    assert_eq!(changed, 1, "one password change, one notice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_wrong_codes_gets_five_guesses_and_burns_the_code() {
    let portal = TestPortal::start().await;
    let (challenge, code) = request_code(&portal, "/api/v1/codigo-verificacao").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let statuses =
        burst(&portal, "/api/v1/validar-autenticacao", json!({ "desafio": challenge, "codigo": wrong }))
            .await;
    assert_eq!(count(&statuses, StatusCode::UNAUTHORIZED), BURST, "{statuses:?}");
    let events = portal.portal.store.recent_audit_events(200).await.unwrap();
    let compared = events.iter().filter(|event| event.action == "code_failed").count();
    assert_eq!(compared, 5, "only five of the twenty guesses were compared");
    let right = portal
        .client
        .post(portal.url("/api/v1/validar-autenticacao"))
        .json(&json!({ "desafio": challenge, "codigo": code }))
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), StatusCode::UNAUTHORIZED, "the code is burnt");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_right_code_among_wrong_ones_still_works_and_only_wrong_ones_count() {
    let portal = TestPortal::start().await;
    let (challenge, code) = request_code(&portal, "/api/v1/codigo-verificacao").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let check = |guess: &str| {
        portal
            .client
            .post(portal.url("/api/v1/validar-autenticacao"))
            .json(&json!({ "desafio": challenge, "codigo": guess }))
    };
    for _ in 0..4 {
        assert_eq!(check(wrong).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(check(&code).send().await.unwrap().status(), StatusCode::OK, "the fifth guess is right");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_code_requests_at_once_send_exactly_the_destination_limit() {
    let portal = TestPortal::start().await;
    let statuses = burst(&portal, "/api/v1/codigo-verificacao", json!({ "login": ANA })).await;
    let limit = portal::ratelimit::CODE_SEND_PER_DESTINATION.limit as usize;
    assert_eq!(count(&statuses, StatusCode::ACCEPTED), limit, "{statuses:?}");
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), BURST - limit, "{statuses:?}");
    let outbox = portal.portal.store.recent_outbox(100).await.unwrap();
    assert_eq!(outbox.iter().filter(|message| message.destination == ANA).count(), limit);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_rate_limit_bucket_hit_twenty_times_at_once_loses_no_hit() {
    let portal = TestPortal::start().await;
    let rule = RateLimit { name: "test-burst", limit: 7, window_seconds: 60 };
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut hits = JoinSet::new();
    for _ in 0..BURST {
        let store = portal.portal.store.clone();
        hits.spawn(async move { store.hit_rate_limit(&rule, "one-key", now).await.expect("store") });
    }
    let results = hits.join_all().await;
    assert_eq!(results.iter().filter(|result| result.is_ok()).count(), 7, "{results:?}");
    let retry = results.iter().find_map(|result| result.err()).expect("some were refused");
    assert_eq!(retry.0, 60);
    assert!(portal.portal.store.rate_limit_exceeded(&rule, "one-key", now + 59).await.unwrap().is_some());
    assert!(portal.portal.store.rate_limit_exceeded(&rule, "one-key", now + 60).await.unwrap().is_none());
    assert!(
        portal.portal.store.hit_rate_limit(&rule, "one-key", now + 60).await.unwrap().is_ok(),
        "new window"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_api_token_revoked_twenty_times_at_once_ends_one_session_once() {
    let portal = TestPortal::start().await;
    let token = portal.api_token(ANA).await;
    let mut requests = JoinSet::new();
    for _ in 0..BURST {
        let request = portal.client.post(portal.url("/api/v1/sair")).bearer_auth(&token);
        requests.spawn(async move { request.send().await.expect("request").status() });
    }
    let statuses = requests.join_all().await;
    assert_eq!(count(&statuses, StatusCode::NO_CONTENT), 1, "{statuses:?}");
    assert_eq!(count(&statuses, StatusCode::UNAUTHORIZED), BURST - 1, "{statuses:?}");
    let after = portal.client.get(portal.url("/api/v1/pessoa")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED, "the token no longer works");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_wrong_passwords_at_once_verify_at_most_the_account_limit() {
    let portal = TestPortal::start().await;
    let body = json!({ "login": ANA, "senha": "senha-errada-de-proposito" });
    let mut requests = JoinSet::new();
    for _ in 0..30 {
        let request = portal.client.post(portal.url("/api/v1/autenticacao")).json(&body);
        requests.spawn(async move { request.send().await.expect("request").status() });
    }
    let statuses = requests.join_all().await;
    let limit = portal::ratelimit::LOGIN_FAILURES_PER_ACCOUNT.limit as usize;
    assert_eq!(count(&statuses, StatusCode::UNAUTHORIZED), limit, "{statuses:?}");
    assert_eq!(count(&statuses, StatusCode::TOO_MANY_REQUESTS), 30 - limit, "{statuses:?}");
    let events = portal.portal.store.recent_audit_events(200).await.unwrap();
    assert_eq!(events.iter().filter(|event| event.action == "login_failed").count(), limit);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_right_passwords_at_once_all_sign_in() {
    // Logins waiting for a hashing slot hold no count against the failures' lock: a burst of
    // right passwords (a partner signing many sessions in) is never refused as if it guessed.
    let portal = TestPortal::start().await;
    let body = json!({ "login": ANA, "senha": PASSWORD });
    let mut requests = JoinSet::new();
    for _ in 0..30 {
        let request = portal.client.post(portal.url("/api/v1/autenticacao")).json(&body);
        requests.spawn(async move { request.send().await.expect("request").status() });
    }
    let statuses = requests.join_all().await;
    assert_eq!(count(&statuses, StatusCode::OK), 30, "{statuses:?}");
    // And the lock still holds for wrong ones afterwards: all ten failures are left to count.
    let wrong = json!({ "login": ANA, "senha": "senha-errada-de-proposito" });
    let statuses = burst(&portal, "/api/v1/autenticacao", wrong).await;
    let limit = portal::ratelimit::LOGIN_FAILURES_PER_ACCOUNT.limit as usize;
    assert_eq!(count(&statuses, StatusCode::UNAUTHORIZED), limit, "{statuses:?}");
}

#[tokio::test]
async fn every_spelling_of_one_account_shares_one_lock_and_right_passwords_do_not_count() {
    let portal = TestPortal::start().await;
    let login = |login: &str, password: &str| {
        portal
            .client
            .post(portal.url("/api/v1/autenticacao"))
            .json(&json!({ "login": login, "senha": password }))
    };
    for _ in 0..3 {
        assert_eq!(login(COMPANY_CNPJ, PASSWORD).send().await.unwrap().status(), StatusCode::OK);
    }
    let spellings = [
        "12.ABC.345/01DE-35",
        "12ABC34501DE35",
        "12abc34501de35",
        "contato@mirante-participacoes.exemplo.com.br",
    ];
    let limit = portal::ratelimit::LOGIN_FAILURES_PER_ACCOUNT.limit as usize;
    for attempt in 0..limit {
        let spelling = spellings[attempt % spellings.len()];
        let status = login(spelling, "senha-errada-de-proposito").send().await.unwrap().status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{spelling}");
    }
    for spelling in spellings {
        let status = login(spelling, PASSWORD).send().await.unwrap().status();
        assert_eq!(
            status,
            StatusCode::TOO_MANY_REQUESTS,
            "{spelling}: the account is locked, whatever the spelling"
        );
    }
}

/// A pending e-mail change of `cookie`'s account to `email`: its id and code.
async fn pending_email_change(portal: &TestPortal, cookie: &str, email: &str) -> (String, String) {
    let asked = portal
        .form_post("/api/contato-trocar", &[("channel", "email"), ("value", email)], Some(cookie))
        .await;
    (query_value(&location(&asked), "troca"), code_sent_to(portal, email).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_accounts_confirming_one_address_at_once_give_it_to_exactly_one() {
    let portal = TestPortal::start().await;
    let wanted = "disputado@exemplo.com.br";
    let ana = portal.login(ANA, PASSWORD).await;
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let ana_change = pending_email_change(&portal, &ana, wanted).await;
    let company_change = pending_email_change(&portal, &company, wanted).await;
    let mut requests = JoinSet::new();
    for round in 0..BURST {
        let (cookie, (change, code)) =
            if round % 2 == 0 { (&ana, &ana_change) } else { (&company, &company_change) };
        let request = portal
            .client
            .post(portal.url("/api/contato-confirmar"))
            .header("accept", "text/html")
            .header("sec-fetch-site", "same-origin")
            .header("cookie", cookie.as_str())
            .form(&[("change", change.as_str()), ("code", code.as_str()), ("channel", "email")]);
        requests.spawn(async move {
            let response = request.send().await.expect("request");
            (response.status(), location(&response))
        });
    }
    let answers = requests.join_all().await;
    assert!(answers.iter().all(|(status, _)| *status == StatusCode::FOUND), "{answers:?}");
    let applied = answers.iter().filter(|(_, to)| to == "/meus-dados?salvo=contato").count();
    assert_eq!(applied, 1, "{answers:?}");
    let refused = answers.iter().filter(|(_, to)| to.ends_with("erro=contato-indisponivel")).count();
    assert_eq!(refused, 1, "the other account's change is refused once, then used up: {answers:?}");
    portal.login(wanted, PASSWORD).await;
}
