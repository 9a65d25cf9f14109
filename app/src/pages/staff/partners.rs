//! `/equipe/parceiros` (admin): partner apps, their API keys (shown once), and the people each
//! may sign in.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use portal::partners::{PartnerDetail, PartnerForm, PartnerRow, PartnerScope, MAX_GRACE_DAYS};
use portal::records::RecordDraft;

use super::{notice_of, record_resource, RecordField, StaffLoadFailed};
use crate::api::staff::partners::{
    load_partner, load_partner_form, load_partners, ChangePartnerKey, ChangePartnerPerson, CreatePartner,
    PartnerPage, SavePartner,
};
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

fn scope_names(scopes: &[PartnerScope]) -> String {
    scopes.iter().map(|scope| scope.code()).collect::<Vec<_>>().join(", ")
}

/// `/equipe/parceiros`.
#[component]
pub fn PartnersPage() -> impl IntoView {
    let partners = Resource::new(|| (), |_| load_partners());
    view! {
        <Title text="Parceiros · Equipe" />
        <p class="breadcrumb"><a href="/equipe/configuracoes">"← Configurações"</a></p>
        <div class="page-heading">
            <h1>"Parceiros"</h1>
            <a class="button button--primary" href="/equipe/parceiros/novo">"Cadastrar parceiro"</a>
        </div>
        <p class="lead">"Sites, chatbots e sistemas que abrem o portal pelos compradores com uma chave de API."</p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match partners.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty-state">"Nenhum parceiro cadastrado ainda."</p>
                    }
                    .into_any(),
                    Ok(list) => view! { <PartnersTable list /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PartnersTable(list: Vec<PartnerRow>) -> impl IntoView {
    view! {
        <table class="staff-table">
            <thead>
                <tr>
                    <th scope="col">"Parceiro"</th>
                    <th scope="col">"Permissões"</th>
                    <th scope="col">"Chave"</th>
                    <th scope="col">"Situação"</th>
                    <th scope="col">"Último uso"</th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|partner| {
                    let (situation, tone) = partner.situation();
                    view! {
                        <tr>
                            <td data-rotulo="Parceiro">
                                <a href=format!("/equipe/parceiros/{}", partner.id)>{partner.name.clone()}</a>
                                <br /><span class="muted">{partner.contact_email.clone()}</span>
                            </td>
                            <td data-rotulo="Permissões">{scope_names(&partner.scopes)}</td>
                            <td data-rotulo="Chave"><code>{format!("{}…", partner.key_prefix)}</code></td>
                            <td data-rotulo="Situação"><Badge tone>{situation}</Badge></td>
                            <td data-rotulo="Último uso">{partner.last_used.clone().unwrap_or_else(|| "Nunca".into())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Name, contact, scopes, origins and limit, each with its refusal under it.
#[component]
fn PartnerFields(form: PartnerForm, errors: RecordDraft<()>) -> impl IntoView {
    view! {
        <RecordField label="Nome" name="name".into() value=form.name.clone() error=errors.error("name") required=true />
        <RecordField label="E-mail de contato técnico" name="contact_email".into() value=form.contact_email.clone()
            error=errors.error("contact_email") kind="email" required=true />
        <fieldset class="field choices">
            <legend>"Permissões"</legend>
            {PartnerScope::ALL.into_iter().map(|scope| view! {
                <label class="choice">
                    <input type="checkbox" name="scopes[]" value=scope.code() checked=form.scopes.iter().any(|code| code == scope.code()) />
                    <span>{scope.label()}" " <code class="muted">{format!("({})", scope.code())}</code></span>
                </label>
            }).collect_view()}
            {errors.error("scopes").map(|text| view! { <p class="field__error">{text}</p> })}
        </fieldset>
        <div class="field">
            <label for="origins">"Origens permitidas para o retorno (uma por linha)"</label>
            <p class="field__hint" id="origins-dica">"Só https e exatas, como https://www.construtora.com.br. Sem origens, o parceiro só devolve a pessoa para páginas do portal."</p>
            <textarea id="origins" name="origins" rows="3" aria-describedby="origins-dica"
                aria-invalid=errors.error("origins").is_some().then_some("true")>{form.origins.clone()}</textarea>
            {errors.error("origins").map(|text| view! { <p class="field__error">{text}</p> })}
        </div>
        <RecordField label="Limite de requisições por minuto" name="requests_per_minute".into()
            value=form.requests_per_minute.clone() error=errors.error("requests_per_minute") inputmode="numeric"
            hint="De 1 a 10000; 100 se ficar vazio. Acima dele a API responde 429 com Retry-After." />
    }
}

fn errors_of<T>(draft: &Option<RecordDraft<T>>) -> RecordDraft<()> {
    RecordDraft { form: (), errors: draft.as_ref().map(|draft| draft.errors.clone()).unwrap_or_default() }
}

/// `/equipe/parceiros/novo`.
#[component]
pub fn NewPartnerPage() -> impl IntoView {
    let query = use_query_map();
    let form = Resource::new(move || query.read().get("rascunho"), load_partner_form);
    let create = ServerAction::<CreatePartner>::new();
    view! {
        <Title text="Cadastrar parceiro · Equipe" />
        <p class="breadcrumb"><a href="/equipe/parceiros">"← Parceiros"</a></p>
        <h1>"Cadastrar parceiro"</h1>
        <p class="lead">"Ao cadastrar, o portal gera a chave de API e a mostra uma única vez."</p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(draft) => {
                        let errors = errors_of(&draft);
                        let values = draft.map(|draft| draft.form).unwrap_or_else(|| PartnerForm {
                            requests_per_minute: portal::partners::DEFAULT_REQUESTS_PER_MINUTE.to_string(),
                            ..PartnerForm::default()
                        });
                        view! {
                            {errors.error("geral").or_else(|| (!errors.errors.is_empty()).then(|| AppError::InvalidForm.to_string()))
                                .map(|message| view! { <Alert tone="error" message /> })}
                            <ActionForm action=create attr:class="card form">
                                <PartnerFields form=values errors />
                                <button type="submit" class="button button--primary">"Cadastrar e gerar a chave"</button>
                            </ActionForm>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/equipe/parceiros/:id`.
#[component]
pub fn PartnerPage() -> impl IntoView {
    let query = use_query_map();
    let key_draft = StoredValue::new(query.read_untracked().get("chave"));
    let test_feature =
        query.read_untracked().get("funcionalidade-teste").and_then(|id| id.parse::<i64>().ok());
    let test_draft = StoredValue::new(query.read_untracked().get("teste"));
    let page = record_resource(move |id, draft| {
        load_partner(id, draft, key_draft.get_value(), test_feature, test_draft.get_value())
    });
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let notice = notice_of(&query, &[
                    ("salvo", "Parceiro atualizado."),
                    ("revogado", "Chaves revogadas: o parceiro não acessa mais a API."),
                    ("vinculada", "Pessoa vinculada: o parceiro já pode abrir o portal por ela."),
                    ("removida", "Perfil removido: o parceiro não abre mais o portal por esta pessoa."),
                    ("funcionalidade", "Funcionalidade adicionada."),
                    ("origem", "Origem de login externo adicionada."),
                    ("origem-removida", "Origem removida: as asserções dela deixaram de valer."),
                    ("funcionalidade-removida", "Funcionalidade removida: saiu do menu e suas chaves deixaram de valer."),
                    ("webhook-desativado", "Webhook desativado: ele não recebe nada até ser reativado; as entregas pendentes esperam."),
                    ("webhook-ativado", "Webhook reativado: as entregas pendentes seguem."),
                    ("webhook-reenviado", "Entrega de volta à fila: sai na próxima rodada do envio."),
                ]);
                let failure = query.get("erro").as_deref().and_then(AppError::from_code).map(|error| error.to_string());
                let key_asked = query.get("chave").is_some();
                match page.await {
                    Ok(page) => view! { <Partner page notice failure key_asked /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Partner(
    page: PartnerPage,
    notice: Option<String>,
    failure: Option<String>,
    key_asked: bool,
) -> impl IntoView {
    let PartnerPage { detail, refused, refused_person, refused_feature, refused_origin, new_key, test_url } =
        page;
    let PartnerDetail {
        row,
        form,
        previous_key,
        created_at,
        people,
        features,
        external_origins,
        webhooks,
        events,
    } = detail;
    let webhooks_scope = row.scopes.contains(&PartnerScope::Webhooks);
    let external_scope = row.scopes.contains(&PartnerScope::ExternalLogin);
    let pass_key_scope = row.scopes.contains(&PartnerScope::PassKey);
    let save = ServerAction::<SavePartner>::new();
    let (situation, tone) = row.situation();
    let errors = errors_of(&refused);
    let values = refused.map(|draft| draft.form).unwrap_or(form);
    let id = row.id;
    view! {
        <Title text=format!("{} · Parceiros", row.name) />
        <p class="breadcrumb"><a href="/equipe/parceiros">"← Parceiros"</a></p>
        <h1>{row.name.clone()}</h1>
        <p class="thread__facts">
            <Badge tone>{situation}</Badge>
            <span>{row.contact_email.clone()}</span>
            <span class="muted">{format!("Cadastrado em {created_at}")}</span>
        </p>
        {notice.map(|message| view! { <Alert tone="success" message /> })}
        {failure.map(|message| view! { <Alert tone="error" message /> })}
        {match (new_key, key_asked) {
            (Some(key), _) => view! {
                <div class="alert alert--success new-key" role="status">
                    <p><strong>"Chave de API gerada. Copie agora: ela não será mostrada de novo."</strong></p>
                    <p><code class="new-key__value">{key}</code></p>
                    <p>"Envie-a ao parceiro por um canal seguro. Ele a usa em Authorization: Bearer …"</p>
                </div>
            }.into_any(),
            (None, true) => view! {
                <Alert tone="info" message="A chave já foi mostrada uma vez e não aparece de novo. Se ela se perdeu, gere outra." />
            }.into_any(),
            (None, false) => ().into_any(),
        }}
        {test_url.map(|url| view! {
            <div class="alert alert--info" role="status">
                <p>"Chave de teste (sandbox) criada: vale uma vez, por 2 minutos, e a troca devolve dados de exemplo. "
                <a href=url>"Abrir a funcionalidade de teste"</a></p>
            </div>
        })}
        <KeySection row=row.clone() previous_key />
        <section class="card" aria-labelledby="titulo-dados">
            <h2 id="titulo-dados">"Dados e permissões"</h2>
            {(!errors.errors.is_empty()).then(|| view! { <Alert tone="error" message=errors.error("geral").unwrap_or_else(|| AppError::InvalidForm.to_string()) /> })}
            <ActionForm action=save attr:class="form">
                <input type="hidden" name="id" value=id />
                <PartnerFields form=values errors />
                <button type="submit" class="button button--primary">"Salvar"</button>
            </ActionForm>
        </section>
        <PeopleSection id people refused=errors_of(&refused_person) typed=refused_person.map(|draft| draft.form).unwrap_or_default() />
        <super::partner_features::FeaturesSection id features refused=refused_feature pass_key_scope />
        <super::partner_origins::OriginsSection id origins=external_origins refused=refused_origin scope=external_scope />
        <super::partner_webhooks::WebhooksSection id webhooks scope=webhooks_scope />
        <super::History events />
    }
}

#[component]
fn KeySection(row: PartnerRow, previous_key: Option<(String, String)>) -> impl IntoView {
    let change = ServerAction::<ChangePartnerKey>::new();
    let id = row.id;
    view! {
        <section class="card" aria-labelledby="titulo-chave">
            <h2 id="titulo-chave">"Chave de API"</h2>
            <div class="staff-steps">
                <p>
                    "Chave atual: " <code>{format!("{}…", row.key_prefix)}</code>
                    {if row.active { " · ativa" } else { " · revogada" }}
                    {format!(" · último uso: {}", row.last_used.clone().unwrap_or_else(|| "nunca".into()))}
                </p>
                {previous_key.map(|(prefix, until)| view! {
                    <p>"Chave anterior " <code>{format!("{prefix}…")}</code>{format!(" vale até {until}.")}</p>
                })}
                <ActionForm action=change attr:class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="action" value="gerar" />
                    {row.active.then(|| view! {
                        <div class="field">
                            <label for="grace_days">"A chave atual continua valendo por"</label>
                            <select id="grace_days" name="grace_days">
                                {(0..=MAX_GRACE_DAYS).map(|days| {
                                    let label = match days { 0 => "0 dia (para na hora)".to_string(), 1 => "1 dia".to_string(), n => format!("{n} dias") };
                                    view! { <option value=days selected=days == 1>{label}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    })}
                    <button type="submit" class="button button--secondary">
                        {if row.active { "Gerar nova chave" } else { "Reativar com nova chave" }}
                    </button>
                </ActionForm>
                {row.active.then(|| view! {
                    <details class="confirm">
                        <summary class="button button--danger">"Revogar"</summary>
                        <div class="confirm__panel">
                            <p>{format!("Revogar as chaves de {}? A API passa a recusá-las na hora e os links de login ainda não usados deixam de valer.", row.name)}</p>
                            <ActionForm action=change>
                                <input type="hidden" name="id" value=id />
                                <input type="hidden" name="action" value="revogar" />
                                <button type="submit" class="button button--danger">"Sim, revogar"</button>
                            </ActionForm>
                        </div>
                    </details>
                })}
            </div>
        </section>
    }
}

#[component]
fn PeopleSection(
    id: i64,
    people: Vec<portal::partners::PartnerPersonRow>,
    refused: RecordDraft<()>,
    typed: String,
) -> impl IntoView {
    let change = ServerAction::<ChangePartnerPerson>::new();
    let error = refused
        .error("geral")
        .or_else(|| (!refused.errors.is_empty()).then(|| AppError::InvalidForm.to_string()));
    view! {
        <section class="card" aria-labelledby="pessoas">
            <h2 id="pessoas">"Pessoas que ele pode abrir"</h2>
            <p class="muted">"Login remoto só vale para quem o parceiro criou, quem autorizou o pedido dele, ou quem a equipe vincular aqui."</p>
            {if people.is_empty() {
                view! { <p class="muted">"Nenhuma pessoa ainda."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr><th scope="col">"Pessoa"</th><th scope="col">"Situação"</th><th scope="col">"Desde"</th><th scope="col"><span class="visually-hidden">"Ações"</span></th></tr></thead>
                        <tbody>
                            {people.into_iter().map(|person| view! {
                                <tr>
                                    <td data-rotulo="Pessoa">
                                        <a href=format!("/equipe/pessoas/{}", person.person_id)>{person.name.clone()}</a>
                                        <br /><span class="muted nowrap">{person.document.clone()}</span>
                                    </td>
                                    <td data-rotulo="Situação">
                                        {if person.pending {
                                            view! { <Badge tone="warning">"Aguardando a pessoa autorizar"</Badge> }.into_any()
                                        } else {
                                            view! { <span>{person.via.clone()}</span> }.into_any()
                                        }}
                                    </td>
                                    <td data-rotulo="Desde">{person.since.clone()}</td>
                                    <td>
                                        <ActionForm action=change>
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="action" value="remover" />
                                            <input type="hidden" name="person" value=person.person_id />
                                            <button type="submit" class="button button--secondary">"Remover"</button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <ActionForm action=change attr:class="inline-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="action" value="vincular" />
                <RecordField label="Vincular pessoa pelo CPF ou CNPJ" name="document".into() value=typed error required=true />
                <button type="submit" class="button button--secondary">"Vincular"</button>
            </ActionForm>
        </section>
    }
}
