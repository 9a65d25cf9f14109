//! Financeiro: installments across contracts, boletos with linha digitável, PIX and PDF, and
//! nobody else's.

mod common;

use common::*;
use portal::br::boleto::barcode_from_digitable_line;
use portal::br::pix::has_valid_crc;
use reqwest::StatusCode;

#[tokio::test]
async fn installments_are_listed_filtered_and_totalled() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let page = portal.get("/financeiro", Some(&ana)).await.text().await.unwrap();
    assert!(page.contains("Próximo vencimento"));
    assert!(page.contains("Vencida"));
    assert!(page.contains("HZ-2024-0117"));
    let all = listed_boleto_ids(&page).len();

    let overdue = portal.get("/financeiro?situacao=vencidas", Some(&ana)).await.text().await.unwrap();
    assert!(overdue.contains("2 parcelas listadas"), "Ana is two installments late");
    assert!(!overdue.contains(">Paga<"));
    let paid = portal.get("/financeiro?situacao=pagas", Some(&ana)).await.text().await.unwrap();
    assert!(!paid.contains(">Vencida<") && paid.contains(">Paga<"));
    let year = time::OffsetDateTime::now_utc().year();
    let this_year = portal.get(&format!("/financeiro?ano={year}"), Some(&ana)).await.text().await.unwrap();
    assert!(listed_boleto_ids(&this_year).len() < all);
    let unknown = portal.get("/financeiro?situacao=qualquer&ano=abc", Some(&ana)).await.text().await.unwrap();
    assert_eq!(listed_boleto_ids(&unknown).len(), all, "unknown filter values mean all");

    // The company buyer filters by one of its two contracts.
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let both = portal.get("/financeiro", Some(&company)).await.text().await.unwrap();
    assert!(both.contains("HZ-2021-0042") && both.contains("HZ-2025-0088"));
    let contract_id = both
        .split("<option value=\"")
        .filter_map(|rest| rest.split('"').next()?.parse::<i64>().ok())
        .next()
        .unwrap();
    let one = portal
        .get(&format!("/financeiro?contrato={contract_id}"), Some(&company))
        .await
        .text()
        .await
        .unwrap();
    assert!(listed_boleto_ids(&one).len() < listed_boleto_ids(&both).len());

    assert_eq!(portal.get("/financeiro", None).await.status(), StatusCode::FOUND, "login first");
}

#[tokio::test]
async fn an_open_boleto_has_a_valid_line_pix_qr_and_pdf() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let open = portal.get("/financeiro?situacao=em-aberto", Some(&ana)).await.text().await.unwrap();
    let id = listed_boleto_ids(&open)[0];
    let page = portal.get(&format!("/financeiro/boletos/{id}"), Some(&ana)).await.text().await.unwrap();
    let line = code_field(&page, "linha-digitavel").expect("linha digitável on the page");
    let barcode = barcode_from_digitable_line(&line).expect("a valid linha digitável");
    assert!(barcode.starts_with("0019"), "Banco do Brasil, real");
    let pix = code_field(&page, "pix-copia-e-cola").expect("PIX copia e cola");
    assert!(pix.starts_with("000201") && has_valid_crc(&pix), "{pix}");
    assert!(page.contains("aria-label=\"QR code PIX\"") && page.contains("<svg"));
    assert!(page.contains("Código de barras do boleto"));

    let pdf = portal.get(&format!("/financeiro/boletos/{id}/pdf"), Some(&ana)).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert_eq!(pdf.headers()["cache-control"], "no-store");
    let disposition = pdf.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.starts_with("attachment; filename=\"boleto-HZ20240117-parcela-"), "{disposition}");
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains(&line), "the PDF carries the same linha digitável");
    assert!(text.contains(" re"), "and the barcode bars");
}

#[tokio::test]
async fn overdue_boletos_have_no_pix_and_paid_ones_show_the_payment() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let overdue = portal.get("/financeiro?situacao=vencidas", Some(&ana)).await.text().await.unwrap();
    let page = portal
        .get(&format!("/financeiro/boletos/{}", listed_boleto_ids(&overdue)[0]), Some(&ana))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("O banco calcula multa e juros"));
    assert!(code_field(&page, "linha-digitavel").is_some());
    assert!(code_field(&page, "pix-copia-e-cola").is_none(), "a fixed-amount PIX would ignore the fees");

    let paid = portal.get("/financeiro?situacao=pagas", Some(&ana)).await.text().await.unwrap();
    let page = portal
        .get(&format!("/financeiro/boletos/{}", listed_boleto_ids(&paid)[0]), Some(&ana))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Paga em"));
    assert!(code_field(&page, "linha-digitavel").is_none(), "nothing left to pay");
    // What a paid installment offers is its receipt, not a boleto to pay again.
    assert!(page.contains("Baixar comprovante de pagamento") && !page.contains("Baixar PDF do boleto"));
    let receipt =
        portal.get(&format!("/financeiro/boletos/{}/pdf", listed_boleto_ids(&paid)[0]), Some(&ana)).await;
    assert_eq!(receipt.status(), StatusCode::OK);
    let disposition = receipt.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.contains("filename=\"comprovante-HZ20240117-parcela-"), "{disposition}");
    let bytes = receipt.bytes().await.unwrap();
    assert!(pdf_contains(&bytes, "Comprovante de pagamento"));
    assert!(pdf_contains(&bytes, "Situação: quitada"));
    assert!(!pdf_contains(&bytes, "Linha digit") && !pdf_contains(&bytes, "PIX"));
}

#[tokio::test]
async fn another_buyers_boletos_and_pdfs_are_not_found_and_links_need_a_session() {
    let portal = TestPortal::start().await;
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let theirs = listed_boleto_ids(&portal.get("/financeiro", Some(&company)).await.text().await.unwrap());
    let ana = portal.login(ANA, PASSWORD).await;
    let mine = listed_boleto_ids(&portal.get("/financeiro", Some(&ana)).await.text().await.unwrap());
    let other = *theirs.iter().find(|id| !mine.contains(id)).unwrap();

    let page = portal.get(&format!("/financeiro/boletos/{other}"), Some(&ana)).await;
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    let pdf = portal.get(&format!("/financeiro/boletos/{other}/pdf"), Some(&ana)).await;
    assert_eq!(pdf.status(), StatusCode::NOT_FOUND);
    let server_fn = portal
        .client
        .post(portal.url("/api/boleto"))
        .header("cookie", &ana)
        .header("origin", &portal.base)
        .form(&[("id", other.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(server_fn.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        portal.get("/financeiro/boletos/999999/pdf", Some(&ana)).await.status(),
        StatusCode::NOT_FOUND
    );

    // A copied link works for nobody without a session, nor after logout.
    let link = format!("/financeiro/boletos/{}/pdf", mine[0]);
    let anonymous = portal.get(&link, None).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert!(location(&anonymous).starts_with("/entrar?proximo=%2Ffinanceiro%2Fboletos%2F"));
    portal.form_post("/api/sair", &[], Some(&ana)).await;
    assert_eq!(portal.get(&link, Some(&ana)).await.status(), StatusCode::SEE_OTHER);
}

async fn api_get(portal: &TestPortal, path: &str, token: Option<&str>) -> reqwest::Response {
    let mut request = portal.client.get(portal.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn partners_list_boletos_page_by_page_and_get_one_with_its_codes_and_pdf() {
    let portal = TestPortal::start().await;
    let token = portal.api_token(ANA).await;
    let all: serde_json::Value = api_get(&portal, "/api/v1/boleto", Some(&token)).await.json().await.unwrap();
    let total = all["total"].as_u64().unwrap();
    assert!(total > 10);
    let page: serde_json::Value =
        api_get(&portal, "/api/v1/boleto?pagina=2&por_pagina=5", Some(&token)).await.json().await.unwrap();
    assert_eq!(page["boletos"].as_array().unwrap().len(), 5);
    assert_eq!(page["boletos"][0]["id"], all["boletos"][5]["id"]);
    let overdue: serde_json::Value =
        api_get(&portal, "/api/v1/boleto?situacao=vencidas", Some(&token)).await.json().await.unwrap();
    assert_eq!(overdue["total"], 2);
    assert!(overdue["boletos"].as_array().unwrap().iter().all(|b| b["situacao"] == "vencidas"));

    let open: serde_json::Value =
        api_get(&portal, "/api/v1/boleto?situacao=em-aberto", Some(&token)).await.json().await.unwrap();
    let id = open["boletos"][0]["id"].as_i64().unwrap();
    let one: serde_json::Value =
        api_get(&portal, &format!("/api/v1/boleto/{id}"), Some(&token)).await.json().await.unwrap();
    let line = one["linha_digitavel"].as_str().unwrap();
    assert_eq!(barcode_from_digitable_line(line).unwrap(), one["codigo_barras"].as_str().unwrap());
    assert!(has_valid_crc(one["pix_copia_e_cola"].as_str().unwrap()));
    let pdf = api_get(&portal, one["pdf"].as_str().unwrap(), Some(&token)).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");

    assert_eq!(api_get(&portal, "/api/v1/boleto", None).await.status(), StatusCode::UNAUTHORIZED);
    let company = portal.api_token(COMPANY_CNPJ).await;
    let theirs: serde_json::Value =
        api_get(&portal, "/api/v1/boleto", Some(&company)).await.json().await.unwrap();
    let mine: Vec<i64> =
        all["boletos"].as_array().unwrap().iter().map(|b| b["id"].as_i64().unwrap()).collect();
    let other = theirs["boletos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_i64().unwrap())
        .find(|id| !mine.contains(id))
        .unwrap();
    for path in
        [format!("/api/v1/boleto/{other}"), format!("/api/v1/boleto/{other}/pdf"), "/api/v1/boleto/x".into()]
    {
        let refused = api_get(&portal, &path, Some(&token)).await;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND, "{path}: 404, not 403");
    }
}

#[tokio::test]
async fn statement_and_income_report_cover_only_the_callers_payments() {
    let portal = TestPortal::start().await;
    let company = portal.login(COMPANY_CNPJ, PASSWORD).await;
    let page = portal.get("/financeiro/extrato", Some(&company)).await.text().await.unwrap();
    assert!(page.contains("Pagamentos do contrato HZ-2021-0042"), "the first contract by default");
    assert!(page.contains("Total pago: R$"));
    let paid_off_id: i64 = page
        .split("/financeiro/extrato/")
        .nth(1)
        .and_then(|rest| rest.split('/').next()?.parse().ok())
        .unwrap();
    let pdf = portal.get(&format!("/financeiro/extrato/{paid_off_id}/pdf"), Some(&company)).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    let disposition = pdf.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"extrato-HZ20210042.pdf\";"), "{disposition}");
    assert!(pdf_contains(&pdf.bytes().await.unwrap(), "Parcela 1 "));

    // The paid-off contract was paid in 2021-2024: an informe per year with payments.
    let informe = portal.get("/financeiro/informe-de-rendimentos/2022", Some(&company)).await;
    assert_eq!(informe.status(), StatusCode::OK);
    let bytes = informe.bytes().await.unwrap();
    for expected in
        ["Ano-calendário 2022", "Contrato HZ-2021-0042", "Pago em 2022", "Total pago até 31/12/2022"]
    {
        assert!(pdf_contains(&bytes, expected), "informe without {expected:?}");
    }
    assert_eq!(
        portal.get("/financeiro/informe-de-rendimentos/1999", Some(&company)).await.status(),
        StatusCode::NOT_FOUND,
        "no payments that year"
    );

    let ana = portal.login(ANA, PASSWORD).await;
    assert_eq!(
        portal.get(&format!("/financeiro/extrato/{paid_off_id}/pdf"), Some(&ana)).await.status(),
        StatusCode::NOT_FOUND
    );
    let hers = portal
        .get(&format!("/financeiro/extrato?contrato={paid_off_id}"), Some(&ana))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        hers.contains("HZ-2024-0117") && !hers.contains("HZ-2021-0042"),
        "another's contract id falls back to hers"
    );
    assert_eq!(
        portal.get("/financeiro/informe-de-rendimentos/2022", None).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn boleto_pages_follow_every_filter_and_add_up_to_the_total() {
    let portal = TestPortal::start().await;
    let token = portal.api_token(COMPANY_CNPJ).await;
    let json = |path: String| {
        let token = token.clone();
        let portal = &portal;
        async move { api_get(portal, &path, Some(&token)).await.json::<serde_json::Value>().await.unwrap() }
    };
    let everything = json("/api/v1/boleto?por_pagina=100".into()).await;
    let all: Vec<&serde_json::Value> = everything["boletos"].as_array().unwrap().iter().collect();
    for filter in ["", "situacao=pagas&", "situacao=em-aberto&", "situacao=vencidas&", "ano=2026&"] {
        let expected: Vec<i64> = all
            .iter()
            .filter(|b| match filter {
                "situacao=pagas&" => b["situacao"] == "pagas",
                "situacao=em-aberto&" => b["situacao"] == "em-aberto",
                "situacao=vencidas&" => b["situacao"] == "vencidas",
                "ano=2026&" => b["vencimento"].as_str().unwrap().starts_with("2026-"),
                _ => true,
            })
            .map(|b| b["id"].as_i64().unwrap())
            .collect();
        let mut paged = Vec::new();
        for number in 1.. {
            let page = json(format!("/api/v1/boleto?{filter}pagina={number}&por_pagina=7")).await;
            assert_eq!(page["total"].as_u64().unwrap() as usize, expected.len(), "{filter}");
            let items = page["boletos"].as_array().unwrap();
            if items.is_empty() {
                break;
            }
            assert!(items.len() <= 7);
            paged.extend(items.iter().map(|b| b["id"].as_i64().unwrap()));
        }
        assert_eq!(paged, expected, "{filter}: pages in order, nothing lost or repeated");
    }
    let far = json("/api/v1/boleto?pagina=9999999999999&por_pagina=100".into()).await;
    assert_eq!(far["boletos"].as_array().unwrap().len(), 0, "a page past the end is empty");
}

#[tokio::test]
async fn malformed_queries_and_wrong_methods_answer_in_the_api_error_shape() {
    let portal = TestPortal::start().await;
    let token = portal.api_token(ANA).await;
    for path in
        ["/api/v1/boleto?pagina=abc", "/api/v1/documento?por_pagina=-1", "/api/v1/mensagem?pagina=1.5"]
    {
        let response = api_get(&portal, path, Some(&token)).await;
        assert_eq!(response.status(), reqwest::StatusCode::BAD_REQUEST, "{path}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["erro"]["codigo"], "requisicao_invalida", "{path}");
    }
    let delete = portal.client.delete(portal.url("/api/v1/pessoa")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(delete.status(), reqwest::StatusCode::METHOD_NOT_ALLOWED);
    let body: serde_json::Value = delete.json().await.unwrap();
    assert_eq!(body["erro"]["codigo"], "metodo_nao_permitido");
}

/// The totals block of a Financeiro page.
fn totals_of(page: &str) -> &str {
    let start = page.find("aria-label=\"Totais de todas as suas parcelas\"").expect("the totals");
    let rest = &page[start..];
    &rest[..rest.find("</section>").unwrap()]
}

#[tokio::test]
async fn financeiro_opens_on_the_overdue_and_no_filter_changes_what_is_owed() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let page = portal.get("/financeiro", Some(&ana)).await.text().await.unwrap();
    let overdue_card = page.find("Parcelas vencidas</h2>").expect("an overdue card");
    assert!(overdue_card < page.find("Próximo vencimento").unwrap(), "overdue before the next one");
    assert!(page[overdue_card..].contains("R$ 5.700,00"), "Ana's two late installments");
    assert!(page.contains("href=\"/financeiro?situacao=vencidas\""));
    let totals = totals_of(&page).to_string();
    for filter in ["situacao=vencidas", "situacao=pagas", "situacao=em-aberto", "ano=2025"] {
        let filtered = portal.get(&format!("/financeiro?{filter}"), Some(&ana)).await.text().await.unwrap();
        assert_eq!(totals_of(&filtered), totals, "{filter} narrows the list, not the totals");
        assert!(filtered.contains("Parcelas vencidas</h2>"), "{filter}");
    }

    // The contract page counts the same three kinds as Financeiro.
    let contract = portal.contract_ids(&ana).await[0];
    let detail =
        portal.get(&format!("/meu-imovel/contratos/{contract}"), Some(&ana)).await.text().await.unwrap();
    let count_of = |kind: &str| -> String {
        let at = totals.find(&format!("total--{kind}")).unwrap();
        let counts = &totals[at..];
        let muted = counts.split("class=\"muted\">").nth(1).unwrap();
        muted.split(" parcela").next().unwrap().to_string()
    };
    let expected = format!(
        "{} parcelas pagas · {} em aberto · {} vencidas",
        count_of("paid"),
        count_of("open"),
        count_of("overdue")
    );
    assert!(detail.contains(&expected), "{expected}");
    // The money comes first on the contract page, with its way to the boletos and the extrato;
    // the works' photos are one link away (Meu Imóvel shows them), not a strip above it all.
    let payments = detail.find("id=\"titulo-pagamentos\"").unwrap();
    assert!(payments < detail.find("id=\"titulo-unidade\"").unwrap());
    assert!(payments < detail.find("class=\"development__header\"").unwrap());
    assert!(detail.contains(&format!("href=\"/financeiro?contrato={contract}\"")));
    assert!(detail.contains(&format!("href=\"/financeiro/extrato?contrato={contract}\"")));
    assert!(!detail.contains("works-photos") && detail.contains("/fotos\">Ver todas as"));
}

#[tokio::test]
async fn the_paid_history_and_later_years_are_collapsed_unless_asked_for() {
    let portal = TestPortal::start().await;
    let ana = portal.login(ANA, PASSWORD).await;
    let page = portal.get("/financeiro", Some(&ana)).await.text().await.unwrap();
    let to_pay = page.find(">A pagar<").expect("what is to pay, first");
    let history = page.find("<details class=\"card paid-history\">").expect("the paid history, collapsed");
    assert!(to_pay < history);
    assert!(page[history..].contains("Parcelas pagas · 16 parcelas · "), "Ana has paid 16");
    assert!(page.contains("<details class=\"card installment-year\">"), "later years wait collapsed");
    // Every installment is still on the page (one tap away, no JavaScript needed).
    assert_eq!(listed_boleto_ids(&page).len(), 54);

    let paid = portal.get("/financeiro?situacao=pagas", Some(&ana)).await.text().await.unwrap();
    assert!(paid.contains("<details open class=\"card paid-history\">"), "asked for: shown open");
    assert!(!paid.contains(">A pagar<"));
}
