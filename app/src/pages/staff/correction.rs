//! Correction: `/equipe/financeiro/indices` (each index's monthly número-índice, typed or
//! imported as CSV) and the correction card of a contract's page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use portal::finance::correction::IndexCode;
use portal::finance::correction_model::{CorrectionForm, IndexPage, IndexSeriesView, IndexValueForm};
use portal::records::{ContractDetail, ContractPageForm, RecordDraft};

use super::StaffLoadFailed;
use crate::api::staff::indices::{load_indices, SaveContractCorrection, SaveIndexValue};
use crate::components::status::Alert;
use crate::error::AppError;

/// `/equipe/financeiro/indices`.
#[component]
pub fn IndicesPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("rascunho"), load_indices);
    view! {
        <Title text="Índices de correção · Equipe" />
        <p class="breadcrumb"><a href="/equipe/financeiro">"← Cobrança"</a></p>
        <h1>"Índices de correção"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let notice = match (query.get("salvo"), query.get("importados")) {
                    (Some(_), _) => Some("Índice salvo; as parcelas em aberto dos contratos que o usam foram recalculadas.".to_string()),
                    (_, Some(count)) => Some(format!("{count} valor(es) importado(s) ou alterado(s); as parcelas em aberto foram recalculadas.")),
                    _ => None,
                };
                let failure = query.get("erro").as_deref().and_then(AppError::from_code).map(|error| error.to_string());
                match data.await {
                    Ok((page, draft)) => view! { <Indices page draft notice failure /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn index_options(chosen: &str, with_none: Option<&'static str>) -> AnyView {
    let none = with_none.map(|label| view! { <option value="" selected=chosen.is_empty()>{label}</option> });
    view! {
        {none}
        {IndexCode::ALL.into_iter().map(|index| view! {
            <option value=index.code() selected=chosen == index.code()>{index.label()}</option>
        }).collect_view()}
    }
    .into_any()
}

#[component]
fn Indices(
    page: IndexPage,
    draft: Option<RecordDraft<IndexValueForm>>,
    notice: Option<String>,
    failure: Option<String>,
) -> impl IntoView {
    let save = ServerAction::<SaveIndexValue>::new();
    let general = draft.as_ref().and_then(|draft| draft.error("geral"));
    let csv_error = draft.as_ref().and_then(|draft| draft.error("csv"));
    let form = draft.as_ref().map(|draft| draft.form.clone()).unwrap_or_default();
    let error = move |field: &str| draft.as_ref().and_then(|draft| draft.error(field));
    let (month_error, value_error, index_error) = (error("month"), error("value"), error("index"));
    let typed_error = month_error.is_some() || value_error.is_some() || index_error.is_some();
    let (typed_options, import_options) =
        (index_options(&form.index, None), index_options(&form.index, None));
    view! {
        <p class="muted">"Informe o número-índice de cada mês, como publicado (INCC-M e IGP-M pela FGV, IPCA pelo IBGE). A parcela que vence no mês M é corrigida pelo índice de M − 2 dividido pelo índice-base do contrato."</p>
        {notice.map(|message| view! { <Alert tone="success" message /> })}
        {failure.or(general).map(|message| view! { <Alert tone="error" message /> })}
        {typed_error.then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
        {page.can_edit.then(|| view! {
            <div class="card-pair">
                <section class="card" id="digitar" aria-labelledby="titulo-digitar">
                    <h2 id="titulo-digitar">"Informar um mês"</h2>
                    <ActionForm action=save attr:class="form">
                        <div class="field">
                            <label for="indice-codigo">"Índice"</label>
                            <select id="indice-codigo" name="value[index]" aria-invalid=index_error.is_some().then_some("true")>
                                {typed_options}
                            </select>
                            {index_error.clone().map(|text| view! { <p class="field__error">{text}</p> })}
                        </div>
                        <div class="field-pair">
                            <div class="field">
                                <label for="indice-mes">"Mês"</label>
                                <p class="field__hint" id="indice-mes-dica">"Como 09/2024."</p>
                                <input id="indice-mes" name="value[month]" type="month" value=form.month.clone() max=page.this_month.clone() required
                                    aria-describedby="indice-mes-dica" aria-invalid=month_error.is_some().then_some("true") />
                                {month_error.clone().map(|text| view! { <p class="field__error">{text}</p> })}
                            </div>
                            <div class="field">
                                <label for="indice-valor">"Número-índice"</label>
                                <p class="field__hint" id="indice-valor-dica">"Como 1.123,456; não a variação do mês."</p>
                                <input id="indice-valor" name="value[value]" type="text" inputmode="decimal" value=form.value.clone() required autocomplete="off"
                                    aria-describedby="indice-valor-dica" aria-invalid=value_error.is_some().then_some("true") />
                                {value_error.clone().map(|text| view! { <p class="field__error">{text}</p> })}
                            </div>
                        </div>
                        <button type="submit" class="button button--primary">"Salvar"</button>
                    </ActionForm>
                </section>
                <section class="card" id="importar" aria-labelledby="titulo-importar">
                    <h2 id="titulo-importar">"Importar planilha (CSV)"</h2>
                    <p class="muted">"Uma linha por mês: mês;número-índice, como 09/2024;1.123,456. Uma primeira linha de títulos é ignorada. Se alguma linha tiver problema, nada é importado."</p>
                    {csv_error.clone().map(|message| view! { <Alert tone="error" message /> })}
                    <form class="form" method="post" action="/equipe/financeiro/indices/importar" enctype="multipart/form-data">
                        <div class="field">
                            <label for="importar-indice">"Índice"</label>
                            <select id="importar-indice" name="index">{import_options}</select>
                        </div>
                        <div class="field">
                            <label for="importar-arquivo">"Arquivo CSV (até 64 KB)"</label>
                            <input id="importar-arquivo" name="csv" type="file" accept=".csv,text/csv,text/plain" required
                                aria-invalid=csv_error.is_some().then_some("true") />
                        </div>
                        <button type="submit" class="button button--primary">"Importar"</button>
                    </form>
                </section>
            </div>
        })}
        {page.series.into_iter().map(|series| view! { <Series series /> }).collect_view()}
    }
}

#[component]
fn Series(series: IndexSeriesView) -> impl IntoView {
    let heading = format!("titulo-{}", series.code);
    let used = match series.contracts {
        0 => "Nenhum contrato usa este índice.".to_string(),
        1 => "1 contrato usa este índice.".to_string(),
        count => format!("{count} contratos usam este índice."),
    };
    view! {
        <section class="card" id=format!("indice-{}", series.code) aria-labelledby=heading>
            <h2 id=heading.clone()>{format!("{} · {}", series.label, series.publisher)}</h2>
            <p class="muted">{used}</p>
            {if series.rows.is_empty() {
                view! { <p class="muted">"Nenhum valor informado ainda."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr><th scope="col">"Mês"</th><th scope="col">"Número-índice"</th><th scope="col">"Variação"</th><th scope="col">"Informado em"</th></tr></thead>
                        <tbody>
                            {series.rows.into_iter().map(|row| view! {
                                <tr>
                                    <td data-rotulo="Mês" class="nowrap">{row.month}</td>
                                    <td data-rotulo="Número-índice" class="nowrap">{row.value}</td>
                                    <td data-rotulo="Variação" class="nowrap">{row.variation.unwrap_or_else(|| "—".into())}</td>
                                    <td data-rotulo="Informado em">{row.updated}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// The correction card of a contract's page: the rule, and its form for financeiro.
#[component]
pub fn ContractCorrection(detail: ContractDetail, draft: RecordDraft<ContractPageForm>) -> impl IntoView {
    let save = ServerAction::<SaveContractCorrection>::new();
    let refused = draft.errors.keys().any(|key| key.starts_with("correction_"));
    let form: CorrectionForm =
        if refused { draft.form.correction.clone() } else { detail.correction.form.clone() };
    let error = move |field: &str| draft.error(field);
    let field_error = |text: Option<String>| text.map(|text| view! { <p class="field__error">{text}</p> });
    view! {
        <section class="card" id="correcao" aria-labelledby="titulo-correcao">
            <h2 id="titulo-correcao">"Correção monetária"</h2>
            <p>{detail.correction.summary.clone()}</p>
            {detail.correction.warning.clone().map(|message| view! { <Alert tone="warning" message /> })}
            <p class="muted">"A parcela que vence no mês M é corrigida pelo índice de M − 2 sobre o índice-base. Parcelas pagas ou já enviadas ao banco não mudam. "
                <a href="/equipe/financeiro/indices">"Ver os índices"</a></p>
            {(detail.can_plan && detail.status != "distratado").then(|| view! {
                <ActionForm action=save attr:class="form">
                    <input type="hidden" name="id" value=detail.id />
                    <div class="field-pair">
                        <div class="field">
                            <label for="correcao-indice">"Índice"</label>
                            <select id="correcao-indice" name="correction[index]">{index_options(&form.index, Some("Sem correção"))}</select>
                            {field_error(error("correction_index"))}
                        </div>
                        <div class="field">
                            <label for="correcao-base">"Mês do índice-base"</label>
                            <input id="correcao-base" name="correction[base_month]" type="month" value=form.base_month.clone()
                                aria-invalid=error("correction_base_month").is_some().then_some("true") />
                            {field_error(error("correction_base_month"))}
                        </div>
                    </div>
                    <div class="field-pair">
                        <div class="field">
                            <label for="correcao-depois">"Depois da entrega, trocar para"</label>
                            <select id="correcao-depois" name="correction[after_index]">{index_options(&form.after_index, Some("Não trocar"))}</select>
                            {field_error(error("correction_after_index"))}
                        </div>
                        <div class="field">
                            <label for="correcao-troca">"A partir das parcelas de"</label>
                            <input id="correcao-troca" name="correction[switch_month]" type="month" value=form.switch_month.clone()
                                aria-invalid=error("correction_switch_month").is_some().then_some("true") />
                            {field_error(error("correction_switch_month"))}
                        </div>
                    </div>
                    <button type="submit" class="button button--primary">"Salvar correção"</button>
                </ActionForm>
            })}
        </section>
    }
}
