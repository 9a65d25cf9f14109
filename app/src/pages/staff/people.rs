use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::location::Url;
use portal::people::{PeopleList, PersonDetail, PersonFormDraft};

use super::StaffLoadFailed;
use crate::api::staff::people::{
    load_people, load_person, load_person_draft, CreatePerson, PersonAction, UpdatePerson,
};
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

/// `/equipe/pessoas`: buyers searched by name, e-mail, CPF/CNPJ or phone, 25 a page.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(
        move || {
            let query = query.read();
            (query.get("busca"), query.get("situacao"), query.get("ordem"), query.get("pagina"))
        },
        |(search, situation, order, page)| load_people(search, situation, order, page),
    );
    view! {
        <Title text="Pessoas · Equipe" />
        <div class="page-heading">
            <h1>"Pessoas"</h1>
            <a class="button button--primary" href="/equipe/pessoas/nova">"Cadastrar pessoa"</a>
        </div>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let search = query.get("busca").unwrap_or_default();
                let situation = query.get("situacao").unwrap_or_default();
                match list.await {
                    Ok(list) => view! {
                        <form class="card filters" method="get" action="/equipe/pessoas" role="search">
                            <div class="filters__fields">
                                <div class="field">
                                    <label for="busca">"Nome, e-mail, CPF/CNPJ ou telefone"</label>
                                    <input id="busca" name="busca" type="search" maxlength="100" value=search.clone() />
                                </div>
                                <div class="field">
                                    <label for="situacao">"Situação"</label>
                                    <select id="situacao" name="situacao">
                                        {[("", "Todas"), ("confirmar", "Cadastros a confirmar"), ("sem-acesso", "Sem primeiro acesso"), ("bloqueadas", "Acesso bloqueado")]
                                            .into_iter()
                                            .map(|(value, label)| view! { <option value=value selected=value == situation>{label}</option> })
                                            .collect_view()}
                                    </select>
                                </div>
                            </div>
                            <div class="filters__actions">
                                <button type="submit" class="button button--primary">"Buscar"</button>
                                <a class="button button--secondary" href="/equipe/pessoas">"Limpar"</a>
                            </div>
                        </form>
                        <PeopleTable list search situation />
                    }
                    .into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PeopleTable(list: PeopleList, search: String, situation: String) -> impl IntoView {
    if list.rows.is_empty() {
        return view! {
            <section class="empty-state">
                <h2>"Ninguém encontrado"</h2>
                <p>"Confira o que foi digitado ou cadastre a pessoa."</p>
            </section>
        }
        .into_any();
    }
    let summary = if list.total == 1 { "1 pessoa".to_string() } else { format!("{} pessoas", list.total) };
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
    view! {
        <p class="muted" role="status">{summary}</p>
        <table class="staff-table">
            <thead>
                <tr>
                    <super::SortHeader label="Nome" code="nome" current=order.clone() path="/equipe/pessoas" query=query.clone() />
                    <th scope="col">"CPF/CNPJ"</th>
                    <th scope="col">"Contato"</th>
                    <th scope="col">"Contratos"</th>
                    <th scope="col">"Situação"</th>
                </tr>
            </thead>
            <tbody>
                {list.rows.into_iter().map(|row| view! {
                    <tr>
                        <td data-rotulo="Nome"><a href=format!("/equipe/pessoas/{}", row.id)>{row.name.clone()}</a></td>
                        <td data-rotulo="CPF/CNPJ" class="nowrap">{row.document.clone()}</td>
                        <td data-rotulo="Contato">{row.email.clone()}{row.phone.clone().map(|phone| view! { <br /><span class="muted">{phone}</span> })}</td>
                        <td data-rotulo="Contratos">{row.contracts}</td>
                        <td data-rotulo="Situação"><PersonBadges row=row.clone() /></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <super::Pagination path="/equipe/pessoas" query=paging page=list.page pages=list.pages />
    }
    .into_any()
}

#[component]
fn PersonBadges(row: portal::people::PersonRow) -> impl IntoView {
    view! {
        {row.blocked.then(|| view! { <Badge tone="danger">"Acesso bloqueado"</Badge> })}
        {row.awaiting_confirmation.then(|| view! { <Badge tone="warning">"A confirmar"</Badge> })}
        {(!row.has_password && !row.blocked).then(|| view! { <Badge tone="muted">"Sem primeiro acesso"</Badge> })}
        {(row.has_password && !row.blocked && !row.awaiting_confirmation).then(|| view! { <Badge tone="success">"Com acesso"</Badge> })}
    }
}

/// The person form's fields (seed 001's names, under `person[…]`), each with its refusal.
#[component]
fn PersonFields(draft: PersonFormDraft, creating: bool) -> impl IntoView {
    let form = draft.form.clone();
    let company = form.legal_personality == "1";
    let error =
        move |field: &str| draft.error(field).map(|text| view! { <p class="field__error">{text}</p> });
    view! {
        {if creating {
            view! {
                <fieldset class="field choices">
                    <legend>"Tipo"</legend>
                    <label class="choice"><input type="radio" name="person[legal_personality]" value="0" checked=!company required />"Pessoa física (CPF)"</label>
                    <label class="choice"><input type="radio" name="person[legal_personality]" value="1" checked=company />"Pessoa jurídica (CNPJ)"</label>
                    {error("legal_personality")}
                </fieldset>
                <div class="field">
                    <label for="document1">"CPF ou CNPJ"</label>
                    <input id="document1" name="person[document1]" type="text" required value=form.document1.clone() autocomplete="off" />
                    {error("document1")}
                </div>
            }
            .into_any()
        } else {
            view! {
                <input type="hidden" name="person[legal_personality]" value=form.legal_personality.clone() />
                <p>{format!("{}: {} (o tipo e o documento identificam a pessoa e não mudam)", if company { "CNPJ" } else { "CPF" }, form.document1)}</p>
            }
            .into_any()
        }}
        <div class="field">
            <label for="name1">{if creating { "Nome ou razão social" } else if company { "Razão social" } else { "Nome completo" }}</label>
            <input id="name1" name="person[name1]" type="text" required maxlength="120" value=form.name1.clone() autocomplete="off" />
            {error("name1")}
        </div>
        {(creating || company).then(|| view! {
            <div class="field">
                <label for="name2">{if creating { "Sobrenome ou nome fantasia (opcional)" } else { "Nome fantasia (opcional)" }}</label>
                <input id="name2" name="person[name2]" type="text" maxlength="120" value=form.name2.clone() autocomplete="off" />
                {error("name2")}
            </div>
        })}
        <div class="field">
            <label for="document2">"RG ou inscrição estadual (opcional)"</label>
            <input id="document2" name="person[document2]" type="text" maxlength="30" value=form.document2.clone() autocomplete="off" />
            {error("document2")}
        </div>
        <div class="field">
            <label for="date_of_birth">"Data de nascimento (opcional)"</label>
            <input id="date_of_birth" name="person[date_of_birth]" type="date" value=form.date_of_birth.clone() />
            {error("date_of_birth")}
        </div>
        <div class="field">
            <label for="gender">"Gênero (opcional)"</label>
            <select id="gender" name="person[gender]">
                {[("", "Não informar"), ("f", "Feminino"), ("m", "Masculino")].into_iter().map(|(value, label)| {
                    view! { <option value=value selected=value == form.gender>{label}</option> }
                }).collect_view()}
            </select>
            {error("gender")}
        </div>
        <div class="field">
            <label for="email">"E-mail"</label>
            <input id="email" name="person[email]" type="email" required value=form.email.clone() autocomplete="off" />
            {error("email")}
        </div>
        <fieldset class="field">
            <legend>"Celular ou telefone (opcional)"</legend>
            <div class="phone-fields__row">
                <input id="telephone_ddd" name="person[telephone_ddd]" type="text" inputmode="numeric" maxlength="2" aria-label="DDD" placeholder="DDD" value=form.telephone_ddd.clone() />
                <input id="telephone_number" name="person[telephone_number]" type="text" inputmode="numeric" maxlength="10" aria-label="Número" value=form.telephone_number.clone() />
            </div>
            {error("telephone.ddd")}
            {error("telephone.number")}
        </fieldset>
    }
}

/// `/equipe/pessoas/nova`: register a buyer, who then creates a password at first access.
#[component]
pub fn NewPersonPage() -> impl IntoView {
    let query = use_query_map();
    let draft = Resource::new(move || query.read().get("rascunho"), load_person_draft);
    let create = ServerAction::<CreatePerson>::new();
    view! {
        <Title text="Cadastrar pessoa · Equipe" />
        <p class="breadcrumb"><a href="/equipe/pessoas">"← Pessoas"</a></p>
        <h1>"Cadastrar pessoa"</h1>
        <p class="lead">"Com as regras do cadastro pelo site. A pessoa cria a própria senha no primeiro acesso; ninguém da equipe digita senha de comprador."</p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match draft.await {
                    Ok(draft) => {
                        let draft = draft.unwrap_or_default();
                        view! {
                            {(!draft.errors.is_empty()).then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
                            <ActionForm action=create attr:class="card form">
                                <PersonFields draft creating=true />
                                <button type="submit" class="button button--primary">"Cadastrar"</button>
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

/// `/equipe/pessoas/:id/editar`: a person's data.
#[component]
pub fn EditPersonPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || (params.read().get("id").and_then(|id| id.parse::<i64>().ok()), query.read().get("rascunho")),
        |(id, draft)| async move {
            let Some(id) = id else { return Err(AppError::NotFound) };
            // The permission to change people first: a role without it reads why, whoever the person.
            let draft = load_person_draft(draft).await?;
            let person = load_person(id).await?;
            Ok((person, draft))
        },
    );
    let update = ServerAction::<UpdatePerson>::new();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((person, _)) if !person.can_edit => view! { <StaffLoadFailed error=AppError::Forbidden /> }.into_any(),
                    Ok((person, draft)) => {
                        let draft = draft.map(|draft| PersonFormDraft {
                            form: portal::registration::RegistrationForm { document1: person.form.document1.clone(), ..draft.form },
                            ..draft
                        }).unwrap_or_else(|| PersonFormDraft { form: person.form.clone(), ..Default::default() });
                        let back = format!("/equipe/pessoas/{}", person.row.id);
                        view! {
                            <Title text=format!("Editar {} · Equipe", person.row.name) />
                            <p class="breadcrumb"><a href=back.clone()>{format!("← {}", person.row.name)}</a></p>
                            <h1>"Editar dados"</h1>
                            {(!draft.errors.is_empty()).then(|| view! { <Alert tone="error" message=AppError::InvalidForm.to_string() /> })}
                            <ActionForm action=update attr:class="card form">
                                <input type="hidden" name="id" value=person.row.id />
                                <PersonFields draft creating=false />
                                <div class="actions">
                                    <button type="submit" class="button button--primary">"Salvar"</button>
                                    <a class="button button--secondary" href=back>"Cancelar"</a>
                                </div>
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

/// `/equipe/pessoas/:id`: a person's data, contracts, addresses, sessions and trail.
#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let person = Resource::new(
        move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()),
        |id| async move {
            match id {
                Some(id) => load_person(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p class="breadcrumb"><a href="/equipe/pessoas">"← Pessoas"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                let query = query.read_untracked().clone();
                let notice = [
                    ("criada", "Pessoa cadastrada. Envie o convite de primeiro acesso quando quiser."),
                    ("salva", "Dados salvos."),
                    ("confirmada", "Cadastro confirmado: contratos já podem ser vinculados."),
                    ("bloqueada", "Acesso bloqueado: as sessões foram encerradas."),
                    ("desbloqueada", "Acesso desbloqueado."),
                    ("convidada", "Convite de primeiro acesso enviado."),
                ]
                .into_iter()
                .find(|(key, _)| query.get(key).is_some())
                .map(|(_, text)| ("success", text.to_string()))
                .or_else(|| match query.get("aviso").as_deref() {
                    Some("sem-celular") => Some(("error", "Esta pessoa não tem celular cadastrado: envie por e-mail.".to_string())),
                    Some("bloqueada") => Some(("error", "O acesso desta pessoa está bloqueado: desbloqueie antes de convidar.".to_string())),
                    _ => None,
                })
                .or_else(|| query.get("erro").as_deref().and_then(AppError::from_code).map(|error| ("error", error.to_string())));
                match person.await {
                    Ok(person) => view! { <Person person notice /> }.into_any(),
                    Err(error) => view! { <StaffLoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Person(person: PersonDetail, notice: Option<(&'static str, String)>) -> impl IntoView {
    let action = ServerAction::<PersonAction>::new();
    let row = person.row.clone();
    let id = row.id;
    let button = move |value: &'static str, label: &'static str, class: &'static str| {
        view! {
            <ActionForm action=action>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="action" value=value />
                <button type="submit" class=class>{label}</button>
            </ActionForm>
        }
    };
    let facts: Vec<(&str, String)> = [
        Some(("Tipo", if row.kind == "PJ" { "Pessoa jurídica" } else { "Pessoa física" }.to_string())),
        Some((if row.kind == "PJ" { "CNPJ" } else { "CPF" }, row.document.clone())),
        person.trade_name.clone().map(|name| ("Nome fantasia", name)),
        Some(("E-mail", row.email.clone())),
        row.phone.clone().map(|phone| ("Telefone", phone)),
        person.secondary_document.clone().map(|doc| ("RG/IE", doc)),
        person.birth_date.clone().map(|date| ("Nascimento", date)),
        person.gender.clone().map(|gender| ("Gênero", gender)),
        Some(("Origem", person.origin.clone())),
        person.confirmed.clone().map(|at| ("Confirmado em", at)),
        Some(("Cadastrado em", person.created_at.clone())),
        Some(("Primeiro acesso", if row.has_password { "Feito" } else { "Ainda não" }.to_string())),
    ]
    .into_iter()
    .flatten()
    .collect();
    view! {
        <Title text=format!("{} · Equipe", row.name) />
        <h1>{row.name.clone()}</h1>
        <p class="thread__facts"><PersonBadges row=row.clone() /></p>
        {notice.map(|(tone, message)| view! { <Alert tone message /> })}
        <section class="card" aria-labelledby="titulo-dados">
            <h2 id="titulo-dados">"Dados"</h2>
            <dl class="details">
                {facts.into_iter().map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> }).collect_view()}
            </dl>
            {person.can_edit.then(|| view! {
                <div class="actions">
                    <a class="button button--secondary" href=format!("/equipe/pessoas/{id}/editar")>"Editar dados"</a>
                    <super::PublishDocumentLink scope="pessoa" id />
                    {row.awaiting_confirmation.then(|| button("confirmar", "Confirmar cadastro", "button button--primary"))}
                    {(!row.blocked).then(|| button("convidar-email", "Convidar por e-mail", "button button--secondary"))}
                    {(!row.blocked && row.phone.is_some()).then(|| button("convidar-sms", "Convidar por SMS", "button button--secondary"))}
                    {if row.blocked {
                        button("desbloquear", "Desbloquear acesso", "button button--primary").into_any()
                    } else {
                        view! {
                            <details class="confirm">
                                <summary class="button button--danger">"Bloquear acesso"</summary>
                                <div class="confirm__panel">
                                    <p>"Bloquear o acesso encerra as sessões e impede senha e código até desbloquear. Confirmar?"</p>
                                    {button("bloquear", "Sim, bloquear", "button button--danger")}
                                </div>
                            </details>
                        }
                        .into_any()
                    }}
                </div>
            })}
        </section>
        <section class="card" aria-labelledby="titulo-contratos">
            <h2 id="titulo-contratos">"Contratos"</h2>
            {if person.contracts.is_empty() {
                view! { <p class="muted">"Nenhum contrato."</p> }.into_any()
            } else {
                view! {
                    <ul class="contact-list" role="list">
                        {person.contracts.into_iter().map(|contract| view! {
                            <li>
                                <a href=format!("/equipe/contratos/{}", contract.id)><strong>{format!("Contrato {}", contract.number)}</strong></a>
                                {format!(" · {} · {} · {} · {}", contract.development, contract.unit, contract.role, contract.status)}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <section class="card" aria-labelledby="titulo-enderecos">
            <h2 id="titulo-enderecos">"Endereços"</h2>
            {if person.addresses.is_empty() {
                view! { <p class="muted">"Nenhum endereço cadastrado."</p> }.into_any()
            } else {
                view! { <ul class="contact-list" role="list">{person.addresses.into_iter().map(|address| view! { <li>{address}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="titulo-sessoes-pessoa">
            <h2 id="titulo-sessoes-pessoa">"Sessões abertas"</h2>
            {if person.sessions.is_empty() {
                view! { <p class="muted">"Nenhuma sessão aberta."</p> }.into_any()
            } else {
                view! {
                    <ul class="contact-list" role="list">
                        {person.sessions.into_iter().map(|(device, last)| view! { <li>{format!("{device} · último uso {last}")}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <section class="card" aria-labelledby="titulo-historico">
            <h2 id="titulo-historico">"Histórico"</h2>
            {if person.trail.is_empty() {
                view! { <p class="muted">"Nada registrado ainda."</p> }.into_any()
            } else {
                view! {
                    <table class="staff-table">
                        <thead><tr><th scope="col">"Quando"</th><th scope="col">"Quem"</th><th scope="col">"O quê"</th><th scope="col">"Detalhe"</th></tr></thead>
                        <tbody>
                            {person.trail.into_iter().map(|entry| view! {
                                <tr>
                                    <td data-rotulo="Quando" class="nowrap">{entry.at}</td>
                                    <td data-rotulo="Quem">{entry.who}{entry.ip.map(|ip| view! { <br /><span class="muted">{format!("IP {ip}")}</span> })}</td>
                                    <td data-rotulo="O quê">{entry.action}</td>
                                    <td data-rotulo="Detalhe">{entry.detail}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}
