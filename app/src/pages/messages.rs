use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal::messages::{MessageDraft, ThreadDetail, MAX_ATTACHMENTS};

use super::LoadFailed;
use crate::api::messages::{load_message_draft, load_message_form, load_thread, load_threads};
use crate::components::conversation::MessageItem;
use crate::components::forms::draft_from_query;
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

const ATTACHMENT_HINT: &str = "Até 3 arquivos PDF, JPG, PNG ou WEBP, de até 10 MB cada.";
const ACCEPTED: &str = ".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp";

/// `/mensagens`: the buyer's conversations with the company.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let threads = Resource::new(|| (), |_| load_threads());
    view! {
        <Title text="Mensagens" />
        <div class="page-heading">
            <h1>"Mensagens"</h1>
            <a class="button button--primary" href="/mensagens/nova">"Nova mensagem"</a>
        </div>
        <Suspense fallback=|| view! { <p class="loading">"Carregando mensagens…"</p> }>
            {move || Suspend::new(async move {
                match threads.await {
                    Ok(threads) if threads.is_empty() => view! {
                        <section class="empty-state">
                            <h2>"Nenhuma conversa ainda"</h2>
                            <p>"Tire dúvidas sobre seu contrato, boletos ou a obra: a equipe responde por aqui."</p>
                        </section>
                    }
                    .into_any(),
                    Ok(threads) => view! {
                        <ul class="threads" role="list">
                            {threads.into_iter().map(|thread| {
                                let href = format!("/mensagens/{}", thread.id);
                                let class = if thread.unread > 0 { "thread thread--unread" } else { "thread" };
                                view! {
                                    <li class=class>
                                        <a class="thread__subject" href=href>{thread.subject.clone()}</a>
                                        <div class="thread__facts">
                                            <Badge tone=thread.status.tone()>{thread.status.label()}</Badge>
                                            {(thread.unread > 0).then(|| {
                                                let text = if thread.unread == 1 { "1 resposta nova".to_string() } else { format!("{} respostas novas", thread.unread) };
                                                view! { <Badge tone="info">{text}</Badge> }
                                            })}
                                            {thread.contract_number.clone().map(|number| view! { <span class="muted">{format!("Contrato {number}")}</span> })}
                                            <span class="muted">{format!("Atualizada em {}", thread.updated_at)}</span>
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/mensagens/nova`: a new conversation, with optional files. A plain multipart form (the
/// same with and without JavaScript); a refused one comes back with its text.
#[component]
pub fn NewMessagePage() -> impl IntoView {
    let query = use_query_map();
    let form = Resource::new(move || query.read().get("rascunho"), load_message_form);
    view! {
        <Title text="Nova mensagem" />
        <p class="breadcrumb"><a href="/mensagens">"← Mensagens"</a></p>
        <h1>"Nova mensagem"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok((contracts, draft)) => {
                        let draft = draft.unwrap_or_default();
                        view! {
                            {(!draft.error.is_empty()).then(|| view! { <Alert tone="error" message=draft.error.clone() /> })}
                            <form class="card form" method="post" action="/mensagens/enviar" enctype="multipart/form-data">
                                <div class="field">
                                    <label for="contract">"Sobre qual contrato? (opcional)"</label>
                                    <select id="contract" name="contract">
                                        <option value="">"Assunto geral"</option>
                                        {contracts.into_iter().map(|choice| {
                                            let value = choice.id.to_string();
                                            let selected = value == draft.contract;
                                            view! { <option value=value selected=selected>{choice.number}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="subject">"Assunto"</label>
                                    <input id="subject" name="subject" type="text" required minlength="3" maxlength="120" value=draft.subject.clone() />
                                </div>
                                <MessageFields draft=draft.clone() />
                                <button type="submit" class="button button--primary">"Enviar mensagem"</button>
                            </form>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The message text and the files, shared by the new-message and reply forms.
#[component]
fn MessageFields(draft: MessageDraft) -> impl IntoView {
    view! {
        <div class="field">
            <label for="body">"Mensagem"</label>
            <textarea id="body" name="body" rows="6" required maxlength="5000">{draft.body}</textarea>
        </div>
        <div class="field">
            <label for="attachments">"Anexos (opcional)"</label>
            <input id="attachments" name="attachments" type="file" multiple accept=ACCEPTED aria-describedby="dica-anexos" />
            <p class="field__hint" id="dica-anexos">{ATTACHMENT_HINT}</p>
        </div>
    }
}

/// `/mensagens/:id`: one conversation (text shown as text, never as HTML) and the reply form.
#[component]
pub fn ThreadPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let thread = Resource::new(
        move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => load_thread(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let draft = draft_from_query(query, load_message_draft);
    view! {
        <p class="breadcrumb"><a href="/mensagens">"← Mensagens"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando conversa…"</p> }>
            {move || Suspend::new(async move {
                let sent = query.read_untracked().get("enviada").is_some();
                match (thread.await, draft.await) {
                    (Ok(detail), draft) => view! { <Thread detail draft=draft.unwrap_or_default() sent /> }.into_any(),
                    (Err(error), _) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Thread(detail: ThreadDetail, draft: MessageDraft, sent: bool) -> impl IntoView {
    let action = format!("/mensagens/{}/responder", detail.id);
    view! {
        <Title text=detail.subject.clone() />
        <h1>{detail.subject.clone()}</h1>
        <p class="thread__facts">
            <Badge tone=detail.status.tone()>{detail.status.label()}</Badge>
            {detail.contract_number.clone().map(|number| view! { <span class="muted">{format!("Contrato {number}")}</span> })}
        </p>
        {sent.then(|| view! { <Alert tone="success" message="Mensagem enviada. Avisaremos por e-mail quando a equipe responder." /> })}
        <ol class="messages" role="list">
            {detail.messages.into_iter().map(|message| view! { <MessageItem message files_at="/mensagens/anexos" staff_side=false /> }).collect_view()}
        </ol>
        <section class="card" aria-labelledby="titulo-responder">
            <h2 id="titulo-responder">"Responder"</h2>
            {(!draft.error.is_empty()).then(|| view! { <Alert tone="error" message=draft.error.clone() /> })}
            <form class="form" method="post" action=action enctype="multipart/form-data">
                <MessageFields draft />
                <button type="submit" class="button button--primary">"Enviar resposta"</button>
            </form>
        </section>
    }
    .into_any()
}

// Keeps the limit in one place: the hint above must match the service's rule.
const _: () = assert!(MAX_ATTACHMENTS == 3);
