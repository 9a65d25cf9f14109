use leptos::prelude::*;
use leptos_meta::Title;
use portal::time_br::format_timestamp;

use super::not_found::NotFound;
use crate::api::dev::list_outbox;
use crate::components::status::Alert;
use crate::error::AppError;

/// `/dev/caixa-de-saida`: e-mails and SMS the portal would send, for a development run
/// (people and Playwright read codes here). A 404 in production.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let messages = Resource::new(|| (), |_| list_outbox());
    view! {
        <Title text="Caixa de saída (desenvolvimento)" />
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match messages.await {
                    Ok(messages) => view! {
                        <h1>"Caixa de saída"</h1>
                        <p class="lead">"Mensagens guardadas por este ambiente de desenvolvimento, da mais nova para a mais antiga."</p>
                        {messages.is_empty().then(|| view! { <p class="empty-state">"Nenhuma mensagem ainda."</p> })}
                        <ol class="outbox" role="list">
                            {messages.into_iter().map(|message| view! {
                                <li class="card outbox__message">
                                    <p class="muted">
                                        {format!(
                                            "{} · para {} · {} · {}",
                                            if message.channel == "sms" { "SMS" } else { "E-mail" },
                                            message.destination,
                                            format_timestamp(message.created_at),
                                            message.status,
                                        )}
                                    </p>
                                    <h2>{message.subject}</h2>
                                    <pre class="outbox__body">{message.body_text}</pre>
                                </li>
                            }).collect_view()}
                        </ol>
                    }
                    .into_any(),
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <Alert tone="error" message=error.to_string() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
