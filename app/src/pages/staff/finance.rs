//! Cobrança: `/equipe/financeiro` (companies, remessa, retorno upload, files),
//! `/equipe/financeiro/empresas/:id` (a company's bank) and `/equipe/financeiro/retornos/:id`
//! (a retorno's preview, then its record).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use portal::finance::billing::{
    BillingForm, BillingOverview, CnabFileRow, CompanyBillingDetail, RetornoPage as Retorno, BILLING_BANKS,
    BILLING_MODES,
};
use portal::records::RecordDraft;

use super::{notice_of, RecordField, StaffLoadFailed};
use crate::api::staff::finance::{
    load_billing, load_company_billing, load_retorno, ApplyRetorno, GenerateRemessa, SaveCompanyBilling,
};
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

fn failure_of(query: &leptos_router::params::ParamsMap) -> Option<String> {
    query.get("erro").as_deref().and_then(AppError::from_code).map(|error| error.to_string())
}

/// `/equipe/financeiro`.
#[component]
pub fn BillingPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("rascunho"), load_billing);
    view! {
        <Title text="Cobrança · Equipe" />
        <h1>"Cobrança"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                match data.await {
                    Ok((overview, refused)) => {
                        let remessa = query.get("remessa").and_then(|id| id.parse::<i64>().ok());
                        view! { <Billing overview refused remessa failure=failure_of(&query) /> }.into_any()
                    }
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Billing(
    overview: BillingOverview,
    refused: Option<RecordDraft<String>>,
    remessa: Option<i64>,
    failure: Option<String>,
) -> impl IntoView {
    let generate = ServerAction::<GenerateRemessa>::new();
    let retorno_error = refused.as_ref().and_then(|draft| draft.error("retorno"));
    let remessa_error = refused.as_ref().and_then(|draft| draft.error("geral"));
    let configured: Vec<(i64, String)> = overview
        .companies
        .iter()
        .filter(|company| company.mode.is_some())
        .map(|company| (company.company_id, company.name.clone()))
        .collect();
    let can_edit = overview.can_edit;
    view! {
        {failure.map(|message| view! { <Alert tone="error" message /> })}
        {remessa.map(|id| view! {
            <div class="alert alert--success" role="status">
                <p>"Remessa gerada: os boletos dela estão agora como enviados ao banco. "
                <a href=format!("/equipe/financeiro/arquivos/{id}")>"Baixar o arquivo da remessa"</a>
                " e envie-o pelo canal do banco."</p>
            </div>
        })}
        <nav class="card actions" aria-label="Relatórios">
            <a class="button button--secondary" href="/equipe/financeiro/inadimplencia">"Inadimplência"</a>
            <a class="button button--secondary" href="/equipe/financeiro/recebimentos">"Recebimentos"</a>
            <a class="button button--secondary" href="/equipe/financeiro/indices">"Índices de correção"</a>
        </nav>
        <section class="card" aria-labelledby="titulo-empresas">
            <h2 id="titulo-empresas">"Empresas"</h2>
            <table class="staff-table">
                <thead><tr><th scope="col">"Empresa"</th><th scope="col">"Banco"</th><th scope="col">"A enviar ao banco"</th></tr></thead>
                <tbody>
                    {overview.companies.into_iter().map(|company| view! {
                        <tr>
                            <td data-rotulo="Empresa">
                                <a href=format!("/equipe/financeiro/empresas/{}", company.company_id)>{company.name}</a>
                                <br /><span class="muted nowrap">{company.cnpj}</span>
                            </td>
                            <td data-rotulo="Banco">
                                {match company.mode {
                                    Some(mode) => view! { <Badge tone=if company.is_test { "warning" } else { "success" }>{mode}</Badge> }.into_any(),
                                    None => view! { <span class="muted">"Não configurado (boletos com o banco da configuração do servidor)"</span> }.into_any(),
                                }}
                            </td>
                            <td data-rotulo="A enviar ao banco" class="nowrap">
                                {format!("{} boleto{} · {}", company.unsent, if company.unsent == 1 { "" } else { "s" }, company.unsent_total)}
                                {(company.unsent_without_address > 0).then(|| view! {
                                    <br /><span class="field__error">{format!(
                                        "{} sem endereço do titular: o banco recusa registrar boleto sem o endereço do pagador. Peça o endereço ao comprador (Meus dados) antes de gerar a remessa.",
                                        company.unsent_without_address
                                    )}</span>
                                })}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        {can_edit.then(|| view! {
            <section class="card" id="remessa" aria-labelledby="titulo-remessa">
                <h2 id="titulo-remessa">"Gerar remessa (CNAB 240)"</h2>
                <p class="muted">"Registra no banco os boletos em aberto que ainda não foram enviados, com vencimento de hoje até a data escolhida."</p>
                {remessa_error.map(|message| view! { <Alert tone="error" message /> })}
                {if configured.is_empty() {
                    view! { <p>"Configure o banco de uma empresa para gerar remessas."</p> }.into_any()
                } else {
                    view! {
                        <ActionForm action=generate attr:class="form">
                            <div class="field">
                                <label for="remessa-empresa">"Empresa"</label>
                                <select id="remessa-empresa" name="company">
                                    {configured.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="remessa-ate">"Vencimento até"</label>
                                <input id="remessa-ate" name="due_until" type="date" value=overview.default_due_until.clone() required />
                            </div>
                            <button type="submit" class="button button--primary">"Gerar remessa"</button>
                        </ActionForm>
                    }.into_any()
                }}
            </section>
            <section class="card" id="retorno" aria-labelledby="titulo-retorno">
                <h2 id="titulo-retorno">"Importar retorno do banco"</h2>
                <p class="muted">"Envie o arquivo de retorno CNAB 240. Antes de aplicar, o portal mostra o que cada linha vai mudar."</p>
                {retorno_error.clone().map(|message| view! { <Alert tone="error" message /> })}
                <form class="form" method="post" action="/equipe/financeiro/retornos" enctype="multipart/form-data">
                    <div class="field">
                        <label for="arquivo-retorno">"Arquivo de retorno (.ret, até 2 MB)"</label>
                        <input id="arquivo-retorno" name="retorno" type="file" required aria-invalid=retorno_error.is_some().then_some("true") />
                    </div>
                    <button type="submit" class="button button--primary">"Ver o retorno"</button>
                </form>
            </section>
        })}
        <section class="card" id="arquivos" aria-labelledby="titulo-arquivos">
            <h2 id="titulo-arquivos">"Remessas e retornos"</h2>
            {if overview.files.is_empty() {
                view! { <p class="muted">"Nenhum arquivo ainda."</p> }.into_any()
            } else {
                view! { <FilesTable files=overview.files /> }.into_any()
            }}
        </section>
    }
}

#[component]
fn FilesTable(files: Vec<CnabFileRow>) -> impl IntoView {
    view! {
        <table class="staff-table">
            <thead><tr>
                <th scope="col">"Arquivo"</th><th scope="col">"Empresa"</th><th scope="col">"Boletos"</th>
                <th scope="col">"Gerado"</th><th scope="col">"Situação"</th>
            </tr></thead>
            <tbody>
                {files.into_iter().map(|file| {
                    let title = format!("{} nº {}", if file.kind == "remessa" { "Remessa" } else { "Retorno" }, file.sequence);
                    let status = match (file.kind.as_str(), &file.applied) {
                        ("remessa", _) => view! { <a href=format!("/equipe/financeiro/arquivos/{}", file.id)>"Baixar"</a> }.into_any(),
                        (_, Some(applied)) => view! {
                            <a href=format!("/equipe/financeiro/retornos/{}", file.id)>{format!("Aplicado em {applied}")}</a>
                        }.into_any(),
                        _ => view! {
                            <a href=format!("/equipe/financeiro/retornos/{}", file.id)>"Aguardando confirmação"</a>
                        }.into_any(),
                    };
                    view! {
                        <tr>
                            <td data-rotulo="Arquivo">{title}{file.test.then(|| view! { " " <Badge tone="warning">"Teste"</Badge> })}</td>
                            <td data-rotulo="Empresa">{file.company}</td>
                            <td data-rotulo="Boletos" class="nowrap">{format!("{} · {}", file.titles, file.total)}</td>
                            <td data-rotulo="Gerado">{format!("{} · {}", file.created, file.created_by)}</td>
                            <td data-rotulo="Situação">{status}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// `/equipe/financeiro/empresas/:id`.
#[component]
pub fn CompanyBillingPage() -> impl IntoView {
    let query = use_query_map();
    let data = super::record_resource(load_company_billing);
    view! {
        <p class="breadcrumb"><a href="/equipe/financeiro">"← Cobrança"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let notice = notice_of(&query, &[("salva", "Dados de cobrança salvos.")]);
                match data.await {
                    Ok((detail, draft)) => view! { <CompanyBilling detail draft notice failure=failure_of(&query) /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CompanyBilling(
    detail: CompanyBillingDetail,
    draft: Option<RecordDraft<BillingForm>>,
    notice: Option<String>,
    failure: Option<String>,
) -> impl IntoView {
    let save = ServerAction::<SaveCompanyBilling>::new();
    let general = draft.as_ref().and_then(|draft| draft.error("geral"));
    let draft =
        draft.unwrap_or_else(|| RecordDraft { form: detail.form.clone(), errors: Default::default() });
    let has_errors = draft.errors.keys().any(|key| key != "geral");
    let form = draft.form.clone();
    let error = move |field: &str| draft.error(field);
    let name = |field: &str| format!("billing[{field}]");
    let title = format!("Cobrança · {}", detail.company_name);
    view! {
        <Title text=format!("{title} · Equipe") />
        <h1>{title}</h1>
        {notice.map(|message| view! { <Alert tone="success" message /> })}
        {failure.or(general).map(|message| view! { <Alert tone="error" message /> })}
        {has_errors.then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
        {(!detail.configured).then(|| view! {
            <p class="muted">"Esta empresa ainda não tem banco próprio: os boletos dos empreendimentos dela usam o banco da configuração do servidor."</p>
        })}
        {if detail.can_edit {
            view! {
                <ActionForm action=save attr:class="card form">
                    <input type="hidden" name="id" value=detail.company_id />
                    <div class="field">
                        <label for="billing-mode">"Ambiente"</label>
                        <p class="field__hint">"Em homologação os boletos são gerados, mas os compradores não os veem; no Banco do Brasil as remessas saem marcadas como teste."</p>
                        <select id="billing-mode" name="billing[mode]">
                            {BILLING_MODES.into_iter().map(|(code, label)| view! { <option value=code selected=code == form.mode>{label}</option> }).collect_view()}
                        </select>
                        {error("mode").map(|text| view! { <p class="field__error">{text}</p> })}
                    </div>
                    <div class="field-pair">
                        <div class="field">
                            <label for="billing-bank">"Banco"</label>
                            <select id="billing-bank" name="billing[bank_code]">
                                {BILLING_BANKS.into_iter().map(|(code, label)| view! { <option value=code selected=code == form.bank_code>{label}</option> }).collect_view()}
                            </select>
                            {error("bank_code").map(|text| view! { <p class="field__error">{text}</p> })}
                        </div>
                        <RecordField label="Convênio de cobrança" name=name("agreement") value=form.agreement.clone() error=error("agreement") inputmode="numeric" hint="Banco do Brasil: 7 dígitos. O Itaú não usa." />
                    </div>
                    <div class="field-pair">
                        <RecordField label="Agência" name=name("agency") value=form.agency.clone() error=error("agency") required=true hint="Banco do Brasil com dígito (1234-5); Itaú sem dígito (1234)." />
                        <RecordField label="Conta com dígito" name=name("account") value=form.account.clone() error=error("account") required=true hint="Por exemplo 12345-6 (no Itaú, o DAC)." />
                    </div>
                    <div class="field-pair">
                        <RecordField label="Carteira" name=name("wallet") value=form.wallet.clone() error=error("wallet") required=true inputmode="numeric" hint="Banco do Brasil: 17, por exemplo; Itaú: 109, por exemplo." />
                        <RecordField label="Variação da carteira" name=name("wallet_variation") value=form.wallet_variation.clone() error=error("wallet_variation") inputmode="numeric" hint="Banco do Brasil: 3 dígitos (019). O Itaú não usa." />
                    </div>
                    <RecordField label="Beneficiário (como o banco o cadastrou)" name=name("beneficiary_name") value=form.beneficiary_name.clone() error=error("beneficiary_name") required=true />
                    <div class="field-pair">
                        <RecordField label="Chave PIX" name=name("pix_key") value=form.pix_key.clone() error=error("pix_key") required=true />
                        <RecordField label="Cidade do PIX" name=name("pix_city") value=form.pix_city.clone() error=error("pix_city") required=true />
                    </div>
                    <div class="field-pair">
                        <RecordField label="Multa após o vencimento (%)" name=name("late_fine") value=form.late_fine.clone() error=error("late_fine") required=true inputmode="decimal" hint="De 0 a 2 %." />
                        <RecordField label="Juros ao mês (%)" name=name("monthly_interest") value=form.monthly_interest.clone() error=error("monthly_interest") required=true inputmode="decimal" hint="Cobrados pro rata die." />
                    </div>
                    <div class="field-pair">
                        <RecordField label="Dias para pagar após o vencimento" name=name("days_payable_after_due") value=form.days_payable_after_due.clone() error=error("days_payable_after_due") required=true inputmode="numeric" hint="Depois disso o banco baixa o boleto (no Itaú, até 99)." />
                        <RecordField label="Desconto por mês antecipado (%)" name=name("monthly_discount") value=form.monthly_discount.clone() error=error("monthly_discount") required=true inputmode="decimal" />
                    </div>
                    <label class="choice">
                        <input type="checkbox" name="billing[early_payment]" value="on" checked=form.early_payment.is_some() />
                        "Permitir antecipação de parcelas"
                    </label>
                    <button type="submit" class="button button--primary">"Salvar"</button>
                </ActionForm>
            }.into_any()
        } else {
            view! {
                <section class="card">
                    <dl class="details">
                        <div><dt>"Ambiente"</dt><dd>{if form.mode == "producao" { "Produção" } else { "Homologação" }}</dd></div>
                        <div><dt>"Banco"</dt><dd>{BILLING_BANKS.into_iter().find(|(code, _)| *code == form.bank_code).map_or_else(|| form.bank_code.clone(), |(_, name)| name.to_string())}</dd></div>
                        <div><dt>"Agência / conta"</dt><dd>{format!("{} / {}", form.agency, form.account)}</dd></div>
                        <div><dt>"Multa e juros"</dt><dd>{format!("{} % · {} % ao mês", form.late_fine, form.monthly_interest)}</dd></div>
                    </dl>
                    <p class="muted">"Só o financeiro altera os dados de cobrança."</p>
                </section>
            }.into_any()
        }}
    }
}

/// `/equipe/financeiro/retornos/:id`.
#[component]
pub fn RetornoPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => load_retorno(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p class="breadcrumb"><a href="/equipe/financeiro#arquivos">"← Cobrança"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let notice = notice_of(&query, &[
                    ("aplicado", "Retorno aplicado: as parcelas abaixo foram atualizadas."),
                    ("ja-aplicado", "Este retorno já tinha sido aplicado: nada mudou."),
                ]);
                match data.await {
                    Ok(page) => view! { <RetornoView page notice failure=failure_of(&query) /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RetornoView(page: Retorno, notice: Option<String>, failure: Option<String>) -> impl IntoView {
    let apply = ServerAction::<ApplyRetorno>::new();
    let file = page.file.clone();
    let applied = file.applied.clone();
    let title = format!("Retorno nº {} · {}", file.sequence, file.company);
    view! {
        <Title text=format!("{title} · Equipe") />
        <h1>{title}</h1>
        {notice.map(|message| view! { <Alert tone="success" message /> })}
        {failure.map(|message| view! { <Alert tone="error" message /> })}
        <section class="card">
            <p>{format!("Arquivo {} · importado em {} por {}.", file.file_name, file.created, file.created_by)}</p>
            <p>{match &applied {
                Some(when) => format!("Aplicado em {when}: {} parcela(s) pagas, {} no total.", page.paid_count, page.paid_total),
                None => format!("Ao aplicar: {} parcela(s) pagas, {} no total; {} linha(s) rejeitadas; {} sem parcela correspondente.",
                    page.paid_count, page.paid_total, page.rejected, page.unmatched),
            }}</p>
            {page.can_apply.then(|| view! {
                <ActionForm action=apply>
                    <input type="hidden" name="id" value=file.id />
                    <button type="submit" class="button button--primary">"Aplicar retorno"</button>
                </ActionForm>
            })}
            {(applied.is_none() && !page.can_apply).then(|| view! { <p class="muted">"Só o financeiro aplica retornos."</p> })}
        </section>
        <section class="card" aria-labelledby="titulo-linhas">
            <h2 id="titulo-linhas">{format!("Linhas ({})", page.lines.len())}</h2>
            <table class="staff-table">
                <thead><tr>
                    <th scope="col">"Linha"</th><th scope="col">"Nosso número"</th><th scope="col">"Ocorrência"</th>
                    <th scope="col">"Parcela"</th><th scope="col">"Pago"</th><th scope="col">"Resultado"</th>
                </tr></thead>
                <tbody>
                    {page.lines.into_iter().map(|line| view! {
                        <tr>
                            <td data-rotulo="Linha">{line.line}</td>
                            <td data-rotulo="Nosso número" class="nowrap">{line.nosso_numero}</td>
                            <td data-rotulo="Ocorrência">{line.occurrence}</td>
                            <td data-rotulo="Parcela">{match (line.installment_id, line.installment) {
                                (Some(id), Some(label)) => view! { <a href=format!("/equipe/parcelas/{id}")>{label}</a> }.into_any(),
                                _ => view! { <span class="muted">"—"</span> }.into_any(),
                            }}</td>
                            <td data-rotulo="Pago" class="nowrap">{match line.paid {
                                Some(paid) => format!("{paid}{}", line.credited_on.map(|day| format!(" em {day}")).unwrap_or_default()),
                                None => "—".to_string(),
                            }}</td>
                            <td data-rotulo="Resultado"><Badge tone=tone_static(&line.tone)>{line.outcome}</Badge></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

fn tone_static(tone: &str) -> &'static str {
    match tone {
        "success" => "success",
        "danger" => "danger",
        "warning" => "warning",
        _ => "info",
    }
}
