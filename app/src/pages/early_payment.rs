//! Antecipação: `/financeiro/antecipar` (tick future installments, see each one's discount and
//! the total: a GET form, so it works without JavaScript) and `/financeiro/antecipacoes/:id`
//! (the one boleto and PIX that pay them).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal::finance::early_payment::{
    EarlyPaymentDetail, EarlyPaymentLine, EarlyPaymentOffer, EarlyPaymentRefusal,
};

use super::boleto::PaymentSections;
use super::LoadFailed;
use crate::api::finance::{load_early_payment, load_early_payment_offer, CreateEarlyPayment};
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

/// `/financeiro/antecipar?contrato=&parcela=…`.
#[component]
pub fn EarlyPaymentPage() -> impl IntoView {
    let query = use_query_map();
    let offer = Resource::new(
        move || {
            let query = query.read();
            let selected: Vec<i64> = query
                .get_all("parcela")
                .unwrap_or_default()
                .iter()
                .filter_map(|id| id.parse().ok())
                .collect();
            (query.get("contrato").and_then(|id| id.parse::<i64>().ok()), selected)
        },
        |(contract, selected)| load_early_payment_offer(contract, selected),
    );
    view! {
        <Title text="Antecipar parcelas" />
        <p class="breadcrumb"><a href="/financeiro">"← Financeiro"</a></p>
        <h1>"Antecipar parcelas"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando parcelas…"</p> }>
            {move || Suspend::new(async move {
                let refusal = query.read_untracked().get("recusa").as_deref().and_then(EarlyPaymentRefusal::from_code);
                match offer.await {
                    Ok(offer) => view! { <Offer offer refusal /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn months_text(months: u32) -> String {
    match months {
        0 => "menos de 1 mês".into(),
        1 => "1 mês".into(),
        months => format!("{months} meses"),
    }
}

#[component]
fn Offer(offer: EarlyPaymentOffer, refusal: Option<EarlyPaymentRefusal>) -> impl IntoView {
    let create = ServerAction::<CreateEarlyPayment>::new();
    let chosen = offer.contract_id.unwrap_or_default();
    let ticked: Vec<i64> =
        offer.lines.iter().filter(|line| line.selected).map(|line| line.installment_id).collect();
    let totals = offer.totals;
    view! {
        <p class="muted">{format!(
            "Pague parcelas futuras de uma vez, com desconto de {} por mês de antecipação (juros compostos). O boleto vence em {}; até lá, pague pelo PIX ou pela linha digitável.",
            if offer.rate.is_empty() { "—".to_string() } else { offer.rate.clone() },
            offer.pay_on
        )}</p>
        {refusal.map(|refusal| view! { <Alert tone="error" message=refusal.message() /> })}
        {(!offer.pending.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="titulo-pendentes">
                <h2 id="titulo-pendentes">"Antecipações a pagar"</h2>
                <ul class="plain-list">
                    {offer.pending.iter().map(|pending| view! {
                        <li>
                            <a href=format!("/financeiro/antecipacoes/{}", pending.id)>
                                {format!("{} parcela(s) do contrato {} · {} · vence em {}", pending.count, pending.contract_number, pending.total, pending.due_on)}
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <form class="card" id="antecipar" method="get" action="/financeiro/antecipar" aria-labelledby="titulo-escolher">
            <h2 id="titulo-escolher">"Escolha as parcelas"</h2>
            {(offer.contracts.len() > 1).then(|| view! {
                <div class="field">
                    <label for="antecipar-contrato">"Contrato"</label>
                    <select id="antecipar-contrato" name="contrato">
                        {offer.contracts.iter().map(|choice| view! {
                            <option value=choice.id selected=choice.id == chosen>{choice.number.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            {(offer.contracts.len() == 1).then(|| view! { <input type="hidden" name="contrato" value=chosen /> })}
            {match offer.unavailable.clone() {
                Some(reason) => view! { <p>{reason}</p> }.into_any(),
                None => view! { <Lines lines=offer.lines.clone() /> }.into_any(),
            }}
            <button type="submit" class="button button--secondary">
                {if offer.unavailable.is_some() { "Ver contrato" } else { "Calcular o desconto" }}
            </button>
        </form>
        {(totals.count > 0).then(|| view! {
            <section class="card" aria-labelledby="titulo-total">
                <h2 id="titulo-total">"Total da antecipação"</h2>
                <dl class="details">
                    <div><dt>"Parcelas"</dt><dd>{totals.count}</dd></div>
                    <div><dt>"Valor das parcelas"</dt><dd class="amount">{totals.amount.to_string()}</dd></div>
                    <div><dt>"Desconto"</dt><dd class="amount">{totals.discount.to_string()}</dd></div>
                    <div><dt>"A pagar até " {offer.pay_on.clone()}</dt><dd class="amount">{totals.to_pay.to_string()}</dd></div>
                </dl>
                <ActionForm action=create>
                    <input type="hidden" name="contract" value=chosen />
                    {ticked.iter().map(|id| view! { <input type="hidden" name="parcela[]" value=*id /> }).collect_view()}
                    <button type="submit" class="button button--primary">"Gerar boleto da antecipação"</button>
                </ActionForm>
            </section>
        })}
    }
}

#[component]
fn Lines(lines: Vec<EarlyPaymentLine>) -> impl IntoView {
    view! {
        <fieldset class="choice-list">
            <legend class="visually-hidden">"Parcelas futuras"</legend>
            {lines.into_iter().map(|line| {
                view! {
                    <label class="choice early-line">
                        <input type="checkbox" name="parcela" value=line.installment_id checked=line.selected />
                        <span class="early-line__what">
                            <strong>{line.title.clone()}</strong>
                            <span class="muted">{format!("vence em {} · {} antes", line.due_on, months_text(line.months))}</span>
                        </span>
                        <span class="early-line__amounts">
                            <span>{line.amount.to_string()}</span>
                            <span class="muted">{format!("com desconto {}", line.to_pay)}</span>
                        </span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// `/financeiro/antecipacoes/:id`.
#[component]
pub fn EarlyPaymentDetailPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let detail = Resource::new(
        move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => load_early_payment(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p class="breadcrumb"><a href="/financeiro/antecipar">"← Antecipar parcelas"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando antecipação…"</p> }>
            {move || Suspend::new(async move {
                let created = query.read_untracked().get("gerada").is_some();
                match detail.await {
                    Ok(detail) => view! { <Detail detail created /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(detail: EarlyPaymentDetail, created: bool) -> impl IntoView {
    let title = format!("Antecipação {} · contrato {}", detail.id, detail.contract_number);
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p class="thread__facts"><Badge tone=if detail.status_tone == "success" { "success" } else if detail.status_tone == "info" { "info" } else { "warning" }>{detail.status.clone()}</Badge></p>
        {(created && detail.payment.is_some()).then(|| view! {
            <Alert tone="success" message="Boleto da antecipação gerado: pague pelo PIX ou pela linha digitável até o vencimento. Depois do pagamento, as parcelas aparecem como pagas." />
        })}
        <section class="card" aria-labelledby="titulo-antecipacao">
            <h2 id="titulo-antecipacao">"O que este boleto paga"</h2>
            <table class="statement" role="table">
                <thead role="rowgroup"><tr role="row">
                    <th scope="col" role="columnheader">"Parcela"</th>
                    <th scope="col" role="columnheader">"Vencimento"</th>
                    <th scope="col" role="columnheader" class="number">"Valor"</th>
                    <th scope="col" role="columnheader" class="number">"Desconto"</th>
                </tr></thead>
                <tbody role="rowgroup">
                    {detail.lines.iter().map(|line| view! {
                        <tr role="row">
                            <td role="cell" class="statement__what">{line.title.clone()}</td>
                            <td role="cell" class="statement__due" data-label="Venc.">{line.due_on.clone()}</td>
                            <td role="cell" class="number">{line.amount.to_string()}</td>
                            <td role="cell" class="number statement__correction" data-label="Desconto">{line.discount.to_string()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <dl class="details">
                <div><dt>"Valor das parcelas"</dt><dd class="amount">{detail.totals.amount.to_string()}</dd></div>
                <div><dt>"Desconto"</dt><dd class="amount">{detail.totals.discount.to_string()}</dd></div>
                <div><dt>{format!("A pagar até {}", detail.due_on)}</dt><dd class="amount">{detail.totals.to_pay.to_string()}</dd></div>
                {detail.beneficiary.clone().map(|beneficiary| view! {
                    <div><dt>"Beneficiário"</dt><dd>{format!("{} · CNPJ {}", beneficiary.name, beneficiary.document)}</dd></div>
                })}
            </dl>
        </section>
        {detail.payment.clone().map(|payment| {
            let pdf = format!("/financeiro/antecipacoes/{}/pdf", detail.id);
            view! { <PaymentSections payment pdf=Some(pdf) /> }
        })}
    }
}
