use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal::finance::{BoletoDetail, InstallmentLine, InstallmentOverview, InstallmentStatus};

use super::LoadFailed;
use crate::api::finance::{load_boleto, load_installments};
use crate::components::copy::CopyField;
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

/// `/financeiro`: the buyer's installments across contracts, filterable by situation, contract
/// and year (a plain GET form, so it works without JavaScript), with totals and the next one
/// to pay highlighted.
#[component]
pub fn FinancePage() -> impl IntoView {
    let query = use_query_map();
    let overview = Resource::new(
        move || {
            let query = query.read();
            (query.get("situacao"), query.get("contrato"), query.get("ano"))
        },
        |(status, contract, year)| load_installments(status, contract, year),
    );
    view! {
        <Title text="Financeiro" />
        <h1>"Financeiro"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando parcelas…"</p> }>
            {move || Suspend::new(async move {
                let chosen = query.read_untracked().clone();
                match overview.await {
                    Ok(overview) => view! {
                        <Overview
                            overview
                            status=chosen.get("situacao").unwrap_or_default()
                            contract=chosen.get("contrato").unwrap_or_default()
                            year=chosen.get("ano").unwrap_or_default()
                        />
                    }
                    .into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Overview(overview: InstallmentOverview, status: String, contract: String, year: String) -> impl IntoView {
    let totals = overview.totals.clone();
    let filtered = !(status.is_empty() && contract.is_empty() && year.is_empty());
    let count = overview.installments.len();
    view! {
        <p><a href="/financeiro/extrato">"Extrato de pagamentos e informe de rendimentos"</a></p>
        // What is owed now comes before what comes next.
        {(totals.overdue_count > 0).then(|| view! {
            <section class="card overdue-due" aria-labelledby="titulo-vencidas">
                <h2 id="titulo-vencidas">"Parcelas vencidas"</h2>
                <p class="next-due__amount amount">{totals.overdue.to_string()}</p>
                <p>{format!("{} sem pagamento até hoje", plural(totals.overdue_count))}</p>
                <a class="button button--primary" href="/financeiro?situacao=vencidas">"Ver parcelas vencidas"</a>
            </section>
        })}
        {overview.next.clone().map(|next| view! {
            <section class="card next-due" aria-labelledby="titulo-proximo">
                <h2 id="titulo-proximo">"Próximo vencimento"</h2>
                <p class="next-due__amount">{next.amount.to_string()}</p>
                <p>
                    {format!("{} · vence em {} · ", next.title(), next.due_on)}
                    <span class="nowrap">{format!("contrato {}", next.contract_number)}</span>
                </p>
                <a class="button button--primary" href=format!("/financeiro/boletos/{}", next.id)>"Ver boleto e PIX"</a>
            </section>
        })}
        <form class="card filters" method="get" action="/financeiro" aria-label="Filtrar parcelas">
            <div class="filters__fields">
                <div class="field">
                    <label for="situacao">"Situação"</label>
                    <select id="situacao" name="situacao">
                        <option value="" selected=status.is_empty()>"Todas"</option>
                        {[InstallmentStatus::Open, InstallmentStatus::Overdue, InstallmentStatus::Paid]
                            .into_iter()
                            .map(|option| {
                                let label = match option {
                                    InstallmentStatus::Open => "Em aberto",
                                    InstallmentStatus::Overdue => "Vencidas",
                                    InstallmentStatus::Paid => "Pagas",
                                };
                                view! { <option value=option.code() selected=status == option.code()>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="contrato">"Contrato"</label>
                    <select id="contrato" name="contrato">
                        <option value="" selected=contract.is_empty()>"Todos"</option>
                        {overview.contracts.iter().map(|choice| {
                            let value = choice.id.to_string();
                            let selected = contract == value;
                            view! { <option value=value selected=selected>{choice.number.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="ano">"Ano do vencimento"</label>
                    <select id="ano" name="ano">
                        <option value="" selected=year.is_empty()>"Todos"</option>
                        {overview.years.iter().map(|option| {
                            let value = option.to_string();
                            let selected = year == value;
                            let label = value.clone();
                            view! { <option value=value selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button button--primary">"Filtrar"</button>
                {filtered.then(|| view! { <a class="button button--ghost" href="/financeiro">"Limpar filtros"</a> })}
            </div>
        </form>
        <section class="totals" aria-label="Totais de todas as suas parcelas">
            <div class="total total--open">
                <span class="total__label">"Em aberto"</span>
                <strong>{totals.open.to_string()}</strong>
                <span class="muted">{plural(totals.open_count)}</span>
            </div>
            <div class="total total--overdue">
                <span class="total__label">"Vencidas"</span>
                <strong>{totals.overdue.to_string()}</strong>
                <span class="muted">{plural(totals.overdue_count)}</span>
            </div>
            <div class="total total--paid">
                <span class="total__label">"Pagas"</span>
                <strong>{totals.paid.to_string()}</strong>
                <span class="muted">{plural(totals.paid_count)}</span>
            </div>
        </section>
        <h2 class="sr-only">"Parcelas"</h2>
        <p class="muted">{format!("{} listada{}", plural(count as i64), if count == 1 { "" } else { "s" })}</p>
        {if overview.installments.is_empty() {
            view! {
                <section class="empty-state">
                    <p>"Nenhuma parcela com esses filtros."</p>
                    <a href="/financeiro">"Ver todas as parcelas"</a>
                </section>
            }
            .into_any()
        } else {
            view! {
                <ul class="installments" role="list">
                    {overview.installments.into_iter().map(|line| view! { <InstallmentItem line /> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// `1 parcela`, `3 parcelas`.
fn plural(count: i64) -> String {
    if count == 1 {
        "1 parcela".to_string()
    } else {
        format!("{count} parcelas")
    }
}

#[component]
fn InstallmentItem(line: InstallmentLine) -> impl IntoView {
    let class = format!(
        "installment installment--{}{}",
        line.status.code(),
        if line.is_next { " installment--next" } else { "" }
    );
    let href = format!("/financeiro/boletos/{}", line.id);
    let action = if line.status == InstallmentStatus::Paid { "Ver detalhes" } else { "Ver boleto" };
    view! {
        <li class=class>
            <div class="installment__main">
                <span class="installment__title">{line.title()}</span>
                <span class="muted">{format!("Contrato {}", line.contract_number)}</span>
            </div>
            <div class="installment__due">
                <span>{format!("Vencimento {}", line.due_on)}</span>
                <strong>{line.amount.to_string()}</strong>
            </div>
            <div class="installment__status">
                <Badge tone=line.status.tone()>{line.status.label()}</Badge>
                {line.is_next.then(|| view! { <Badge tone="warning">"Próxima"</Badge> })}
                {line.paid_on.clone().map(|paid| view! { <span class="muted">{format!("Paga em {paid}")}</span> })}
            </div>
            <a class="installment__link" href=href aria-label=format!("{action}: {}, contrato {}", line.title(), line.contract_number)>{action}</a>
        </li>
    }
}

/// `/financeiro/boletos/:id`: amount, due date and situation; for open ones the linha digitável,
/// the barcode, PIX copia e cola with its QR code, and the PDF. Anyone else's id is a 404.
#[component]
pub fn BoletoPage() -> impl IntoView {
    let params = use_params_map();
    let boleto = Resource::new(
        move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => load_boleto(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p class="breadcrumb"><a href="/financeiro">"← Financeiro"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando boleto…"</p> }>
            {move || Suspend::new(async move {
                match boleto.await {
                    Ok(detail) => view! { <Boleto detail /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Boleto(detail: BoletoDetail) -> impl IntoView {
    let line = detail.installment.clone();
    let title = format!("Boleto · {}", line.title());
    let pdf = format!("/financeiro/boletos/{}/pdf", line.id);
    let status_note = match line.status {
        InstallmentStatus::Paid => Some((
            "success",
            format!(
                "Paga em {} · {}",
                line.paid_on.clone().unwrap_or_default(),
                line.paid_amount.unwrap_or(line.amount)
            ),
        )),
        InstallmentStatus::Overdue => Some((
            "warning",
            format!(
                "Vencida em {}. O banco calcula multa e juros no pagamento do boleto; o PIX vale só até o vencimento.",
                line.due_on
            ),
        )),
        InstallmentStatus::Open => None,
    };
    let unavailable = detail.payment.is_none() && line.status != InstallmentStatus::Paid;
    let payment = detail.payment.clone();
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        {status_note.map(|(tone, text)| view! { <Alert tone message=text /> })}
        <BoletoDetails detail />
        {unavailable.then(|| view! {
            <Alert tone="info" message="O pagamento online desta parcela não está disponível. Fale com a construtora para receber o boleto." />
        })}
        {payment.map(|payment| view! { <PaymentSections payment /> })}
        <p>
            <a class="button button--ghost" href=pdf download>
                {if line.status == InstallmentStatus::Paid { "Baixar comprovante de pagamento" } else { "Baixar PDF do boleto" }}
            </a>
        </p>
    }
}

/// The boleto's data, as a `dl` (type-erased: the page's view type is otherwise too deep).
#[component]
fn BoletoDetails(detail: BoletoDetail) -> impl IntoView {
    let line = detail.installment.clone();
    view! {
        <section class="card" aria-labelledby="titulo-dados-boleto">
            <h2 id="titulo-dados-boleto">"Dados do boleto"</h2>
            <dl class="details">
                <div><dt>"Valor"</dt><dd class="amount">{line.amount.to_string()}</dd></div>
                <div><dt>"Vencimento"</dt><dd>{line.due_on.clone()}</dd></div>
                <div><dt>"Situação"</dt><dd><Badge tone=line.status.tone()>{line.status.label()}</Badge></dd></div>
                <div><dt>"Contrato"</dt><dd><a href=format!("/meu-imovel/contratos/{}", line.contract_id)>{line.contract_number.clone()}</a></dd></div>
                <div><dt>"Imóvel"</dt><dd>{format!("{} · {}", detail.development_name, detail.unit_label)}</dd></div>
                <div><dt>"Pagador"</dt><dd>{detail.payer_name.clone()}</dd></div>
                {detail.beneficiary.clone().map(|beneficiary| view! {
                    <div><dt>"Beneficiário"</dt><dd>{format!("{} · CNPJ {}", beneficiary.name, beneficiary.document)}</dd></div>
                    <div><dt>"Banco"</dt><dd>{format!("{} · Agência/Conta {}", beneficiary.bank, beneficiary.agency_account)}</dd></div>
                })}
                {detail.payment.as_ref().map(|payment| view! {
                    <div><dt>"Nosso número"</dt><dd>{payment.nosso_numero.clone()}</dd></div>
                })}
            </dl>
        </section>
    }
    .into_any()
}

/// Linha digitável and barcode; PIX with its QR code when the installment is not yet due.
#[component]
fn PaymentSections(payment: portal::finance::PaymentCodes) -> impl IntoView {
    view! {
            <section class="card" aria-labelledby="titulo-pagar-boleto">
                <h2 id="titulo-pagar-boleto">"Pagar com boleto"</h2>
                <CopyField id="linha-digitavel" label="Linha digitável" text=payment.digitable_line.clone() />
                // Generated by the portal from digits only: no outside text reaches this markup.
                <div class="barcode" inner_html=payment.barcode_svg.clone()></div>
            </section>
            {payment.pix_payload.clone().map(|pix| view! {
                <section class="card" aria-labelledby="titulo-pagar-pix">
                    <h2 id="titulo-pagar-pix">"Pagar com PIX"</h2>
                    <p class="muted">"Aponte a câmera do app do seu banco para o QR code ou copie o código."</p>
                    <div class="qr" role="img" aria-label="QR code PIX" inner_html=payment.pix_qr_svg.clone().unwrap_or_default()></div>
                    <CopyField id="pix-copia-e-cola" label="PIX copia e cola" text=pix />
                </section>
            })}
    }
    .into_any()
}

/// `/financeiro/extrato`: the payments of one contract with their total and a PDF, and the
/// yearly informe de rendimentos for the income-tax declaration.
#[component]
pub fn StatementPage() -> impl IntoView {
    let query = use_query_map();
    let page = Resource::new(move || query.read().get("contrato"), crate::api::finance::load_statement);
    view! {
        <Title text="Extrato e informe de rendimentos" />
        <p class="breadcrumb"><a href="/financeiro">"← Financeiro"</a></p>
        <h1>"Extrato e informe de rendimentos"</h1>
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
            {if statement.entries.is_empty() {
                view! { <p class="muted">"Nenhum pagamento registrado neste contrato."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="statement">
                            <thead><tr><th scope="col">"Pago em"</th><th scope="col">"Parcela"</th><th scope="col">"Vencimento"</th><th scope="col" class="number">"Valor"</th></tr></thead>
                            <tbody>
                                {statement.entries.into_iter().map(|entry| view! {
                                    <tr>
                                        <td>{entry.paid_on}</td>
                                        <td>{entry.description}</td>
                                        <td>{entry.due_on}</td>
                                        <td class="number">{entry.amount.to_string()}</td>
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
            <h2 id="titulo-informe">"Informe de rendimentos"</h2>
            <p class="muted">"O que você pagou à construtora em cada ano, para a declaração do Imposto de Renda."</p>
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
