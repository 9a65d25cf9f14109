use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use portal::records::{ContractDetail, RecordDraft, INSTALLMENT_KINDS};

use super::{RecordField, StaffLoadFailed};
use crate::api::staff::contracts::{load_installment, UpdateInstallment};
use crate::api::staff::finance::{RecordManualPayment, StaffIssueReissue, UndoManualPayment};
use crate::components::status::{Alert, Badge};
use crate::error::AppError;
use portal::finance::billing::{ManualPaymentForm, PaymentRecord};

/// A contract's installments, on its page.
#[component]
pub fn Installments(detail: ContractDetail) -> impl IntoView {
    let can_plan = detail.can_plan;
    view! {
        <section class="card" id="parcelas" aria-labelledby="titulo-parcelas">
            <h2 id="titulo-parcelas">{format!("Parcelas ({})", detail.installments.len())}</h2>
            {if detail.installments.is_empty() {
                view! { <p class="muted">"Nenhuma parcela ainda."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr>
                            <th scope="col">"Nº"</th><th scope="col">"Tipo"</th><th scope="col">"Vencimento"</th>
                            <th scope="col">"Valor"</th><th scope="col">"Pagamento"</th>
                        </tr></thead>
                        <tbody>
                            {detail.installments.into_iter().map(|line| view! {
                                <tr>
                                    <td data-rotulo="Nº">{line.number}</td>
                                    <td data-rotulo="Tipo">{line.kind}</td>
                                    <td data-rotulo="Vencimento" class="nowrap">{line.due_on}</td>
                                    <td data-rotulo="Valor" class="nowrap">
                                        {line.amount}
                                        {line.correction.map(|text| view! { <br /><span class="muted">{text}</span> })}
                                    </td>
                                    <td data-rotulo="Pagamento">
                                        {match line.paid {
                                            Some(paid) => view! { <Badge tone="success">{paid}</Badge> }.into_any(),
                                            None if can_plan => view! {
                                                <span class="muted">"Em aberto · "</span>
                                                <a href=format!("/equipe/parcelas/{}", line.id)>"Alterar"</a>
                                            }.into_any(),
                                            None => view! { <span class="muted">"Em aberto"</span> }.into_any(),
                                        }}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// `/equipe/parcelas/:id`: an installment; one without payment can change.
#[component]
pub fn InstallmentPage() -> impl IntoView {
    let query = use_query_map();
    let data = super::record_resource(load_installment);
    let update = ServerAction::<UpdateInstallment>::new();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let failure = query.get("erro").as_deref().and_then(AppError::from_code).map(|error| error.to_string());
                let notice = super::notice_of(&query, &[
                    ("paga", "Pagamento registrado."),
                    ("desfeito", "Pagamento manual desfeito: a parcela voltou a ficar em aberto."),
                    ("segunda-via", "2ª via emitida: o comprador a vê no Financeiro, e ela segue na próxima remessa."),
                ]);
                match data.await {
                    Ok((detail, draft, payment_draft)) => {
                        let general = draft.as_ref().and_then(|draft| draft.error("geral"));
                        let draft = draft.unwrap_or_else(|| RecordDraft { form: detail.form.clone(), errors: Default::default() });
                        let form = draft.form.clone();
                        let has_errors = draft.errors.keys().any(|key| key != "geral");
                        let error = move |field: &str| draft.error(field);
                        let name = |field: &str| format!("installment[{field}]");
                        let back = format!("/equipe/contratos/{}#parcelas", detail.contract_id);
                        let line = detail.line.clone();
                        view! {
                            <Title text=format!("Parcela {} · Contrato {} · Equipe", line.number, detail.contract_number) />
                            <p class="breadcrumb"><a href=back.clone()>{format!("← Contrato {}", detail.contract_number)}</a></p>
                            <h1>{format!("Parcela {}", line.number)}</h1>
                            {notice.map(|message| view! { <Alert tone="success" message /> })}
                            {failure.or(general).or_else(|| payment_draft.as_ref().and_then(|draft| draft.error("geral"))).map(|message| view! { <Alert tone="error" message /> })}
                            {has_errors.then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
                            <section class="card">
                                <dl class="details">
                                    <div><dt>"Tipo"</dt><dd>{line.kind.clone()}</dd></div>
                                    <div><dt>"Vencimento"</dt><dd>{line.due_on.clone()}</dd></div>
                                    <div><dt>"Valor"</dt><dd>{line.amount.clone()}</dd></div>
                                    {line.correction.clone().map(|text| view! { <div><dt>"Correção monetária"</dt><dd>{text}</dd></div> })}
                                    <div><dt>"Pagamento"</dt><dd>{line.paid.clone().unwrap_or_else(|| "Em aberto".to_string())}</dd></div>
                                {line.paid.is_none().then(|| view! { <div><dt>"Boleto"</dt><dd>{detail.bank_status.clone()}</dd></div> })}
                                {detail.reissue.clone().map(|reissue| view! {
                                    <div><dt>"2ª via"</dt><dd>{format!(
                                        "vence em {}: {} ({} + multa {} + juros {})",
                                        reissue.due_on, reissue.charge.total, reissue.charge.original, reissue.charge.fine, reissue.charge.interest
                                    )}</dd></div>
                                })}
                                    {detail.payment.clone().map(|payment| view! { <div><dt>"Origem do pagamento"</dt><dd>{payment.source}</dd></div> })}
                                    {detail.early_payment.clone().map(|text| view! { <div><dt>"Antecipação"</dt><dd>{text}</dd></div> })}
                                </dl>
                                {if detail.can_edit {
                                    view! {
                                        <ActionForm action=update attr:class="form">
                                            <input type="hidden" name="id" value=line.id />
                                            <div class="field">
                                                <label for="installment-kind">"Tipo"</label>
                                                <select id="installment-kind" name="installment[kind]">
                                                    {INSTALLMENT_KINDS.into_iter().map(|(code, label)| view! { <option selected=code == form.kind value=code>{label}</option> }).collect_view()}
                                                </select>
                                                {error("kind").map(|text| view! { <p class="field__error">{text}</p> })}
                                            </div>
                                            <div class="field-pair">
                                                <RecordField label="Vencimento" name=name("due_on") value=form.due_on.clone() error=error("due_on") kind="date" required=true />
                                                <RecordField label="Valor (R$)" name=name("amount") value=form.amount.clone() error=error("amount") required=true inputmode="decimal" />
                                            </div>
                                            <div class="actions">
                                                <button type="submit" class="button button--primary">"Salvar"</button>
                                                <a class="button button--secondary" href=back>"Cancelar"</a>
                                            </div>
                                        </ActionForm>
                                    }.into_any()
                                } else if line.paid.is_some() {
                                    view! { <p class="muted">"Uma parcela paga não muda: o pagamento já foi registrado."</p> }.into_any()
                                } else {
                                    view! { <p class="muted">"Só o financeiro altera parcelas."</p> }.into_any()
                                }}
                            </section>
                            {(detail.can_record_payment && detail.reissue_window.is_some()).then(|| {
                                let (earliest, latest) = detail.reissue_window.clone().unwrap_or_default();
                                let error = payment_draft.as_ref().and_then(|draft| draft.error("reissue_due"));
                                view! { <StaffReissue id=line.id earliest latest error /> }
                            })}
                            {detail.can_record_payment.then(|| view! {
                                <ManualPayment id=line.id payment=detail.payment.clone() draft=payment_draft />
                            })}
                        }.into_any()
                    }
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Recording a payment by hand (an unpaid installment) or undoing one made by hand.
#[component]
fn ManualPayment(
    id: i64,
    payment: Option<PaymentRecord>,
    draft: Option<RecordDraft<ManualPaymentForm>>,
) -> impl IntoView {
    let record = ServerAction::<RecordManualPayment>::new();
    let undo = ServerAction::<UndoManualPayment>::new();
    let form = draft.as_ref().map(|draft| draft.form.clone()).unwrap_or_default();
    let error = move |field: &str| draft.as_ref().and_then(|draft| draft.error(field));
    let name = |field: &str| format!("payment[{field}]");
    match payment {
        None => view! {
            <section class="card" aria-labelledby="titulo-pagamento">
                <h2 id="titulo-pagamento">"Registrar pagamento à mão"</h2>
                <p class="muted">"Para um pagamento que não virá no retorno do banco (uma TED, um acordo). Fica na trilha de auditoria."</p>
                <ActionForm action=record attr:class="form">
                    <input type="hidden" name="id" value=id />
                    <div class="field-pair">
                        <RecordField label="Data do pagamento" name=name("paid_on") value=form.paid_on.clone() error=error("paid_on") kind="date" required=true />
                        <RecordField label="Valor pago (R$)" name=name("amount") value=form.amount.clone() error=error("amount") required=true inputmode="decimal" />
                    </div>
                    <RecordField label="Motivo" name=name("reason") value=form.reason.clone() error=error("reason") required=true hint="Por exemplo: TED recebida em 02/12, comprovante no e-mail." />
                    <button type="submit" class="button button--primary">"Registrar pagamento"</button>
                </ActionForm>
            </section>
        }.into_any(),
        Some(payment) if payment.manual => view! {
            <section class="card" aria-labelledby="titulo-desfazer">
                <h2 id="titulo-desfazer">"Desfazer pagamento manual"</h2>
                <p class="muted">{format!("Registrado como pago em {} ({}). Desfaça só se foi um engano: fica na trilha de auditoria.", payment.paid_on, payment.amount)}</p>
                <ActionForm action=undo attr:class="form">
                    <input type="hidden" name="id" value=id />
                    <RecordField label="Por que desfazer" name="reason".to_string() value=String::new() error=error("undo_reason") required=true />
                    <button type="submit" class="button button--secondary">"Desfazer pagamento"</button>
                </ActionForm>
            </section>
        }.into_any(),
        Some(_) => ().into_any(),
    }
}

/// Issuing the 2ª via of an overdue installment (for a buyer who asks by phone).
#[component]
fn StaffReissue(id: i64, earliest: String, latest: String, error: Option<String>) -> impl IntoView {
    let issue = ServerAction::<StaffIssueReissue>::new();
    view! {
        <section class="card" aria-labelledby="titulo-segunda-via">
            <h2 id="titulo-segunda-via">"Emitir 2ª via"</h2>
            <p class="muted">"Novo boleto com a multa e os juros do contrato até o novo vencimento; o atual é baixado na próxima remessa."</p>
            <ActionForm action=issue attr:class="form">
                <input type="hidden" name="id" value=id />
                <div class="field">
                    <label for="segunda-via-vencimento">"Novo vencimento"</label>
                    <input id="segunda-via-vencimento" name="due" type="date" required min=earliest.clone() max=latest value=earliest
                        aria-invalid=error.is_some().then_some("true") />
                    {error.map(|text| view! { <p class="field__error">{text}</p> })}
                </div>
                <button type="submit" class="button button--secondary">"Emitir 2ª via"</button>
            </ActionForm>
        </section>
    }
}
