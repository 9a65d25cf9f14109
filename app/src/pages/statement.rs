//! `/financeiro/extrato`: a contract's payments and the informe for the income-tax declaration.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::LoadFailed;

/// `/financeiro/extrato`: the payments of one contract with their total and a PDF, and the
/// yearly informe de pagamentos for the income-tax declaration.
#[component]
pub fn StatementPage() -> impl IntoView {
    let query = use_query_map();
    let page = Resource::new(move || query.read().get("contrato"), crate::api::finance::load_statement);
    view! {
        <Title text="Extrato e informe para o Imposto de Renda" />
        <p class="breadcrumb"><a href="/financeiro">"← Financeiro"</a></p>
        <h1>"Extrato e informe para o Imposto de Renda"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando extrato…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Statement page /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Statement(page: portal::finance::StatementPage) -> impl IntoView {
    let Some(statement) = page.statement else {
        return view! {
            <section class="empty-state"><p>"Nenhum contrato com pagamentos por enquanto."</p></section>
        }
        .into_any();
    };
    let chosen = statement.contract_id.to_string();
    let pdf = format!("/financeiro/extrato/{}/pdf", statement.contract_id);
    let corrected = statement.total_correction.0 != 0 || statement.total_charges.0 != 0;
    view! {
        <form class="card filters" method="get" action="/financeiro/extrato" aria-label="Escolher contrato">
            <div class="filters__fields">
                <div class="field">
                    <label for="contrato">"Contrato"</label>
                    <select id="contrato" name="contrato">
                        {page.contracts.iter().map(|choice| {
                            let value = choice.id.to_string();
                            let selected = value == chosen;
                            view! { <option value=value selected=selected>{choice.number.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button button--primary">"Ver extrato"</button>
            </div>
        </form>
        <section class="card" aria-labelledby="titulo-extrato">
            <h2 id="titulo-extrato">{format!("Pagamentos do contrato {}", statement.contract_number)}</h2>
            <p>{format!("Total pago: {} de {}", statement.total_paid, statement.contract_total)}</p>
            {corrected.then(|| view! {
                <p class="muted">{format!(
                    "Principal {} · correção monetária {} · multa e juros {}",
                    statement.total_principal, statement.total_correction, statement.total_charges
                )}</p>
            })}
            {if statement.entries.is_empty() {
                view! { <p class="muted">"Nenhum pagamento registrado neste contrato."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="statement" role="table">
                            <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">"Pago em"</th><th scope="col" role="columnheader">"Parcela"</th><th scope="col" role="columnheader">"Vencimento"</th>{corrected.then(|| view! { <th scope="col" role="columnheader" class="number">"Principal"</th><th scope="col" role="columnheader" class="number">"Correção"</th> })}<th scope="col" role="columnheader" class="number">"Valor pago"</th></tr></thead>
                            <tbody role="rowgroup">
                                {statement.entries.into_iter().map(|entry| view! {
                                    <tr role="row">
                                        <td role="cell" class="statement__paid" data-label="Pago em">{entry.paid_on}</td>
                                        <td role="cell" class="statement__what">{entry.description}</td>
                                        <td role="cell" class="statement__due" data-label="Venc.">{entry.due_on}</td>
                                        {corrected.then(|| view! {
                                            <td role="cell" class="number statement__principal" data-label="Principal">{entry.principal.to_string()}</td>
                                            <td role="cell" class="number statement__correction" data-label="Correção">{entry.correction.to_string()}</td>
                                        })}
                                        <td role="cell" class="number" data-label="Pago">{entry.amount.to_string()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
            <p><a class="button button--ghost" href=pdf download>"Baixar extrato em PDF"</a></p>
        </section>
        <section class="card" aria-labelledby="titulo-informe">
            <h2 id="titulo-informe">{portal::finance::INCOME_REPORT_TITLE}</h2>
            <p class="muted">
                "Por contrato: o que foi pago no ano e o total pago até 31/12 do ano anterior e do ano (os valores de Bens e Direitos), com a sua parte quando há mais de um comprador."
            </p>
            {if page.payment_years.is_empty() {
                view! { <p>"Nenhum pagamento registrado ainda."</p> }.into_any()
            } else {
                view! {
                    <ul class="year-links" role="list">
                        {page.payment_years.into_iter().map(|year| view! {
                            <li>
                                <a class="button button--ghost" href=format!("/financeiro/informe-de-rendimentos/{year}") download>
                                    {format!("Informe {year} (PDF)")}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
    .into_any()
}
