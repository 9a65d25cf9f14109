use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::location::Url;
use portal::messages::{StaffThreadDetail, StaffThreadList, ThreadStatus, MAX_ATTACHMENTS};

use super::StaffLoadFailed;
use crate::api::staff::messages::{
    load_staff_reply_draft, load_staff_thread, load_staff_threads, SetStaffThreadStatus,
};
use crate::components::conversation::MessageItem;
use crate::components::forms::draft_from_query;
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

const ACCEPTED: &str = ".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp";

/// `/equipe/mensagens`: every conversation in the user's scope, filtered by situation,
/// empreendimento and text (a GET form), a page of 25 at a time.
#[component]
pub fn StaffMessagesPage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(
        move || {
            let query = query.read();
            (query.get("situacao"), query.get("empreendimento"), query.get("busca"), query.get("pagina"))
        },
        |(status, development, search, page)| load_staff_threads(status, development, search, page),
    );
    view! {
        <Title text="Mensagens · Equipe" />
        <h1>"Mensagens"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando conversas…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                match list.await {
                    Ok(list) => view! {
                        <ThreadFilters
                            list=list.clone()
                            status=query.get("situacao").unwrap_or_default()
                            development=query.get("empreendimento").unwrap_or_default()
                            search=query.get("busca").unwrap_or_default()
                        />
                        <ThreadTable list />
                    }
                    .into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ThreadFilters(
    list: StaffThreadList,
    status: String,
    development: String,
    search: String,
) -> impl IntoView {
    let statuses = [
        ("", "Todas"),
        ("aguardando", "Aguardando resposta"),
        ("respondidas", "Respondidas"),
        ("fechadas", "Encerradas"),
    ];
    view! {
        <form class="card filters" method="get" action="/equipe/mensagens" role="search">
            <div class="filters__fields">
                <div class="field">
                    <label for="situacao">"Situação"</label>
                    <select id="situacao" name="situacao">
                        {statuses.into_iter().map(|(value, label)| {
                            view! { <option value=value selected=value == status>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="empreendimento">"Empreendimento"</label>
                    <select id="empreendimento" name="empreendimento">
                        <option value="">"Todos"</option>
                        {list.developments.into_iter().map(|(id, name)| {
                            let value = id.to_string();
                            let selected = value == development;
                            view! { <option value=value selected=selected>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="busca">"Assunto ou comprador"</label>
                    <input id="busca" name="busca" type="search" maxlength="100" value=search />
                </div>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button button--primary">"Filtrar"</button>
                <a class="button button--secondary" href="/equipe/mensagens">"Limpar filtros"</a>
            </div>
        </form>
    }
}

#[component]
fn ThreadTable(list: StaffThreadList) -> impl IntoView {
    if list.rows.is_empty() {
        return view! {
            <section class="empty-state">
                <h2>"Nenhuma conversa encontrada"</h2>
                <p>"Nenhuma conversa com esses filtros. Limpe os filtros para ver todas."</p>
            </section>
        }
        .into_any();
    }
    let summary =
        if list.total == 1 { "1 conversa".to_string() } else { format!("{} conversas", list.total) };
    view! {
        <p class="muted" role="status">{summary}</p>
        <table class="staff-table">
            <thead>
                <tr>
                    <th scope="col">"Assunto"</th>
                    <th scope="col">"Comprador"</th>
                    <th scope="col">"Empreendimento e contrato"</th>
                    <th scope="col">"Situação"</th>
                    <th scope="col">"Última mensagem"</th>
                </tr>
            </thead>
            <tbody>
                {list.rows.into_iter().map(|row| {
                    let href = format!("/equipe/mensagens/{}", row.id);
                    let place = [row.development_name.clone(), row.contract_number.clone().map(|n| format!("Contrato {n}"))]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                    let place = if place.is_empty() { "Assunto geral".to_string() } else { place };
                    view! {
                        <tr>
                            <td data-rotulo="Assunto"><a href=href>{row.subject}</a></td>
                            <td data-rotulo="Comprador">{row.person_name}</td>
                            <td data-rotulo="Empreendimento">{place}</td>
                            <td data-rotulo="Situação">
                                <Badge tone=row.status.tone()>{row.status.label()}</Badge>
                                {row.waiting_for.map(|waited| view! { <span class="muted">{format!(" {waited}")}</span> })}
                            </td>
                            <td data-rotulo="Última mensagem">{row.updated_at}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <Pagination page=list.page pages=list.pages />
    }
    .into_any()
}

/// Previous and next page links that keep the filters.
#[component]
fn Pagination(page: u64, pages: u64) -> impl IntoView {
    let query = use_query_map();
    let link = move |target: u64| {
        let query = query.read_untracked();
        let mut parts: Vec<String> = ["situacao", "empreendimento", "busca"]
            .into_iter()
            .filter_map(|name| {
                query
                    .get(name)
                    .filter(|value| !value.is_empty())
                    .map(|value| format!("{name}={}", Url::escape(&value)))
            })
            .collect();
        parts.push(format!("pagina={target}"));
        format!("/equipe/mensagens?{}", parts.join("&"))
    };
    (pages > 1).then(|| view! {
        <nav class="pagination" aria-label="Páginas">
            {(page > 1).then(|| view! { <a class="button button--secondary" href=link(page - 1) rel="prev">"← Anterior"</a> })}
            <span>{format!("Página {page} de {pages}")}</span>
            {(page < pages).then(|| view! { <a class="button button--secondary" href=link(page + 1) rel="next">"Próxima →"</a> })}
        </nav>
    })
}

/// `/equipe/mensagens/:id`: the conversation, the reply form (with files) and close/reopen.
#[component]
pub fn StaffThreadPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let thread = Resource::new(
        move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => load_staff_thread(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let draft = draft_from_query(query, load_staff_reply_draft);
    view! {
        <p class="breadcrumb"><a href="/equipe/mensagens">"← Mensagens"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando conversa…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let notice = if query.get("enviada").is_some() {
                    Some(("success", "Resposta enviada. O comprador foi avisado por e-mail.".to_string()))
                } else if query.get("encerrada").is_some() {
                    Some(("success", "Conversa encerrada.".to_string()))
                } else if query.get("reaberta").is_some() {
                    Some(("success", "Conversa reaberta.".to_string()))
                } else {
                    query.get("erro").as_deref().and_then(AppError::from_code).map(|error| ("error", error.to_string()))
                };
                match (thread.await, draft.await) {
                    (Ok(detail), draft) => {
                        let draft = draft.unwrap_or_default();
                        view! { <StaffThread detail draft notice /> }.into_any()
                    }
                    (Err(error), _) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StaffThread(
    detail: StaffThreadDetail,
    draft: portal::messages::MessageDraft,
    notice: Option<(&'static str, String)>,
) -> impl IntoView {
    let reply_action = format!("/equipe/mensagens/{}/responder", detail.id);
    let set_status = ServerAction::<SetStaffThreadStatus>::new();
    let closed = detail.status == ThreadStatus::Closed;
    let place =
        [detail.development_name.clone(), detail.contract_number.clone().map(|n| format!("Contrato {n}"))]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
    view! {
        <Title text=format!("{} · Equipe", detail.subject) />
        <h1>{detail.subject.clone()}</h1>
        <p class="thread__facts">
            <Badge tone=detail.status.tone()>{detail.status.label()}</Badge>
            <span>{format!("{} · {}", detail.person_name, detail.person_email)}</span>
            <span class="muted">{if place.is_empty() { "Assunto geral".to_string() } else { place }}</span>
        </p>
        {notice.map(|(tone, message)| view! { <Alert tone message /> })}
        <ol class="messages" role="list">
            {detail.messages.into_iter().map(|message| view! { <MessageItem message files_at="/equipe/mensagens/anexos" staff_side=true /> }).collect_view()}
        </ol>
        {detail.can_answer.then(|| view! {
            <section class="card" aria-labelledby="titulo-responder">
                <h2 id="titulo-responder">"Responder ao comprador"</h2>
                {(!draft.error.is_empty()).then(|| view! { <Alert tone="error" message=draft.error.clone() /> })}
                <form class="form" method="post" action=reply_action enctype="multipart/form-data">
                    <div class="field">
                        <label for="body">"Resposta"</label>
                        <textarea id="body" name="body" rows="6" required maxlength="5000">{draft.body.clone()}</textarea>
                    </div>
                    <div class="field">
                        <label for="attachments">"Anexos (opcional)"</label>
                        <input id="attachments" name="attachments" type="file" multiple accept=ACCEPTED aria-describedby="dica-anexos" />
                        <p class="field__hint" id="dica-anexos">"Até 3 arquivos PDF, JPG, PNG ou WEBP, de até 10 MB cada."</p>
                    </div>
                    <button type="submit" class="button button--primary">"Enviar resposta"</button>
                </form>
            </section>
            <ActionForm action=set_status attr:class="thread-status-form">
                <input type="hidden" name="id" value=detail.id />
                <input type="hidden" name="action" value=if closed { "reabrir" } else { "encerrar" } />
                <button type="submit" class="button button--secondary">
                    {if closed { "Reabrir conversa" } else { "Encerrar conversa" }}
                </button>
            </ActionForm>
        })}
    }
}

// The hint above must match the service's rule.
const _: () = assert!(MAX_ATTACHMENTS == 3);
