use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::location::Url;
use portal::records::{
    contract_status_label, next_statuses, ContractDetail, ContractForm, ContractList, ContractPageForm,
    PlanForm, RecordDraft, CONTRACT_STATUSES, INSTALLMENT_KINDS,
};

use super::{notice_of, Pagination, RecordField, StaffLoadFailed};
use crate::api::staff::contracts::{
    load_contract, load_contract_form, load_contracts, CreateContract, PlanInstallments, SetContractStatus,
    SetShares,
};
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

pub(crate) fn status_tone(status: &str) -> &'static str {
    match status {
        "ativo" => "success",
        "quitado" => "info",
        "distratado" => "danger",
        _ => "warning",
    }
}

/// `/equipe/contratos`: contracts in scope, searched by number or buyer.
#[component]
pub fn ContractsPage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(
        move || {
            let query = query.read();
            (query.get("busca"), query.get("situacao"), query.get("ordem"), query.get("pagina"))
        },
        |(search, status, order, page)| load_contracts(search, status, order, page),
    );
    view! {
        <Title text="Contratos · Equipe" />
        <div class="page-heading">
            <h1>"Contratos"</h1>
        </div>
        <p class="muted">"Um contrato novo nasce na página da unidade vendida (Empreendimentos → unidade → Criar contrato)."</p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let search = query.get("busca").unwrap_or_default();
                let status = query.get("situacao").unwrap_or_default();
                match list.await {
                    Ok(list) => view! {
                        <form class="card filters" method="get" action="/equipe/contratos" role="search">
                            <div class="filters__fields">
                                <div class="field">
                                    <label for="busca">"Número ou comprador"</label>
                                    <input id="busca" name="busca" type="search" maxlength="100" value=search.clone() />
                                </div>
                                <div class="field">
                                    <label for="situacao">"Situação"</label>
                                    <select id="situacao" name="situacao">
                                        <option value="">"Todas"</option>
                                        {CONTRACT_STATUSES.into_iter().map(|(code, label)| view! { <option value=code selected=code == status>{label}</option> }).collect_view()}
                                    </select>
                                </div>
                            </div>
                            <div class="filters__actions">
                                <button type="submit" class="button button--primary">"Buscar"</button>
                                <a class="button button--secondary" href="/equipe/contratos">"Limpar"</a>
                            </div>
                        </form>
                        <ContractsTable list search status />
                    }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ContractsTable(list: ContractList, search: String, status: String) -> impl IntoView {
    if list.rows.is_empty() {
        return view! { <section class="empty-state"><h2>"Nenhum contrato encontrado"</h2><p>"Confira o que foi digitado ou limpe os filtros."</p></section> }.into_any();
    }
    let mut base = Vec::new();
    if !search.is_empty() {
        base.push(format!("busca={}", Url::escape(&search)));
    }
    if !status.is_empty() {
        base.push(format!("situacao={}", Url::escape(&status)));
    }
    let summary =
        if list.total == 1 { "1 contrato".to_string() } else { format!("{} contratos", list.total) };
    let mut paging = base.clone();
    paging.push(format!("ordem={}", Url::escape(&list.order)));
    let order = list.order.clone();
    let sort = move |label: &'static str, code: &'static str| {
        view! { <super::SortHeader label code current=order.clone() path="/equipe/contratos" query=base.clone() /> }
    };
    view! {
        <p class="muted" role="status">{summary}</p>
        <table class="staff-table">
            <thead><tr>
                {sort("Contrato", "numero")}<th scope="col">"Unidade"</th><th scope="col">"Compradores"</th>
                {sort("Valor", "valor")}{sort("Situação", "situacao")}{sort("Assinado em", "assinatura")}
            </tr></thead>
            <tbody>
                {list.rows.into_iter().map(|row| view! {
                    <tr>
                        <td data-rotulo="Contrato" class="nowrap"><a href=format!("/equipe/contratos/{}", row.id)>{row.number}</a></td>
                        <td data-rotulo="Unidade">{row.unit}<br /><span class="muted">{row.development}</span></td>
                        <td data-rotulo="Compradores">{row.buyers}</td>
                        <td data-rotulo="Valor" class="nowrap">{row.total}</td>
                        <td data-rotulo="Situação"><Badge tone=status_tone(&row.status)>{row.status_label}</Badge></td>
                        <td data-rotulo="Assinado em" class="nowrap">{row.signed_on}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <Pagination path="/equipe/contratos" query=paging page=list.page pages=list.pages />
    }
    .into_any()
}

/// `/equipe/contratos/novo?unidade=…`: a contract for a unit, with its buyers.
#[component]
pub fn NewContractPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (query.read().get("unidade").and_then(|id| id.parse::<i64>().ok()), query.read().get("rascunho"))
        },
        |(unit, draft)| async move {
            match unit {
                Some(unit) => load_contract_form(unit, draft).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let create = ServerAction::<CreateContract>::new();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((unit, draft)) => {
                        let draft = draft.unwrap_or_else(|| RecordDraft {
                            form: ContractForm { status: "ativo".into(), ..Default::default() },
                            errors: Default::default(),
                        });
                        let form = draft.form.clone();
                        let has_errors = !draft.errors.is_empty();
                        let error = move |field: &str| draft.error(field);
                        let name = |field: &str| format!("contract[{field}]");
                        let back = format!("/equipe/unidades/{}", unit.id);
                        view! {
                            <Title text=format!("Novo contrato · {} · Equipe", unit.label) />
                            <p class="breadcrumb"><a href=back.clone()>{format!("← {} · {}", unit.development, unit.label)}</a></p>
                            <h1>"Novo contrato"</h1>
                            <p class="lead">{format!("{} · {}. Os compradores precisam estar cadastrados (e confirmados, se vieram do cadastro pelo site).", unit.development, unit.label)}</p>
                            {has_errors.then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
                            {error("unit").or(error("geral")).map(|message| view! { <Alert tone="error" message /> })}
                            <ActionForm action=create attr:class="card form">
                                <input type="hidden" name="contract[unit]" value=unit.id />
                                <div class="field-pair">
                                    <RecordField label="Número do contrato" name=name("number") value=form.number.clone() error=error("number") required=true />
                                    <RecordField label="Assinado em" name=name("signed_on") value=form.signed_on.clone() error=error("signed_on") kind="date" required=true />
                                </div>
                                <div class="field-pair">
                                    <RecordField label="Valor total (R$)" name=name("total") value=form.total.clone() error=error("total") required=true inputmode="decimal" hint="Por exemplo 350.000,00." />
                                    <div class="field">
                                        <label for="contract-status">"Situação inicial"</label>
                                        <select id="contract-status" name="contract[status]">
                                            {[("ativo", "Ativo"), ("em_assinatura", "Em assinatura")].into_iter().map(|(code, label)| view! { <option selected=code == form.status value=code>{label}</option> }).collect_view()}
                                        </select>
                                        {error("status").map(|text| view! { <p class="field__error">{text}</p> })}
                                    </div>
                                </div>
                                <RecordField label="CPF/CNPJ do titular" name=name("titular") value=form.titular.clone() error=error("titular") required=true />
                                <fieldset class="field choices">
                                    <legend>"Cocompradores (opcional)"</legend>
                                    <RecordField label="CPF/CNPJ do 1º cocomprador" name=name("co_buyer1") value=form.co_buyer1.clone() error=error("co_buyer1") />
                                    <RecordField label="CPF/CNPJ do 2º cocomprador" name=name("co_buyer2") value=form.co_buyer2.clone() error=error("co_buyer2") />
                                    <RecordField label="CPF/CNPJ do 3º cocomprador" name=name("co_buyer3") value=form.co_buyer3.clone() error=error("co_buyer3") />
                                </fieldset>
                                <div class="actions">
                                    <button type="submit" class="button button--primary">"Criar contrato"</button>
                                    <a class="button button--secondary" href=back>"Cancelar"</a>
                                </div>
                            </ActionForm>
                        }.into_any()
                    }
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/equipe/contratos/:id`: parties, status, installments, the plan generator and the trail.
#[component]
pub fn ContractPage() -> impl IntoView {
    let query = use_query_map();
    let data = super::record_resource(load_contract);
    view! {
        <p class="breadcrumb"><a href="/equipe/contratos">"← Contratos"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let added = query.get("parcelas").map(|count| format!("{count} parcela(s) incluída(s): o comprador já as vê em Financeiro."));
                let notice = notice_of(&query, &[
                    ("criado", "Contrato criado. Inclua as parcelas do plano de pagamento."),
                    ("situacao", "Situação alterada; o motivo ficou no histórico."),
                    ("partes", "Partes dos compradores salvas."),
                    ("parcela", "Parcela alterada."),
                    ("correcao", "Correção salva; as parcelas em aberto foram recalculadas."),
                ]).or(added);
                let failure = query.get("erro").as_deref().and_then(AppError::from_code).map(|error| error.to_string());
                match data.await {
                    Ok((detail, draft)) => view! { <Contract detail draft=draft.unwrap_or_default() notice failure /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Contract(
    detail: ContractDetail,
    draft: RecordDraft<ContractPageForm>,
    notice: Option<String>,
    failure: Option<String>,
) -> impl IntoView {
    let facts = [
        ("Empreendimento", detail.development.clone()),
        ("Unidade", detail.unit.clone()),
        ("Assinado em", detail.signed_on.clone()),
        ("Valor total", detail.total.clone()),
        ("Soma das parcelas", detail.installments_total.clone()),
    ];
    let general = draft.error("geral");
    let (status, status_label) = (detail.status.clone(), detail.status_label.clone());
    view! {
        <Title text=format!("Contrato {} · Equipe", detail.number) />
        <h1>{format!("Contrato {}", detail.number)}</h1>
        <p class="thread__facts"><Badge tone=status_tone(&status)>{status_label}</Badge></p>
        {notice.map(|message| view! { <Alert tone="success" message /> })}
        {failure.or(general).map(|message| view! { <Alert tone="error" message /> })}
        {(!draft.errors.is_empty()).then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
        <section class="card" aria-labelledby="titulo-dados">
            <h2 id="titulo-dados">"Dados"</h2>
            <dl class="details">
                {facts.into_iter().map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> }).collect_view()}
            </dl>
            <div class="actions">
                <a class="button button--secondary" href=format!("/equipe/unidades/{}", detail.unit_id)>"Ver a unidade"</a>
                {detail.can_edit.then(|| view! { <super::PublishDocumentLink scope="contrato" id=detail.id /> })}
            </div>
        </section>
        <Parties detail=detail.clone() draft=draft.clone() />
        {(detail.can_edit && !next_statuses(&detail.status).is_empty()).then(|| view! { <StatusChange detail=detail.clone() draft=draft.clone() /> })}
        <super::installments::Installments detail=detail.clone() />
        <super::correction::ContractCorrection detail=detail.clone() draft=draft.clone() />
        {(detail.can_plan && detail.status != "distratado").then(|| view! { <Plan id=detail.id draft=draft.clone() /> })}
        <section class="card" aria-labelledby="titulo-historico">
            <h2 id="titulo-historico">"Histórico"</h2>
            {if detail.trail.is_empty() {
                view! { <p class="muted">"Nada registrado ainda."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr><th scope="col">"Quando"</th><th scope="col">"Quem"</th><th scope="col">"O quê"</th><th scope="col">"Detalhe"</th></tr></thead>
                        <tbody>
                            {detail.trail.into_iter().map(|entry| view! {
                                <tr>
                                    <td data-rotulo="Quando" class="nowrap">{entry.at}</td>
                                    <td data-rotulo="Quem">{entry.who}</td>
                                    <td data-rotulo="O quê">{entry.action}</td>
                                    <td data-rotulo="Detalhe">{entry.detail}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Parties(detail: ContractDetail, draft: RecordDraft<ContractPageForm>) -> impl IntoView {
    let save = ServerAction::<SetShares>::new();
    let several = detail.parties.len() > 1;
    view! {
        <section class="card" id="partes" aria-labelledby="titulo-partes">
            <h2 id="titulo-partes">"Compradores"</h2>
            {if detail.can_edit && several {
                view! {
                    <p class="muted">"A parte de cada um vai no informe de rendimentos. Em branco, as partes são iguais."</p>
                    <ActionForm action=save attr:class="form">
                        <input type="hidden" name="id" value=detail.id />
                        {detail.parties.iter().enumerate().map(|(index, party)| {
                            let typed = draft.form.shares.get(index).cloned().or(party.share.clone()).unwrap_or_default();
                            view! {
                                <div class="field">
                                    <label for=format!("parte-{index}")>{format!("{} · {} (%)", party.name, party.role)}</label>
                                    <input id=format!("parte-{index}") name="share[]" type="text" inputmode="decimal" value=typed />
                                    {draft.error(&format!("share{index}")).map(|text| view! { <p class="field__error">{text}</p> })}
                                </div>
                            }
                        }).collect_view()}
                        {draft.error("shares").map(|text| view! { <p class="field__error">{text}</p> })}
                        <div class="actions">
                            <button type="submit" class="button button--primary">"Salvar partes"</button>
                            <button type="submit" name="equal" value="1" class="button button--secondary">"Partes iguais"</button>
                        </div>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <ul class="contact-list" role="list">
                        {detail.parties.iter().map(|party| view! {
                            <li>
                                <a href=format!("/equipe/pessoas/{}", party.person_id)>{party.name.clone()}</a>
                                {format!(" · {}{}", party.role, party.share.clone().map(|share| format!(" · {share} %")).unwrap_or_default())}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn StatusChange(detail: ContractDetail, draft: RecordDraft<ContractPageForm>) -> impl IntoView {
    let change = ServerAction::<SetContractStatus>::new();
    view! {
        <section class="card" aria-labelledby="titulo-situacao">
            <h2 id="titulo-situacao">"Mudar a situação"</h2>
            <ActionForm action=change attr:class="form">
                <input type="hidden" name="id" value=detail.id />
                <div class="field">
                    <label for="contract-next">"Nova situação"</label>
                    <select id="contract-next" name="status">
                        {next_statuses(&detail.status).iter().map(|code| view! { <option selected=*code == draft.form.status value=*code>{contract_status_label(code)}</option> }).collect_view()}
                    </select>
                    {draft.error("status").map(|text| view! { <p class="field__error">{text}</p> })}
                </div>
                <div class="field">
                    <label for="contract-reason">"Motivo"</label>
                    <textarea id="contract-reason" name="reason" rows="2" maxlength="500" required>{draft.form.reason.clone()}</textarea>
                    {draft.error("reason").map(|text| view! { <p class="field__error">{text}</p> })}
                </div>
                <p class="muted">"O distrato é definitivo e deixa a unidade disponível de novo."</p>
                <button type="submit" class="button button--secondary">"Mudar situação"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Plan(id: i64, draft: RecordDraft<ContractPageForm>) -> impl IntoView {
    let plan = ServerAction::<PlanInstallments>::new();
    let form = if draft.form.plan == PlanForm::default() {
        PlanForm { kind: "mensal".into(), count: "12".into(), every: "1".into(), ..Default::default() }
    } else {
        draft.form.plan.clone()
    };
    let preview = draft.form.preview.clone();
    let error = move |field: &str| draft.error(field);
    let name = |field: &str| format!("plan[{field}]");
    let hidden = form.clone();
    view! {
        <section class="card" id="plano" aria-labelledby="titulo-plano">
            <h2 id="titulo-plano">"Incluir parcelas"</h2>
            {preview.map(|preview| view! {
                <div class="preview" aria-labelledby="titulo-previa">
                    <h3 id="titulo-previa">{format!("Prévia: {} parcela(s), {}", preview.lines.len(), preview.plan_total)}</h3>
                    {if preview.matches_contract {
                        view! { <Alert tone="success" message=format!("Com elas, as parcelas somam {}: o valor do contrato.", preview.installments_after) /> }.into_any()
                    } else {
                        view! { <Alert tone="warning" message=format!("Com elas, as parcelas somam {}; o contrato vale {}.", preview.installments_after, preview.contract_total) /> }.into_any()
                    }}
                    <table class="staff-table">
                        <thead><tr><th scope="col">"Nº"</th><th scope="col">"Tipo"</th><th scope="col">"Vencimento"</th><th scope="col">"Valor"</th></tr></thead>
                        <tbody>
                            {preview.lines.into_iter().map(|(number, kind, due, amount)| view! {
                                <tr><td data-rotulo="Nº">{number}</td><td data-rotulo="Tipo">{kind}</td><td data-rotulo="Vencimento">{due}</td><td data-rotulo="Valor">{amount}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <ActionForm action=plan attr:class="actions">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="plan[kind]" value=hidden.kind.clone() />
                        <input type="hidden" name="plan[first_due]" value=hidden.first_due.clone() />
                        <input type="hidden" name="plan[count]" value=hidden.count.clone() />
                        <input type="hidden" name="plan[amount]" value=hidden.amount.clone() />
                        <input type="hidden" name="plan[day]" value=hidden.day.clone() />
                        <input type="hidden" name="plan[every]" value=hidden.every.clone() />
                        <input type="hidden" name="confirm" value="1" />
                        <button type="submit" class="button button--primary">"Salvar estas parcelas"</button>
                    </ActionForm>
                </div>
            })}
            <ActionForm action=plan attr:class="form">
                <input type="hidden" name="id" value=id />
                <div class="field-pair">
                    <div class="field">
                        <label for="plan-kind">"Tipo"</label>
                        <select id="plan-kind" name="plan[kind]">
                            {INSTALLMENT_KINDS.into_iter().map(|(code, label)| view! { <option selected=code == form.kind value=code>{label}</option> }).collect_view()}
                        </select>
                        {error("kind").map(|text| view! { <p class="field__error">{text}</p> })}
                    </div>
                    <RecordField label="Quantidade" name=name("count") value=form.count.clone() error=error("count") kind="number" required=true inputmode="numeric" />
                </div>
                <div class="field-pair">
                    <RecordField label="Primeiro vencimento" name=name("first_due") value=form.first_due.clone() error=error("first_due") kind="date" required=true />
                    <RecordField label="Valor de cada parcela (R$)" name=name("amount") value=form.amount.clone() error=error("amount") required=true inputmode="decimal" />
                </div>
                <div class="field-pair">
                    <RecordField label="Dia do vencimento (opcional)" name=name("day") value=form.day.clone() error=error("day") kind="number" inputmode="numeric" hint="Em branco: o dia do primeiro vencimento." />
                    <RecordField label="A cada quantos meses" name=name("every") value=form.every.clone() error=error("every") kind="number" inputmode="numeric" hint="1 para mensais; 6 para semestrais." />
                </div>
                <button type="submit" class="button button--secondary">"Ver prévia"</button>
            </ActionForm>
        </section>
    }
}
