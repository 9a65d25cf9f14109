use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use portal::documents::{format_size, DocumentItem, DocumentList};

use super::LoadFailed;
use crate::api::documents::load_documents;

/// `/documentos`: what the buyer may see (own, contracts, units, empreendimentos; condominium
/// documents for síndicos), grouped and filterable by type. Downloads are authorised per request.
#[component]
pub fn DocumentsPage() -> impl IntoView {
    let query = use_query_map();
    let documents = Resource::new(move || query.read().get("tipo"), load_documents);
    view! {
        <Title text="Documentos" />
        <h1>"Documentos"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando documentos…"</p> }>
            {move || Suspend::new(async move {
                let chosen = query.read_untracked().get("tipo").unwrap_or_default();
                match documents.await {
                    Ok(list) => view! { <Documents list chosen /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Documents(list: DocumentList, chosen: String) -> impl IntoView {
    if list.kinds.is_empty() {
        return view! {
            <section class="empty-state">
                <h2>"Nenhum documento por enquanto"</h2>
                <p>"Contratos, memoriais e manuais aparecem aqui quando a construtora os publica."</p>
            </section>
        }
        .into_any();
    }
    let filtered = !chosen.is_empty();
    view! {
        <form class="card filters" method="get" action="/documentos" aria-label="Filtrar documentos">
            <div class="filters__fields">
                <div class="field">
                    <label for="tipo">"Tipo"</label>
                    <select id="tipo" name="tipo">
                        <option value="" selected=chosen.is_empty()>"Todos"</option>
                        {list.kinds.iter().map(|(code, label)| {
                            let selected = *code == chosen;
                            view! { <option value=code.clone() selected=selected>{label.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button button--primary">"Filtrar"</button>
                {filtered.then(|| view! { <a class="button button--ghost" href="/documentos">"Ver todos"</a> })}
            </div>
        </form>
        {list.groups.into_iter().map(|group| {
            let heading = format!("tipo-{}", group.kind);
            let labelled_by = heading.clone();
            view! {
                <section class="card" aria-labelledby=labelled_by>
                    <h2 id=heading>{group.label}</h2>
                    <ul class="documents" role="list">
                        {group.documents.into_iter().map(|document| view! { <DocumentRow document /> }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
    }
    .into_any()
}

#[component]
fn DocumentRow(document: DocumentItem) -> impl IntoView {
    let href = format!("/documentos/{}/arquivo", document.id);
    let kind = if document.content_type == "application/pdf" { "PDF" } else { "Arquivo" };
    let facts = format!(
        "{} · {kind}, {} · publicado em {}",
        document.context,
        format_size(document.size_bytes),
        document.published_on
    );
    view! {
        <li class="document">
            <div>
                <span class="document__title">{document.title.clone()}</span>
                <span class="muted">{facts}</span>
            </div>
            <a class="button button--ghost" href=href download aria-label=format!("Baixar {}", document.title)>"Baixar"</a>
        </li>
    }
}
