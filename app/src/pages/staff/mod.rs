//! The back office (`/equipe`): staff pages, server-rendered like the buyer's, with their own
//! header, session and sign-in. They ship no wasm (no islands), so they cost buyers nothing.

pub mod companies;
pub mod contracts;
pub mod correction;
pub mod dashboard;
pub mod developments;
pub mod documents;
pub mod finance;
pub mod finance_reports;
pub mod installments;
pub mod listings;
pub mod login;
pub mod messages;
pub mod partner_features;
pub mod partner_origins;
mod partner_webhooks;
pub mod partners;
pub mod password;
pub mod people;
pub mod settings;
pub mod units;
pub mod users;

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use leptos_router::location::Url;

use crate::components::status::Alert;
use crate::error::AppError;

/// True for a path of the back office.
pub fn is_staff_path(path: &str) -> bool {
    path == "/equipe" || path.starts_with("/equipe/")
}

/// What a staff page shows when its data did not load: the staff sign-in (coming back here)
/// when not signed in as staff, "not found" for a record outside the user's scope, and the
/// sentence otherwise (a role without the permission reads why, with status 403).
#[component]
pub fn StaffLoadFailed(error: AppError) -> impl IntoView {
    match error {
        AppError::Unauthenticated => {
            let location = use_location();
            let search = location.search.get_untracked();
            let here = if search.is_empty() {
                location.pathname.get_untracked()
            } else {
                format!("{}?{search}", location.pathname.get_untracked())
            };
            view! { <Redirect path=format!("/equipe/entrar?proximo={}", Url::escape(&here)) /> }.into_any()
        }
        AppError::NotFound => view! { <super::not_found::NotFound /> }.into_any(),
        AppError::Forbidden => view! {
            <section class="empty-state">
                <h1>"Sem permissão"</h1>
                <Alert tone="error" message=AppError::Forbidden.to_string() />
                <p><a class="button button--secondary" href="/equipe">"Voltar ao painel"</a></p>
            </section>
        }
        .into_any(),
        error => view! { <Alert tone="error" message=error.to_string() /> }.into_any(),
    }
}

/// A labelled text input of a record form, with its refusal under it.
#[component]
pub fn RecordField(
    label: &'static str,
    /// The form's field name (`development[name]`).
    name: String,
    value: String,
    error: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = false)] required: bool,
    #[prop(default = "")] hint: &'static str,
    #[prop(default = "")] inputmode: &'static str,
) -> impl IntoView {
    let id = name.replace(['[', ']'], "-");
    let hint_id = format!("{id}-dica");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            <input
                id=id
                name=name
                type=kind
                value=value
                required=required
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                aria-describedby=(!hint.is_empty()).then_some(hint_id)
                aria-invalid=error.is_some().then_some("true")
                autocomplete="off"
            />
            {error.map(|text| view! { <p class="field__error">{text}</p> })}
        </div>
    }
}

/// A record's trail: when, what and the detail of each audited action.
#[component]
pub fn History(events: Vec<(String, String, String)>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="titulo-historico">
            <h2 id="titulo-historico">"Histórico"</h2>
            {if events.is_empty() {
                view! { <p class="muted">"Nada registrado ainda."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr><th scope="col">"Quando"</th><th scope="col">"O quê"</th><th scope="col">"Detalhe"</th></tr></thead>
                        <tbody>
                            {events.into_iter().map(|(at, what, detail)| view! {
                                <tr>
                                    <td data-rotulo="Quando" class="nowrap">{at}</td>
                                    <td data-rotulo="O quê">{what}</td>
                                    <td data-rotulo="Detalhe">{detail}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

/// A success notice named by the first of `keys` present in the query.
pub fn notice_of(query: &leptos_router::params::ParamsMap, keys: &[(&str, &str)]) -> Option<String> {
    keys.iter().find(|(key, _)| query.get(key).is_some()).map(|(_, text)| text.to_string())
}

/// Previous and next links of a list: `query` holds the list's other parameters, escaped.
#[component]
pub fn Pagination(path: &'static str, query: Vec<String>, page: u64, pages: u64) -> impl IntoView {
    let link = move |page: u64| {
        let mut parts = query.clone();
        parts.push(format!("pagina={page}"));
        format!("{path}?{}", parts.join("&"))
    };
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label="Páginas">
                {(page > 1).then(|| view! { <a class="button button--secondary" href=link(page - 1) rel="prev">"← Anterior"</a> })}
                <span>{format!("Página {page} de {pages}")}</span>
                {(page < pages).then(|| view! { <a class="button button--secondary" href=link(page + 1) rel="next">"Próxima →"</a> })}
            </nav>
        }
    })
}

/// "Publicar documento" for a record (`escopo` as `/equipe/documentos/novo` reads it).
#[component]
pub fn PublishDocumentLink(
    scope: &'static str,
    id: i64,
    #[prop(default = "Publicar documento")] label: &'static str,
) -> impl IntoView {
    view! { <a class="button button--secondary" href=format!("/equipe/documentos/novo?escopo={scope}&id={id}")>{label}</a> }
}

/// The page's record (`:id`) and refused form (`?rascunho=`), loaded by `load`; an id that is
/// not a number is "not found" without asking the server.
pub fn record_resource<T, F, Fut>(load: F) -> Resource<Result<T, AppError>>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    F: Fn(i64, Option<String>) -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let params = leptos_router::hooks::use_params_map();
    let query = leptos_router::hooks::use_query_map();
    Resource::new(
        move || (params.read().get("id").and_then(|id| id.parse::<i64>().ok()), query.read().get("rascunho")),
        move |(id, draft)| async move {
            match id {
                Some(id) => load(id, draft).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}

/// A column heading that sorts its list by `code`, the other way when it already does; `query`
/// holds the list's filters, escaped.
#[component]
pub fn SortHeader(
    label: &'static str,
    code: &'static str,
    current: String,
    path: &'static str,
    query: Vec<String>,
) -> impl IntoView {
    let (active, descending) = match current.strip_prefix('-') {
        Some(column) => (column == code, true),
        None => (current == code, false),
    };
    let next = if active && !descending { format!("-{code}") } else { code.to_string() };
    let mut parts = query;
    parts.push(format!("ordem={next}"));
    let href = format!("{path}?{}", parts.join("&"));
    let sort = active.then_some(if descending { "descending" } else { "ascending" });
    let arrow = match (active, descending) {
        (false, _) => "",
        (true, true) => " ↓",
        (true, false) => " ↑",
    };
    view! { <th scope="col" aria-sort=sort><a class="sort-link" href=href>{label}{arrow}</a></th> }
}
