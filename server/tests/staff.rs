//! The back office's identity: staff sign-in with its own cookie and session kind, the same
//! limits as buyers, deactivation and expiry, and buyers and staff kept apart.

mod common;

use common::*;
use portal::staff::{StaffAccess, StaffRole};
use reqwest::StatusCode;

#[tokio::test]
async fn staff_sign_in_opens_the_back_office_and_nothing_of_a_buyer() {
    let portal = TestPortal::start().await;
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    assert!(staff.starts_with("portal_equipe="), "its own cookie: {staff}");
    let page = portal.get("/equipe", Some(&staff)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Painel da equipe") && html.contains("Marina · Administração"), "{html}");

    // A staff session never acts as a buyer: buyer pages send it to the buyer's login.
    let buyer_page = portal.get("/meu-imovel", Some(&staff)).await;
    assert_eq!(buyer_page.status(), StatusCode::FOUND);
    assert!(location(&buyer_page).starts_with("/entrar"));
    // …even when its token is sent under the buyer's cookie name.
    let token = staff.split_once('=').unwrap().1;
    let disguised = portal.get("/meu-imovel", Some(&format!("portal_sessao={token}"))).await;
    assert_eq!(disguised.status(), StatusCode::FOUND);

    // A buyer session never opens /equipe, under either name.
    let ana = portal.login(ANA, PASSWORD).await;
    for cookie in [ana.clone(), format!("portal_equipe={}", ana.split_once('=').unwrap().1)] {
        let refused = portal.get("/equipe", Some(&cookie)).await;
        assert_eq!(refused.status(), StatusCode::FOUND, "{cookie}");
        assert_eq!(location(&refused), "/equipe/entrar?proximo=%2Fequipe");
    }

    // The staff header, not the buyer's.
    let login_page = portal.get("/equipe/entrar", None).await.text().await.unwrap();
    assert!(login_page.contains("site-header--staff") && login_page.contains("Área da equipe"));

    // Sign-out ends the session server-side: the old cookie opens nothing afterwards.
    let out = portal.form_post("/api/equipe/sair", &[], Some(&staff)).await;
    assert_eq!(location(&out), "/equipe/entrar?saiu=1");
    assert_eq!(portal.get("/equipe", Some(&staff)).await.status(), StatusCode::FOUND);
}

#[tokio::test]
async fn refusals_are_the_same_for_unknown_wrong_buyer_and_deactivated() {
    let portal = TestPortal::start().await;
    let id = portal.new_staff("rafael@horizonte.exemplo.com.br", StaffRole::Atendimento, &[]).await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    portal.portal.set_staff_active(&admin, id, false).await.unwrap();
    for (email, password) in [
        ("ninguem@horizonte.exemplo.com.br", STAFF_PASSWORD),
        (STAFF_ADMIN, "senha-errada-de-proposito"),
        (ANA, PASSWORD),
        ("rafael@horizonte.exemplo.com.br", STAFF_PASSWORD),
    ] {
        let response = portal
            .form_post(
                "/api/equipe/entrar",
                &[("email", email), ("password", password), ("next", "/equipe")],
                None,
            )
            .await;
        assert_eq!(response.status(), StatusCode::FOUND, "{email}");
        assert_eq!(
            location(&response),
            "/equipe/entrar?erro=credenciais-equipe&proximo=%2Fequipe",
            "{email}"
        );
        assert!(set_cookie_named(response.headers(), "portal_equipe").is_none());
    }
    let page = portal.get("/equipe/entrar?erro=credenciais-equipe", None).await.text().await.unwrap();
    assert!(page.contains("E-mail ou senha incorretos, ou acesso desativado."));
    // Nothing typed goes back in the URL, and a password typed into the e-mail field does not
    // reach the audit trail whole.
    let events = portal.portal.store.recent_audit_events(10).await.unwrap();
    assert!(events.iter().all(|event| !event.detail.contains("senha-errada")));
    assert!(events
        .iter()
        .any(|event| event.action == "staff_login_failed" && event.detail == "@exemplo.com.br"));
}

#[tokio::test]
async fn deactivation_and_the_last_day_end_access_at_once() {
    let portal = TestPortal::start().await;
    let email = "paula@horizonte.exemplo.com.br";
    let id = portal.new_staff(email, StaffRole::Financeiro, &[]).await;
    let admin = portal.portal.staff_member(1).await.unwrap();
    let paula = portal.staff_login(email, STAFF_PASSWORD).await;
    assert_eq!(portal.get("/equipe", Some(&paula)).await.status(), StatusCode::OK);

    portal.portal.set_staff_active(&admin, id, false).await.unwrap();
    assert_eq!(portal.get("/equipe", Some(&paula)).await.status(), StatusCode::FOUND, "its sessions ended");
    portal.portal.set_staff_active(&admin, id, true).await.unwrap();
    let paula = portal.staff_login(email, STAFF_PASSWORD).await;

    // Once the last day has passed, the live session closes too.
    let today = portal::time_br::iso_date(portal::time_br::today_in_sao_paulo(portal::clock::Clock::now(
        &portal.clock,
    )));
    let access = StaffAccess { role: StaffRole::Financeiro, developments: vec![], expires_on: Some(today) };
    portal.portal.set_staff_access(&admin, id, &access).await.unwrap();
    assert_eq!(
        portal.get("/equipe", Some(&paula)).await.status(),
        StatusCode::OK,
        "the last day still counts"
    );
    portal.clock.advance(time::Duration::days(1));
    assert_eq!(portal.get("/equipe", Some(&paula)).await.status(), StatusCode::FOUND);

    // Every change is audited about the staff user, with before and after.
    let trail = portal.portal.store.audit_events_about(&format!("staff:{id}"), 10).await.unwrap();
    let actions: Vec<&str> = trail.iter().map(|event| event.action.as_str()).collect();
    assert!(actions.contains(&"staff_deactivated") && actions.contains(&"staff_reactivated"), "{actions:?}");
    let change = trail.iter().find(|event| event.action == "staff_access_changed").unwrap();
    assert!(change.detail.contains("até=sem data → perfil=financeiro"), "{}", change.detail);
    assert_eq!(change.actor_id, Some(1));

    // An admin can neither deactivate nor demote themselves, and only admins manage staff.
    assert!(portal.portal.set_staff_active(&admin, 1, false).await.is_err());
    let demote = StaffAccess { role: StaffRole::Atendimento, developments: vec![], expires_on: None };
    assert!(portal.portal.set_staff_access(&admin, 1, &demote).await.is_err());
    let other = portal.new_staff("joao@horizonte.exemplo.com.br", StaffRole::Atendimento, &[]).await;
    let joao = portal.portal.staff_member(other).await.unwrap();
    assert!(matches!(
        portal.portal.set_staff_active(&joao, id, true).await,
        Err(portal::staff::StaffError::Forbidden)
    ));
}

#[tokio::test]
async fn an_idle_staff_session_ends_after_12_hours() {
    let portal = TestPortal::start().await;
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    // Used after 11 hours: the idle limit slides…
    portal.clock.advance(time::Duration::hours(11));
    assert_eq!(portal.get("/equipe", Some(&staff)).await.status(), StatusCode::OK);
    portal.clock.advance(time::Duration::hours(11));
    assert_eq!(portal.get("/equipe", Some(&staff)).await.status(), StatusCode::OK);
    // …and 12 hours without a request end it.
    portal.clock.advance(time::Duration::hours(12) + time::Duration::seconds(1));
    assert_eq!(portal.get("/equipe", Some(&staff)).await.status(), StatusCode::FOUND);
}

#[tokio::test]
async fn twenty_guesses_at_once_verify_at_most_ten_and_right_passwords_all_pass() {
    let portal = TestPortal::start().await;
    // 20 right passwords at once: every one signs in (no count held while waiting to hash).
    for location in twenty_logins_at_once(&portal, STAFF_PASSWORD).await {
        assert_eq!(location, "/equipe");
    }
    // 20 wrong ones at once: 10 are checked, the rest refused by the account's lock…
    let locations = twenty_logins_at_once(&portal, "chute-errado-123").await;
    let limited = locations.iter().filter(|location| location.contains("erro=limite-")).count();
    assert_eq!(limited, 10, "{locations:?}");
    // …which then holds the right password back too, for a while.
    let after = portal
        .form_post(
            "/api/equipe/entrar",
            &[("email", STAFF_ADMIN), ("password", STAFF_PASSWORD), ("next", "/equipe")],
            None,
        )
        .await;
    assert!(location(&after).contains("erro=limite-"), "{}", location(&after));
    let page = portal.get(&location(&after), None).await.text().await.unwrap();
    assert!(page.contains("Muitas tentativas seguidas"));
}

/// Sends the same staff sign-in 20 times at once; where each was sent next.
async fn twenty_logins_at_once(portal: &TestPortal, password: &str) -> Vec<String> {
    let mut requests = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (client, url, base, password) = (
            portal.client.clone(),
            portal.url("/api/equipe/entrar"),
            portal.base.clone(),
            password.to_string(),
        );
        requests.spawn(async move {
            let response = client
                .post(url)
                .header("accept", "text/html")
                .header("origin", base)
                .form(&[("email", STAFF_ADMIN), ("password", password.as_str()), ("next", "/equipe")])
                .send()
                .await
                .unwrap();
            location(&response)
        });
    }
    requests.join_all().await
}

#[tokio::test]
async fn staff_posts_from_another_site_are_refused() {
    let portal = TestPortal::start().await;
    let staff = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    // Every staff mutation the application has, server functions and its own routes alike.
    let mutations: Vec<String> = portal_server::http::staff_endpoints()
        .into_iter()
        .filter(|(method, _)| method == "POST")
        .map(|(_, path)| path.replace("{id}", "1"))
        .collect();
    assert!(mutations.len() > 40, "{mutations:?}");
    for path in &mutations {
        let response = portal
            .client
            .post(portal.url(path))
            .header("cookie", &staff)
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .form(&[("id", "1"), ("action", "encerrar"), ("body", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(portal.get("/equipe", Some(&staff)).await.status(), StatusCode::OK, "still signed in");
}
