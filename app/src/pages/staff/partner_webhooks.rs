//! A partner's webhooks, on its page: the endpoints it registered (switched off or on here),
//! and the newest deliveries with every attempt, a failed one sent again on request.

use leptos::prelude::*;
use portal::partners::{PartnerWebhooks, WebhookDeliveryRow, WebhookEndpointRow, WebhookEvent};

use crate::api::staff::partners::ChangePartnerWebhook;
use crate::components::status::{Alert, Badge};

fn event_label(code: &str) -> String {
    WebhookEvent::parse(code).map_or_else(|| code.to_string(), |event| event.label().to_string())
}

#[component]
pub fn WebhooksSection(id: i64, webhooks: PartnerWebhooks, scope: bool) -> impl IntoView {
    let PartnerWebhooks { endpoints, deliveries } = webhooks;
    view! {
        <section class="card" aria-labelledby="webhooks">
            <h2 id="webhooks">"Webhooks"</h2>
            <p class="muted">
                "Endereços que o parceiro cadastrou em POST /api/v1/webhooks para saber dos eventos. Cada entrega leva só ids (o parceiro lê o resto pela API), vai assinada (webhook-signature, HMAC-SHA256 com o segredo do endpoint) e é tentada de novo com intervalos crescentes se o endereço falhar."
            </p>
            {(!scope).then(|| view! {
                <Alert tone="info" message="Este parceiro ainda não tem a permissão \"Webhooks\": marque-a em Dados e permissões para que os endpoints dele recebam eventos." />
            })}
            {if endpoints.is_empty() {
                view! { <p class="muted">"Nenhum endpoint cadastrado pelo parceiro."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr><th scope="col">"Endereço"</th><th scope="col">"Eventos"</th><th scope="col">"Situação"</th><th scope="col">"Fila"</th><th scope="col"><span class="visually-hidden">"Ações"</span></th></tr></thead>
                        <tbody>{endpoints.into_iter().map(|endpoint| view! { <EndpointRow id endpoint /> }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
            <h3>"Entregas recentes"</h3>
            {if deliveries.is_empty() {
                view! { <p class="muted">"Nenhuma entrega ainda."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr><th scope="col">"Evento"</th><th scope="col">"Criada em"</th><th scope="col">"Situação"</th><th scope="col">"Tentativas"</th><th scope="col"><span class="visually-hidden">"Ações"</span></th></tr></thead>
                        <tbody>{deliveries.into_iter().map(|delivery| view! { <DeliveryRow id delivery /> }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn EndpointRow(id: i64, endpoint: WebhookEndpointRow) -> impl IntoView {
    let change = ServerAction::<ChangePartnerWebhook>::new();
    let (label, tone) = if endpoint.active { ("Ativo", "success") } else { ("Desativado", "muted") };
    let queue = match (endpoint.pending, endpoint.failed) {
        (0, 0) => "Em dia".to_string(),
        (pending, 0) => format!("{pending} pendente(s)"),
        (0, failed) => format!("{failed} falha(s)"),
        (pending, failed) => format!("{pending} pendente(s), {failed} falha(s)"),
    };
    let (action, button) = if endpoint.active { ("desativar", "Desativar") } else { ("ativar", "Reativar") };
    view! {
        <tr>
            <td data-rotulo="Endereço"><code class="break">{endpoint.url.clone()}</code><br /><span class="muted">{format!("nº {} · desde {}", endpoint.id, endpoint.created_at)}</span></td>
            <td data-rotulo="Eventos">{endpoint.events.iter().map(|code| event_label(code)).collect::<Vec<_>>().join("; ")}</td>
            <td data-rotulo="Situação"><Badge tone>{label}</Badge></td>
            <td data-rotulo="Fila">{queue}</td>
            <td class="actions">
                <ActionForm action=change>
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="action" value=action />
                    <input type="hidden" name="endpoint" value=endpoint.id />
                    <button type="submit" class="button button--secondary">{button}</button>
                </ActionForm>
            </td>
        </tr>
    }
}

#[component]
fn DeliveryRow(id: i64, delivery: WebhookDeliveryRow) -> impl IntoView {
    let change = ServerAction::<ChangePartnerWebhook>::new();
    let tone = match delivery.status.as_str() {
        "delivered" => "success",
        "failed" => "danger",
        "cancelled" => "muted",
        _ => "warning",
    };
    let failed = delivery.status == "failed";
    let tries = delivery.attempts.len();
    let status = delivery.status_label();
    let delivery_id = delivery.id;
    view! {
        <tr>
            <td data-rotulo="Evento">{event_label(&delivery.event)}<br /><code class="muted break">{delivery.message_id.clone()}</code></td>
            <td data-rotulo="Criada em">{delivery.created_at.clone()}</td>
            <td data-rotulo="Situação">
                <Badge tone>{status}</Badge>
                {delivery.next_attempt.clone().map(|at| view! { <br /><span class="muted">{format!("próxima tentativa: {at}")}</span> })}
            </td>
            <td data-rotulo="Tentativas">
                {if tries == 0 {
                    view! { <span class="muted">"Nenhuma ainda"</span> }.into_any()
                } else {
                    view! {
                        <details>
                            <summary>{format!("{tries} tentativa(s)")}</summary>
                            <ul class="plain-list">
                                {delivery.attempts.iter().map(|attempt| {
                                    let outcome = match (attempt.status_code, &attempt.error) {
                                        (Some(code), None) => format!("HTTP {code}"),
                                        (Some(code), Some(_)) => format!("HTTP {code}"),
                                        (None, Some(error)) => error.clone(),
                                        (None, None) => "sem resposta".to_string(),
                                    };
                                    view! { <li>{format!("{} · {outcome} · {} ms", attempt.at, attempt.duration_ms)}</li> }
                                }).collect_view()}
                            </ul>
                        </details>
                    }.into_any()
                }}
            </td>
            <td class="actions">
                {failed.then(|| view! {
                    <ActionForm action=change>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="action" value="reenviar" />
                        <input type="hidden" name="delivery" value=delivery_id />
                        <button type="submit" class="button button--secondary">"Reenviar"</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
