use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::my_property::{DevelopmentHeader, PaymentFigures};
use super::LoadFailed;
use crate::api::property::load_contract;
use crate::components::status::Badge;
use crate::error::AppError;

/// `/meu-imovel/contratos/:id`: one of the buyer's contracts. Any id that is not theirs is a 404.
#[component]
pub fn ContractPage() -> impl IntoView {
    let params = use_params_map();
    let contract = Resource::new(
        move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => load_contract(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando contrato…"</p> }>
            {move || Suspend::new(async move {
                match contract.await {
                    Ok(detail) => {
                        let summary = detail.summary;
                        let unit = summary.unit.clone();
                        view! {
                            <Title text=format!("Contrato {}", summary.number) />
                            <p class="breadcrumb"><a href="/meu-imovel">"← Meu Imóvel"</a></p>
                            <h1>{format!("Contrato {}", summary.number)}</h1>
                            <section class="card" aria-labelledby="titulo-pagamentos">
                                <h2 id="titulo-pagamentos">"Pagamentos"</h2>
                                <PaymentFigures position=summary.position.clone() />
                                <p class="muted">
                                    // The same three counts as Financeiro (open there means not yet due).
                                    {format!(
                                        "{} parcelas pagas · {} em aberto · {} vencidas",
                                        summary.position.installments_paid,
                                        summary.position.installments_open - summary.position.installments_overdue,
                                        summary.position.installments_overdue,
                                    )}
                                </p>
                                <p class="actions">
                                    <a class="button button--primary" href=format!("/financeiro?contrato={}", summary.id)>"Ver parcelas e boletos"</a>
                                    <a class="button button--ghost" href=format!("/financeiro/extrato?contrato={}", summary.id)>"Extrato de pagamentos"</a>
                                </p>
                            </section>
                            <section class="card" aria-labelledby="titulo-unidade">
                                <h2 id="titulo-unidade">"Unidade"</h2>
                                <dl class="details">
                                    <div><dt>"Unidade"</dt><dd>{unit.label()}</dd></div>
                                    <div><dt>"Andar"</dt><dd>{format!("{}º", unit.floor)}</dd></div>
                                    <div><dt>"Área privativa"</dt><dd>{unit.private_area.clone()}</dd></div>
                                    <div><dt>"Vagas de garagem"</dt><dd>{unit.parking_spaces.to_string()}</dd></div>
                                </dl>
                            </section>
                            <section class="card" aria-labelledby="titulo-contrato">
                                <h2 id="titulo-contrato">"Contrato"</h2>
                                <dl class="details">
                                    <div><dt>"Número"</dt><dd>{summary.number.clone()}</dd></div>
                                    <div>
                                        <dt>"Situação"</dt>
                                        <dd><Badge tone=summary.status.tone()>{summary.status.label()}</Badge></dd>
                                    </div>
                                    <div><dt>"Assinatura"</dt><dd>{summary.signed_on.clone()}</dd></div>
                                    <div><dt>"Sua participação"</dt><dd>{summary.role.label()}</dd></div>
                                </dl>
                                <h3>"Compradores"</h3>
                                <ul class="parties" role="list">
                                    {detail.parties.into_iter().map(|party| view! {
                                        <li>
                                            <strong>{party.name}</strong>
                                            " · " {party.role.label()} " · " {party.document_masked}
                                            {party.share.map(|share| format!(" · parte de {share}"))}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                            <section class="card">
                                <DevelopmentHeader development=summary.development.clone() photos_as_link=true />
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
