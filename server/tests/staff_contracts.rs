//! Contratos in the back office: a unit sold to registered, confirmed buyers; one contract in
//! force per unit (even 20 at once); the payment plan previewed then saved, seen by the buyer;
//! unpaid installments edited, paid ones never; status changes with a reason; buyers' parts.

mod common;

use common::*;
use portal::staff::StaffRole;

async fn post(portal: &TestPortal, path: &str, form: &[(&str, String)], cookie: &str) -> reqwest::Response {
    let form: Vec<(&str, &str)> = form.iter().map(|(name, value)| (*name, value.as_str())).collect();
    portal.form_post(path, &form, Some(cookie)).await
}

async fn page(portal: &TestPortal, path: &str, cookie: &str) -> String {
    portal.get(path, Some(cookie)).await.text().await.unwrap()
}

/// The Mirante unit the demo has not sold.
async fn unsold_unit(portal: &TestPortal) -> i64 {
    let admin = portal.portal.staff_member(1).await.unwrap();
    let mirante = portal.portal.staff_development(&admin, 2).await.unwrap();
    mirante.units.iter().find(|unit| unit.contract.is_none()).expect("an unsold unit").id
}

fn contract_form(unit: i64, number: &str, titular: &str, co_buyer: &str) -> Vec<(&'static str, String)> {
    vec![
        ("contract[unit]", unit.to_string()),
        ("contract[number]", number.to_string()),
        ("contract[signed_on]", "2026-11-10".to_string()),
        ("contract[total]", "12.000,00".to_string()),
        ("contract[status]", "ativo".to_string()),
        ("contract[titular]", titular.to_string()),
        ("contract[co_buyer1]", co_buyer.to_string()),
    ]
}

fn plan(id: i64, confirm: bool) -> Vec<(&'static str, String)> {
    let mut form = vec![
        ("id", id.to_string()),
        ("plan[kind]", "mensal".to_string()),
        ("plan[first_due]", "2027-01-10".to_string()),
        ("plan[count]", "12".to_string()),
        ("plan[amount]", "1.000,00".to_string()),
        ("plan[day]", String::new()),
        ("plan[every]", "1".to_string()),
    ];
    if confirm {
        form.push(("confirm", "1".to_string()));
    }
    form
}

#[tokio::test]
async fn a_unit_sold_to_confirmed_buyers_with_a_plan_the_buyer_sees() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let unit = unsold_unit(&portal).await;

    // Every rule under its field; what was typed comes back.
    let mut bad = contract_form(unit, "X", "390.533.447-05", CARLOS_CPF);
    bad.retain(|(name, _)| !["contract[signed_on]", "contract[total]"].contains(name));
    bad.extend([("contract[signed_on]", "2099-01-01".into()), ("contract[total]", "muito".into())]);
    bad.push(("contract[co_buyer2]", CARLOS_CPF.into()));
    let back = location(&post(&portal, "/api/equipe/contrato-novo", &bad, &admin).await);
    assert!(back.starts_with(&format!("/equipe/contratos/novo?unidade={unit}&rascunho=")), "{back}");
    let form = page(&portal, &back, &admin).await;
    for sentence in [
        "de 3 a 30 caracteres",
        "não pode ser depois de hoje",
        "Informe o valor total",
        "cadastre a pessoa em Pessoas antes",
        "Esta pessoa já está no contrato.",
    ] {
        assert!(form.contains(sentence), "{sentence}");
    }
    assert!(form.contains("value=\"muito\""));

    // A self-registered buyer must be confirmed first.
    let registration = portal
        .api_post(
            "/api/v1/identification",
            serde_json::json!({
                "legal_personality": 0, "name1": "Roberto", "name2": "Alves", "document1": "39053344705",
                "email": "roberto@exemplo.com.br", "password": "uma senha bem longa", "date_of_birth": "1980-02-03"
            }),
        )
        .await;
    assert_eq!(registration.status(), reqwest::StatusCode::CREATED);
    let form = contract_form(unit, "MP-2026-0301", "390.533.447-05", CARLOS_CPF);
    let back = location(&post(&portal, "/api/equipe/contrato-novo", &form, &admin).await);
    assert!(page(&portal, &back, &admin).await.contains("ainda não foi confirmada"), "{back}");
    let staff = portal.portal.staff_member(1).await.unwrap();
    let roberto = portal
        .portal
        .staff_people(
            &staff,
            &portal::people::PeopleFilter { search: "Roberto".into(), ..Default::default() },
        )
        .await
        .unwrap()
        .rows[0]
        .id;
    portal.portal.confirm_person(&staff, roberto).await.unwrap();
    let created = location(&post(&portal, "/api/equipe/contrato-novo", &form, &admin).await);
    assert!(created.ends_with("?criado=1"), "{created}");
    let id: i64 =
        created.trim_start_matches("/equipe/contratos/").split('?').next().unwrap().parse().unwrap();
    let detail = portal.portal.staff_contract(&staff, id).await.unwrap();
    assert_eq!(detail.parties.len(), 2);
    assert_eq!(detail.parties[0].name, "Roberto Alves");
    assert_eq!(portal.portal.staff_unit(&staff, unit).await.unwrap().row.status, "vendida");

    // A second contract for the unit waits for the distrato.
    let again = location(
        &post(
            &portal,
            "/api/equipe/contrato-novo",
            &contract_form(unit, "MP-2026-0302", CARLOS_CPF, ""),
            &admin,
        )
        .await,
    );
    assert!(page(&portal, &again, &admin).await.contains("já tem contrato em vigor"), "{again}");

    // The plan: a preview first (nothing saved), then saved whole.
    let preview = location(&post(&portal, "/api/equipe/contrato-plano", &plan(id, false), &admin).await);
    assert!(preview.contains("?rascunho="), "{preview}");
    let shown = page(&portal, &preview, &admin).await;
    assert!(shown.contains("Prévia: 12 parcela(s), R$ 12.000,00") && shown.contains("o valor do contrato"));
    assert!(shown.contains("10/12/2027") && shown.contains("Salvar estas parcelas"));
    assert!(portal.portal.staff_contract(&staff, id).await.unwrap().installments.is_empty());
    let saved = location(&post(&portal, "/api/equipe/contrato-plano", &plan(id, true), &admin).await);
    assert!(saved.contains("?parcelas=12"), "{saved}");
    let detail = portal.portal.staff_contract(&staff, id).await.unwrap();
    assert_eq!(detail.installments.len(), 12);
    assert_eq!(detail.installments_total, "R$ 12.000,00");

    // Carlos, a co-buyer, sees the contract and its installments.
    let carlos = portal.login(CARLOS_CPF, PASSWORD).await;
    let finance = page(&portal, "/financeiro", &carlos).await;
    assert!(finance.contains("MP-2026-0301") && finance.contains("R$ 1.000,00"), "{finance}");

    // An unpaid installment changes (audited); a paid one never does.
    let first = detail.installments[0].id.to_string();
    let edit = |id: &str, amount: &str| {
        vec![
            ("id", id.to_string()),
            ("installment[kind]", "entrada".to_string()),
            ("installment[due_on]", "2027-01-05".to_string()),
            ("installment[amount]", amount.to_string()),
        ]
    };
    let refused = location(&post(&portal, "/api/equipe/parcela-editar", &edit(&first, "zero"), &admin).await);
    assert!(page(&portal, &refused, &admin).await.contains("Informe o valor em reais"));
    let changed =
        location(&post(&portal, "/api/equipe/parcela-editar", &edit(&first, "1.100,00"), &admin).await);
    assert!(changed.contains("?parcela=1"), "{changed}");
    let trail = portal.portal.store.audit_events_about(&format!("contract:{id}"), 10).await.unwrap();
    assert!(trail.iter().any(|e| e.detail.contains("valor: R$ 1.000,00 → R$ 1.100,00")), "{trail:?}");
    let ana_cookie = portal.login(ANA, PASSWORD).await;
    let ana_contract = portal.contract_ids(&ana_cookie).await[0];
    let ana_detail = portal.portal.staff_contract(&staff, ana_contract).await.unwrap();
    let paid =
        ana_detail.installments.iter().find(|line| line.paid.is_some()).expect("a paid one").id.to_string();
    let refused = location(&post(&portal, "/api/equipe/parcela-editar", &edit(&paid, "1,00"), &admin).await);
    assert!(page(&portal, &refused, &admin).await.contains("já tem pagamento"), "{refused}");

    // Parts: they must add up to 100 %.
    let shares = |a: &str, b: &str| {
        vec![("id", id.to_string()), ("share[]", a.to_string()), ("share[]", b.to_string())]
    };
    let refused = location(&post(&portal, "/api/equipe/contrato-partes", &shares("60", "30"), &admin).await);
    assert!(page(&portal, &refused, &admin).await.contains("somam 90 %"), "{refused}");
    assert!(location(&post(&portal, "/api/equipe/contrato-partes", &shares("60", "40"), &admin).await)
        .contains("?partes=1"));
    let parts: Vec<Option<String>> = portal
        .portal
        .staff_contract(&staff, id)
        .await
        .unwrap()
        .parties
        .into_iter()
        .map(|p| p.share)
        .collect();
    assert_eq!(parts, [Some("60,00".to_string()), Some("40,00".to_string())]);

    // The distrato needs a reason, frees the unit and takes no more installments.
    let status = |reason: &str| {
        vec![("id", id.to_string()), ("status", "distratado".to_string()), ("reason", reason.into())]
    };
    let refused = location(&post(&portal, "/api/equipe/contrato-situacao", &status(""), &admin).await);
    assert!(page(&portal, &refused, &admin).await.contains("Explique o motivo"));
    assert!(location(
        &post(&portal, "/api/equipe/contrato-situacao", &status("Desistência do comprador"), &admin).await
    )
    .contains("?situacao=1"));
    assert_eq!(portal.portal.staff_unit(&staff, unit).await.unwrap().row.status, "disponivel");
    let trail = portal.portal.store.audit_events_about(&format!("contract:{id}"), 10).await.unwrap();
    assert!(trail
        .iter()
        .any(|e| e.detail == "situação: Ativo → Distratado; motivo: Desistência do comprador"));
    let refused = location(&post(&portal, "/api/equipe/contrato-plano", &plan(id, true), &admin).await);
    assert!(page(&portal, &refused, &admin).await.contains("foi distratado"), "{refused}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_contracts_for_one_unit_at_once_make_one() {
    let portal = TestPortal::start().await;
    let admin = portal.staff_login(STAFF_ADMIN, STAFF_PASSWORD).await;
    let unit = unsold_unit(&portal).await;
    let mut requests = tokio::task::JoinSet::new();
    for n in 0..20 {
        let form = contract_form(unit, &format!("CONC-{n:02}"), CARLOS_CPF, "");
        let request = portal
            .client
            .post(portal.url("/api/equipe/contrato-novo"))
            .header("accept", "text/html")
            .header("origin", &portal.base)
            .header("cookie", &admin)
            .form(&form);
        requests.spawn(async move { location(&request.send().await.unwrap()) });
    }
    let answers = requests.join_all().await;
    assert_eq!(answers.iter().filter(|to| to.ends_with("?criado=1")).count(), 1, "{answers:?}");
    let staff = portal.portal.staff_member(1).await.unwrap();
    let list = portal
        .portal
        .staff_contracts(
            &staff,
            &portal::records::ContractFilter { search: "conc-".into(), ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(list.total, 1);
}

#[tokio::test]
async fn atendimento_keeps_contracts_and_financeiro_the_money() {
    let portal = TestPortal::start().await;
    portal.new_staff("atendimento@horizonte.exemplo.com.br", StaffRole::Atendimento, &[]).await;
    portal.new_staff("financeiro@horizonte.exemplo.com.br", StaffRole::Financeiro, &[]).await;
    let desk = portal.staff_login("atendimento@horizonte.exemplo.com.br", STAFF_PASSWORD).await;
    let money = portal.staff_login("financeiro@horizonte.exemplo.com.br", STAFF_PASSWORD).await;
    let unit = unsold_unit(&portal).await;
    let refused =
        post(&portal, "/api/equipe/contrato-novo", &contract_form(unit, "FIN-0001", CARLOS_CPF, ""), &money)
            .await;
    assert!(location(&refused).contains("erro=sem-permissao"), "{}", location(&refused));
    let created = location(
        &post(&portal, "/api/equipe/contrato-novo", &contract_form(unit, "ATD-0001", CARLOS_CPF, ""), &desk)
            .await,
    );
    let id: i64 =
        created.trim_start_matches("/equipe/contratos/").split('?').next().unwrap().parse().unwrap();
    let contract_page = page(&portal, &format!("/equipe/contratos/{id}"), &desk).await;
    assert!(!contract_page.contains("Incluir parcelas"), "atendimento does not enter the plan");
    let refused = post(&portal, "/api/equipe/contrato-plano", &plan(id, true), &desk).await;
    assert!(location(&refused).contains("erro=sem-permissao"));
    let saved = location(&post(&portal, "/api/equipe/contrato-plano", &plan(id, true), &money).await);
    assert!(saved.contains("?parcelas=12"), "{saved}");
    let contract_page = page(&portal, &format!("/equipe/contratos/{id}"), &money).await;
    assert!(!contract_page.contains("Mudar a situação"), "financeiro does not change the contract");

    // The list searches by number and by buyer, in scope.
    let by_buyer = page(&portal, "/equipe/contratos?busca=carlos", &desk).await;
    assert!(by_buyer.contains("ATD-0001"), "{by_buyer}");
    let by_status = page(&portal, "/equipe/contratos?situacao=distratado", &desk).await;
    assert!(!by_status.contains("ATD-0001"));

    // Column headings sort in SQL, either way; an unknown order is the default one.
    let position = |list: &str, number: &str| list.find(number).unwrap_or_else(|| panic!("{number} listed"));
    let cheap_first = page(&portal, "/equipe/contratos?ordem=valor", &desk).await;
    assert!(position(&cheap_first, "ATD-0001") < position(&cheap_first, "HZ-2021-0042"));
    assert!(cheap_first.contains("aria-sort=\"ascending\"") && cheap_first.contains("ordem=-valor"));
    let dear_first = page(&portal, "/equipe/contratos?ordem=-valor", &desk).await;
    assert!(position(&dear_first, "HZ-2021-0042") < position(&dear_first, "ATD-0001"));
    let injected = page(&portal, "/equipe/contratos?ordem=valor%3B%20DROP%20TABLE%20contract", &desk).await;
    assert!(injected.contains("ATD-0001") && injected.contains("aria-sort=\"descending\""));
}
