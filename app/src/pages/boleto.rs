//! `/financeiro/boletos/:id`: one installment, how to pay it (PIX, linha digitável, PDF) or,
//! once paid, its receipt.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal::finance::{BoletoDetail, InstallmentStatus, ReissueOffer, ReissueView};

use super::LoadFailed;
use crate::api::finance::{load_boleto, IssueReissue};
use crate::components::copy::CopyField;
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

/// `/financeiro/boletos/:id`: amount, due date and situation; for open ones the linha digitável,
/// the barcode, PIX copia e cola with its QR code, and the PDF. Anyone else's id is a 404.
#[component]
pub fn BoletoPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let boleto = Resource::new(
        move || {
            (params.read().get("id").and_then(|id| id.parse::<i64>().ok()), query.read().get("vencimento"))
        },
        |(id, due)| async move {
            match id {
                Some(id) => load_boleto(id, due).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p class="breadcrumb"><a href="/financeiro">"← Financeiro"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando boleto…"</p> }>
            {move || Suspend::new(async move {
                match boleto.await {
                    Ok(detail) => {
                        let issued = query.read_untracked().get("segunda-via").is_some();
                        view! {
                            {(issued && detail.reissue.is_some()).then(|| view! {
                                <Alert tone="success" message="2ª via emitida: pague pelo PIX ou pelo boleto abaixo até o novo vencimento." />
                            })}
                            <Boleto detail />
                        }.into_any()
                    }
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
            match &detail.reissue {
                Some(reissue) => format!(
                    "Vencida em {}. Esta é a 2ª via, com vencimento em {}: pague até lá, pelo PIX ou pelo boleto.",
                    line.due_on, reissue.due_on
                ),
                None => format!(
                    "Vencida em {}. O banco calcula multa e juros no pagamento do boleto; o PIX vale só até o vencimento. Para pagar por PIX, emita a 2ª via.",
                    line.due_on
                ),
            },
        )),
        InstallmentStatus::Open => None,
    };
    let unavailable = detail.payment.is_none() && line.status != InstallmentStatus::Paid;
    let payment = detail.payment.clone();
    let receipt = line.status == InstallmentStatus::Paid;
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        {status_note.map(|(tone, text)| view! { <Alert tone message=text /> })}
        // What to pay and until when, then how to pay, then the rest: on a phone the codes are
        // within the first screen or two, not under the boleto's data.
        {match detail.reissue.clone() {
            Some(reissue) => view! {
                <p class="boleto-summary">
                    <span class="boleto-summary__amount amount">{reissue.charge.total.to_string()}</span>
                    <span>{format!("vence em {}", reissue.due_on)}</span>
                    <Badge tone="info">"2ª via"</Badge>
                </p>
                <ReissueAmounts reissue />
            }.into_any(),
            None => view! {
                <p class="boleto-summary">
                    <span class="boleto-summary__amount amount">{line.amount.to_string()}</span>
                    <span>{format!("vence em {}", line.due_on)}</span>
                    <Badge tone=line.status.tone()>{line.status.label()}</Badge>
                </p>
            }.into_any(),
        }}
        {detail.late_today.map(|late| view! {
            <p class="boleto-late">
                {format!(
                    "Pagando hoje: {} ({} + multa de {} + juros de {} por {} dia{} de atraso).",
                    late.total, late.original, late.fine, late.interest, late.days_late,
                    if late.days_late == 1 { "" } else { "s" },
                )}
            </p>
        })}
        {unavailable.then(|| view! {
            <Alert tone="info" message="O pagamento online desta parcela não está disponível. Fale com a construtora para receber o boleto." />
        })}
        {payment.map(|payment| view! { <PaymentSections payment pdf=Some(pdf.clone()) /> })}
        {detail.reissue_offer.clone().map(|offer| view! { <ReissueChoice id=line.id offer /> })}
        {receipt.then(|| view! {
            <p>
                <a class="button button--ghost" href=pdf.clone() download>"Baixar comprovante de pagamento"</a>
            </p>
        })}
        <BoletoDetails detail />
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
                {if line.correction.0 != 0 {
                    view! {
                        <div><dt>"Valor original"</dt><dd class="amount">{line.original.to_string()}</dd></div>
                        <div><dt>"Correção monetária"</dt><dd class="amount">{line.correction.to_string()}</dd></div>
                        <div><dt>"Valor atualizado"</dt><dd class="amount">{line.amount.to_string()}</dd></div>
                    }.into_any()
                } else {
                    view! { <div><dt>"Valor"</dt><dd class="amount">{line.amount.to_string()}</dd></div> }.into_any()
                }}
                <div><dt>"Vencimento"</dt><dd>{line.due_on.clone()}</dd></div>
                <div><dt>"Situação"</dt><dd><Badge tone=line.status.tone()>{line.status.label()}</Badge></dd></div>
                <div><dt>"Contrato"</dt><dd><a href=format!("/meu-imovel/contratos/{}", line.contract_id)>{line.contract_number.clone()}</a></dd></div>
                <div><dt>"Imóvel"</dt><dd>{format!("{} · {}", detail.development_name, detail.unit_label)}</dd></div>
                <div><dt>"Pagador (titular)"</dt><dd>{format!("{} · {}", detail.payer_name, detail.payer_document)}</dd></div>
                {(!detail.co_buyers.is_empty()).then(|| view! {
                    <div><dt>"Demais compradores"</dt><dd>{detail.co_buyers.join(", ")}</dd></div>
                })}
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

/// PIX (copia e cola first: a buyer paying from this phone cannot scan its own screen; the
/// QR code is for paying from another device) when the installment is not yet due, then the
/// boleto's linha digitável, barcode and PDF.
#[component]
pub(crate) fn PaymentSections(payment: portal::finance::PaymentCodes, pdf: Option<String>) -> impl IntoView {
    view! {
            {payment.pix_payload.clone().map(|pix| view! {
                <section class="card" aria-labelledby="titulo-pagar-pix">
                    <h2 id="titulo-pagar-pix">"Pagar com PIX"</h2>
                    <p class="muted">"Copie o código e cole na área PIX do app do seu banco (PIX copia e cola)."</p>
                    <CopyField id="pix-copia-e-cola".to_string() label="PIX copia e cola".to_string() text=pix />
                    <p class="muted">"Ou, de outro aparelho, aponte a câmera do app do banco para o QR code:"</p>
                    <div class="qr" role="img" aria-label="QR code PIX" inner_html=payment.pix_qr_svg.clone().unwrap_or_default()></div>
                </section>
            })}
            <section class="card" aria-labelledby="titulo-pagar-boleto">
                <h2 id="titulo-pagar-boleto">"Pagar com boleto"</h2>
                <CopyField id="linha-digitavel".to_string() label="Linha digitável".to_string() text=payment.digitable_line.clone() />
                // Generated by the portal from digits only: no outside text reaches this markup.
                <div class="barcode" inner_html=payment.barcode_svg.clone()></div>
                {pdf.map(|pdf| view! { <p><a class="button button--ghost" href=pdf download>"Baixar PDF do boleto"</a></p> })}
            </section>
    }
    .into_any()
}

/// What a 2ª via adds up to.
#[component]
fn ReissueAmounts(reissue: ReissueView) -> impl IntoView {
    let charge = reissue.charge;
    view! {
        <dl class="details reissue-amounts">
            <div><dt>"Valor da parcela"</dt><dd class="amount">{charge.original.to_string()}</dd></div>
            <div><dt>"Multa"</dt><dd class="amount">{charge.fine.to_string()}</dd></div>
            <div><dt>{format!("Juros ({} dia{})", charge.days_late, if charge.days_late == 1 { "" } else { "s" })}</dt><dd class="amount">{charge.interest.to_string()}</dd></div>
            <div><dt>"Total"</dt><dd class="amount"><strong>{charge.total.to_string()}</strong></dd></div>
            <div><dt>"Vencimento"</dt><dd>{reissue.due_on}</dd></div>
        </dl>
    }
    .into_any()
}

/// An overdue installment's 2ª via: choose the new due date (a GET form, so it works without
/// JavaScript), see what it adds up to, then confirm.
#[component]
fn ReissueChoice(id: i64, offer: ReissueOffer) -> impl IntoView {
    let issue = ServerAction::<IssueReissue>::new();
    let here = format!("/financeiro/boletos/{id}");
    view! {
        <section class="card" id="segunda-via" aria-labelledby="titulo-segunda-via">
            <h2 id="titulo-segunda-via">"2ª via com novo vencimento"</h2>
            {offer.refusal.clone().map(|message| view! { <Alert tone="error" message /> })}
            {match offer.quote.clone() {
                Some(quote) => view! {
                    <p>"Confira os valores. A multa e os juros são os do contrato, até o novo vencimento."</p>
                    <ReissueAmounts reissue=quote.clone() />
                    <ActionForm action=issue attr:class="form">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="due" value=quote.due_iso.clone() />
                        <div class="actions">
                            <button type="submit" class="button button--primary">"Emitir 2ª via"</button>
                            <a class="button button--secondary" href=format!("{here}#segunda-via")>"Escolher outra data"</a>
                        </div>
                    </ActionForm>
                }.into_any(),
                None => view! {
                    <p class="muted">"Escolha até quando vai pagar: o novo boleto (e o PIX) inclui a multa e os juros até esse dia."</p>
                    <form class="form" method="get" action=format!("{here}#segunda-via")>
                        <div class="field">
                            <label for="segunda-via-vencimento">"Novo vencimento"</label>
                            <input id="segunda-via-vencimento" name="vencimento" type="date" required
                                min=offer.earliest.clone() max=offer.latest.clone() value=offer.earliest.clone() />
                        </div>
                        <button type="submit" class="button button--primary">"Ver valores"</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
    .into_any()
}
