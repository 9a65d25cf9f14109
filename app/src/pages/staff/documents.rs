use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::location::Url;
use portal::documents::{DocumentUploadDraft, StaffDocumentDetail, StaffDocumentList, PUBLISHED_KINDS};

use super::{notice_of, Pagination, RecordField, StaffLoadFailed};
use crate::api::staff::documents::{
    load_document, load_document_target, load_documents, SetDocumentPublished,
};
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

/// `/equipe/documentos`: the current documents in scope, searched by title.
#[component]
pub fn StaffDocumentsPage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(
        move || {
            let query = query.read();
            (query.get("busca"), query.get("situacao"), query.get("ordem"), query.get("pagina"))
        },
        |(search, situation, order, page)| load_documents(search, situation, order, page),
    );
    view! {
        <Title text="Documentos · Equipe" />
        <h1>"Documentos"</h1>
        <p class="muted">"Um documento novo é publicado na página de quem vai vê-lo: uma pessoa, um contrato, uma unidade ou um empreendimento."</p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let search = query.get("busca").unwrap_or_default();
                let situation = query.get("situacao").unwrap_or_default();
                match list.await {
                    Ok(list) => view! {
                        <form class="card filters" method="get" action="/equipe/documentos" role="search">
                            <div class="filters__fields">
                                <div class="field">
                                    <label for="busca">"Título"</label>
                                    <input id="busca" name="busca" type="search" maxlength="100" value=search.clone() />
                                </div>
                                <div class="field">
                                    <label for="situacao">"Situação"</label>
                                    <select id="situacao" name="situacao">
                                        {[("", "Todos"), ("publicados", "Publicados"), ("retirados", "Retirados")].into_iter()
                                            .map(|(value, label)| view! { <option value=value selected=value == situation>{label}</option> }).collect_view()}
                                    </select>
                                </div>
                            </div>
                            <div class="filters__actions">
                                <button type="submit" class="button button--primary">"Buscar"</button>
                                <a class="button button--secondary" href="/equipe/documentos">"Limpar"</a>
                            </div>
                        </form>
                        <DocumentsTable list search situation />
                    }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DocumentsTable(list: StaffDocumentList, search: String, situation: String) -> impl IntoView {
    if list.rows.is_empty() {
        return view! { <section class="empty-state"><h2>"Nenhum documento encontrado"</h2></section> }
            .into_any();
    }
    let mut query = Vec::new();
    if !search.is_empty() {
        query.push(format!("busca={}", Url::escape(&search)));
    }
    if !situation.is_empty() {
        query.push(format!("situacao={}", Url::escape(&situation)));
    }
    let mut paging = query.clone();
    paging.push(format!("ordem={}", Url::escape(&list.order)));
    let order = list.order.clone();
    let sort = move |label: &'static str, code: &'static str| {
        view! { <super::SortHeader label code current=order.clone() path="/equipe/documentos" query=query.clone() /> }
    };
    view! {
        <p class="muted" role="status">{if list.total == 1 { "1 documento".to_string() } else { format!("{} documentos", list.total) }}</p>
        <table class="staff-table">
            <thead><tr>{sort("Título", "titulo")}<th scope="col">"Para"</th>{sort("Publicado em", "publicado")}<th scope="col">"Situação"</th></tr></thead>
            <tbody>
                {list.rows.into_iter().map(|row| view! {
                    <tr>
                        <td data-rotulo="Título"><a href=format!("/equipe/documentos/{}", row.id)>{row.title}</a><br /><span class="muted">{row.kind}</span></td>
                        <td data-rotulo="Para">{row.target}</td>
                        <td data-rotulo="Publicado em" class="nowrap">{row.published_on}</td>
                        <td data-rotulo="Situação">{if row.published {
                            view! { <Badge tone="success">"Publicado"</Badge> }.into_any()
                        } else {
                            view! { <Badge tone="muted">"Retirado"</Badge> }.into_any()
                        }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <Pagination path="/equipe/documentos" query=paging page=list.page pages=list.pages />
    }
    .into_any()
}

/// The file field and the notice choice, shared by publishing and replacing.
#[component]
fn FileFields(draft: DocumentUploadDraft, audience: i64) -> impl IntoView {
    view! {
        <div class="field">
            <label for="documento-arquivo">"Arquivo (PDF, JPG, PNG ou WEBP, até 20 MB)"</label>
            <input id="documento-arquivo" name="file" type="file" accept="application/pdf,image/jpeg,image/png,image/webp" required />
            {(!draft.error.is_empty()).then(|| view! { <p class="field__error">{draft.error.clone()}</p> })}
        </div>
        <label class="choice">
            <input type="checkbox" name="notify" value="1" checked=draft.notify />
            {format!("Avisar por e-mail quem pode ver ({audience} pessoa(s))")}
        </label>
    }
}

/// `/equipe/documentos/novo?escopo=…&id=…`: publish a file to a record.
#[component]
pub fn NewDocumentPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let query = query.read();
            (
                query.get("escopo"),
                query.get("id").and_then(|id| id.parse::<i64>().ok()),
                query.get("rascunho"),
            )
        },
        |(scope, id, draft)| async move {
            match (scope, id) {
                (Some(scope), Some(id)) => load_document_target(scope, id, draft).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((target, draft)) => {
                        let draft = draft.unwrap_or_default();
                        let condominium = target.scope == "condominio";
                        view! {
                            <Title text=format!("Publicar documento · {} · Equipe", target.label) />
                            <p class="breadcrumb"><a href=target.page.clone()>{format!("← {}", target.label)}</a></p>
                            <h1>"Publicar documento"</h1>
                            <p class="lead">{format!("Para: {}. Quem pode ver: {} pessoa(s).", target.label, target.audience)}</p>
                            {(!draft.error.is_empty()).then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
                            <form class="card form" method="post" action="/equipe/documentos/publicar" enctype="multipart/form-data">
                                <input type="hidden" name="escopo" value=target.scope.clone() />
                                <input type="hidden" name="id" value=target.id />
                                {if condominium {
                                    view! { <p>"Tipo: Condomínio (só os síndicos veem)."</p><input type="hidden" name="kind" value="condominio" /> }.into_any()
                                } else {
                                    view! {
                                        <div class="field">
                                            <label for="documento-tipo">"Tipo"</label>
                                            <select id="documento-tipo" name="kind">
                                                {PUBLISHED_KINDS.into_iter().map(|(code, label)| view! { <option selected=code == draft.kind value=code>{label}</option> }).collect_view()}
                                            </select>
                                        </div>
                                    }.into_any()
                                }}
                                <RecordField label="Título" name="title".to_string() value=draft.title.clone() error=None required=true hint="O que o comprador lê na lista, por exemplo “Contrato assinado”." />
                                <FileFields draft=draft.clone() audience=target.audience />
                                <div class="actions">
                                    <button type="submit" class="button button--primary">"Publicar"</button>
                                    <a class="button button--secondary" href=target.page.clone()>"Cancelar"</a>
                                </div>
                            </form>
                        }.into_any()
                    }
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/equipe/documentos/:id`: a document, its versions, replace and unpublish.
#[component]
pub fn StaffDocumentPage() -> impl IntoView {
    let query = use_query_map();
    let data = super::record_resource(load_document);
    view! {
        <p class="breadcrumb"><a href="/equipe/documentos">"← Documentos"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let notice = notice_of(&query, &[
                    ("publicado", "Documento publicado: quem pode ver já o encontra em Documentos."),
                    ("substituido", "Arquivo substituído: os compradores veem a versão nova; as anteriores ficam listadas aqui."),
                    ("retirado", "Documento retirado: os compradores não o veem mais."),
                    ("republicado", "Documento publicado de novo."),
                ]);
                let failure = query.get("erro").as_deref().and_then(AppError::from_code).map(|error| error.to_string());
                match data.await {
                    Ok((detail, draft)) => view! { <Document detail draft=draft.unwrap_or_default() notice failure /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Document(
    detail: StaffDocumentDetail,
    draft: DocumentUploadDraft,
    notice: Option<String>,
    failure: Option<String>,
) -> impl IntoView {
    let action = ServerAction::<SetDocumentPublished>::new();
    let id = detail.id;
    let current = detail.versions.first().map(|version| version.current).unwrap_or(false);
    view! {
        <Title text=format!("{} · Equipe", detail.title) />
        <h1>{detail.title.clone()}</h1>
        <p class="thread__facts">
            {if detail.published { view! { <Badge tone="success">"Publicado"</Badge> }.into_any() } else { view! { <Badge tone="muted">"Retirado"</Badge> }.into_any() }}
            {(!current).then(|| view! { <Badge tone="warning">"Versão substituída"</Badge> })}
        </p>
        {notice.map(|message| view! { <Alert tone="success" message /> })}
        {failure.or_else(|| (!draft.error.is_empty()).then(|| draft.error.clone())).map(|message| view! { <Alert tone="error" message /> })}
        <section class="card" aria-labelledby="titulo-dados">
            <h2 id="titulo-dados">"Dados"</h2>
            <dl class="details">
                <div><dt>"Tipo"</dt><dd>{detail.kind.clone()}</dd></div>
                <div><dt>"Para"</dt><dd><a href=detail.target.page.clone()>{detail.target.label.clone()}</a></dd></div>
                <div><dt>"Quem pode ver"</dt><dd>{format!("{} pessoa(s)", detail.target.audience)}</dd></div>
            </dl>
            {detail.can_edit.then(|| view! {
                <div class="actions">
                    {if detail.published {
                        view! {
                            <details class="confirm">
                                <summary class="button button--danger">"Retirar do portal"</summary>
                                <div class="confirm__panel">
                                    <p>"Os compradores deixam de ver o documento; ele continua guardado aqui. Confirmar?"</p>
                                    <ActionForm action=action>
                                        <input type="hidden" name="id" value=id />
                                        <input type="hidden" name="action" value="retirar" />
                                        <button type="submit" class="button button--danger">"Sim, retirar"</button>
                                    </ActionForm>
                                </div>
                            </details>
                        }.into_any()
                    } else {
                        view! {
                            <ActionForm action=action>
                                <input type="hidden" name="id" value=id />
                                <input type="hidden" name="action" value="publicar" />
                                <button type="submit" class="button button--primary">"Publicar de novo"</button>
                            </ActionForm>
                        }.into_any()
                    }}
                </div>
            })}
        </section>
        <section class="card" aria-labelledby="titulo-versoes">
            <h2 id="titulo-versoes">"Versões"</h2>
            <table class="staff-table">
                <thead><tr><th scope="col">"Arquivo"</th><th scope="col">"Publicado"</th><th scope="col">"Por"</th></tr></thead>
                <tbody>
                    {detail.versions.into_iter().map(|version| view! {
                        <tr>
                            <td data-rotulo="Arquivo">
                                <a href=format!("/equipe/documentos/arquivos/{}", version.id)>{version.file_name}</a>
                                <span class="muted">{format!(" · {}", version.size)}</span>
                                {version.current.then(|| view! { " " <Badge tone="info">"Atual"</Badge> })}
                            </td>
                            <td data-rotulo="Publicado" class="nowrap">{version.published_at}</td>
                            <td data-rotulo="Por">{version.by}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        {detail.can_edit.then(|| view! {
            <section class="card" aria-labelledby="titulo-substituir">
                <h2 id="titulo-substituir">"Substituir o arquivo"</h2>
                <p class="muted">"Os compradores passam a ver o arquivo novo; este continua listado aqui como versão anterior."</p>
                <form class="form" method="post" action=format!("/equipe/documentos/{id}/substituir") enctype="multipart/form-data">
                    <FileFields draft=draft.clone() audience=detail.target.audience />
                    <button type="submit" class="button button--primary">"Substituir"</button>
                </form>
            </section>
        })}
    }
}
