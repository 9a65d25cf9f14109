//! Cobrança reports: `/equipe/financeiro/inadimplencia` and `/equipe/financeiro/recebimentos`,
//! each with its CSV (the server's own routes).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use portal::finance::billing::{DelinquencyReport, OverdueByAge, ReceiptsReport, AGE_BUCKETS};

use super::StaffLoadFailed;
use crate::api::staff::finance::{load_delinquency, load_receipts};
use crate::components::status::Alert;

#[component]
fn AgeRow(row: OverdueByAge) -> impl IntoView {
    view! {
        <tr>
            <th scope="row" data-rotulo="Empreendimento">{row.name}</th>
            {(0..4).map(|bucket| view! {
                <td data-rotulo=AGE_BUCKETS[bucket] class="nowrap">
                    {if row.counts[bucket] == 0 { "—".to_string() } else { format!("{} ({})", row.amounts[bucket], row.counts[bucket]) }}
                </td>
            }).collect_view()}
            <td data-rotulo="Total" class="nowrap"><strong>{format!("{} ({})", row.total, row.count)}</strong></td>
        </tr>
    }
}

/// `/equipe/financeiro/inadimplencia`.
#[component]
pub fn DelinquencyPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_delinquency());
    view! {
        <Title text="Inadimplência · Equipe" />
        <p class="breadcrumb"><a href="/equipe/financeiro">"← Cobrança"</a></p>
        <h1>"Inadimplência"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(report) => view! { <Delinquency report /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Delinquency(report: DelinquencyReport) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="titulo-faixas">
            <div class="page-heading">
                <h2 id="titulo-faixas">{format!("Parcelas vencidas em {}", report.as_of)}</h2>
                <a class="button button--secondary" href="/equipe/financeiro/inadimplencia.csv" download>"Baixar CSV"</a>
            </div>
            {if report.total.count == 0 {
                view! { <p>"Nenhuma parcela vencida em aberto."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr>
                            <th scope="col">"Empreendimento"</th>
                            {AGE_BUCKETS.into_iter().map(|label| view! { <th scope="col">{label}</th> }).collect_view()}
                            <th scope="col">"Total"</th>
                        </tr></thead>
                        <tbody>
                            {report.developments.into_iter().map(|row| view! { <AgeRow row /> }).collect_view()}
                            <AgeRow row=report.total />
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        {(!report.contracts.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="titulo-compradores">
                <h2 id="titulo-compradores">"Compradores em atraso"</h2>
                <table class="staff-table">
                    <thead><tr>
                        <th scope="col">"Contrato"</th><th scope="col">"Comprador"</th>
                        <th scope="col">"Parcelas vencidas"</th><th scope="col">"Total"</th>
                    </tr></thead>
                    <tbody>
                        {report.contracts.into_iter().map(|contract| view! {
                            <tr>
                                <td data-rotulo="Contrato">
                                    <a href=format!("/equipe/contratos/{}#parcelas", contract.contract_id)>{contract.contract_number}</a>
                                    <br /><span class="muted">{contract.development}</span>
                                </td>
                                <td data-rotulo="Comprador">{contract.buyer}<br /><span class="muted nowrap">{contract.document}</span></td>
                                <td data-rotulo="Parcelas vencidas">
                                    <ul class="plain-list">
                                        {contract.installments.into_iter().map(|line| view! {
                                            <li>
                                                <a href=format!("/equipe/parcelas/{}", line.id)>{format!("Parcela {}", line.number)}</a>
                                                {format!(" · venceu em {} ({} dias) · {}", line.due_on, line.days_late, line.amount)}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </td>
                                <td data-rotulo="Total" class="nowrap"><strong>{contract.total.to_string()}</strong></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
    }
}

/// `/equipe/financeiro/recebimentos`.
#[component]
pub fn ReceiptsPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let query = query.read();
            (query.get("de"), query.get("ate"), query.get("por"))
        },
        |(from, to, by)| load_receipts(from, to, by),
    );
    view! {
        <Title text="Recebimentos · Equipe" />
        <p class="breadcrumb"><a href="/equipe/financeiro">"← Cobrança"</a></p>
        <h1>"Recebimentos"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                match data.await {
                    Ok(Ok(report)) => view! { <Receipts report /> }.into_any(),
                    Ok(Err(message)) => {
                        let (from, to) = (query.get("de").unwrap_or_default(), query.get("ate").unwrap_or_default());
                        view! {
                            <Alert tone="error" message />
                            <ReceiptsFilter from to by="mes".to_string() />
                        }.into_any()
                    }
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReceiptsFilter(from: String, to: String, by: String) -> impl IntoView {
    view! {
        <form class="card filters" method="get" action="/equipe/financeiro/recebimentos">
            <div class="field">
                <label for="recebimentos-de">"De"</label>
                <input id="recebimentos-de" name="de" type="date" value=from />
            </div>
            <div class="field">
                <label for="recebimentos-ate">"Até"</label>
                <input id="recebimentos-ate" name="ate" type="date" value=to />
            </div>
            <div class="field">
                <label for="recebimentos-por">"Agrupar por"</label>
                <select id="recebimentos-por" name="por">
                    <option value="mes" selected=by == "mes">"Mês"</option>
                    <option value="dia" selected=by == "dia">"Dia"</option>
                </select>
            </div>
            <button type="submit" class="button button--primary">"Ver"</button>
        </form>
    }
}

#[component]
fn Receipts(report: ReceiptsReport) -> impl IntoView {
    let csv =
        format!("/equipe/financeiro/recebimentos.csv?de={}&ate={}&por={}", report.from, report.to, report.by);
    view! {
        <ReceiptsFilter from=report.from.clone() to=report.to.clone() by=report.by.clone() />
        <section class="card" aria-labelledby="titulo-recebidos">
            <div class="page-heading">
                <h2 id="titulo-recebidos">{format!("{} pagamento(s) · {}", report.count, report.total)}</h2>
                <a class="button button--secondary" href=csv download>"Baixar CSV"</a>
            </div>
            {if report.rows.is_empty() {
                view! { <p>"Nenhum pagamento no período."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr>
                            <th scope="col">"Período"</th><th scope="col">"Empresa"</th><th scope="col">"Retorno do banco"</th>
                            <th scope="col">"Manual"</th><th scope="col">"Anteriores"</th><th scope="col">"Total"</th>
                        </tr></thead>
                        <tbody>
                            {report.rows.into_iter().map(|row| view! {
                                <tr>
                                    <td data-rotulo="Período" class="nowrap">{row.period}</td>
                                    <td data-rotulo="Empresa">{row.company}</td>
                                    <td data-rotulo="Retorno do banco" class="nowrap">{row.from_bank.to_string()}</td>
                                    <td data-rotulo="Manual" class="nowrap">{row.by_hand.to_string()}</td>
                                    <td data-rotulo="Anteriores" class="nowrap">{row.earlier.to_string()}</td>
                                    <td data-rotulo="Total" class="nowrap"><strong>{format!("{} ({})", row.total, row.count)}</strong></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
