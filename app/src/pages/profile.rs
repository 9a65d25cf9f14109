use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal::profile::{AddressForm, MyData, PersonalDataDraft, STATES};

use super::LoadFailed;
use super::RedirectToLogin;
use crate::api::profile::{load_address_form, load_my_data, RemoveAddress, SaveAddress, SavePersonalData};
use crate::components::forms::query_error;
use crate::components::status::{Alert, Badge};
use crate::error::AppError;

/// `/meus-dados`: the buyer's data (seed 000 `/pessoa`), the fields they may change, and
/// their addresses.
#[component]
pub fn MyDataPage() -> impl IntoView {
    let query = use_query_map();
    let save = ServerAction::<SavePersonalData>::new();
    let remove = ServerAction::<RemoveAddress>::new();
    let data = Resource::new(
        move || (query.read().get("rascunho"), query.read().get("salvo"), ()),
        |(draft, _, _)| load_my_data(draft),
    );
    view! {
        <Title text="Meus dados" />
        <h1>"Meus dados"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Carregando seus dados…"</p> }>
            {move || Suspend::new(async move {
                let saved = query.read_untracked().get("salvo");
                match data.await {
                    Ok((data, draft)) => view! { <MyDataView data draft=draft.unwrap_or_default() saved save remove /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyDataView(
    data: MyData,
    draft: PersonalDataDraft,
    saved: Option<String>,
    save: ServerAction<SavePersonalData>,
    remove: ServerAction<RemoveAddress>,
) -> impl IntoView {
    let notice = saved.map(|what| match what.as_str() {
        "endereco" => "Endereço salvo.",
        "removido" => "Endereço removido.",
        "contato" => "Contato atualizado.",
        _ => "Dados salvos.",
    });
    let refused = !draft.error.is_empty();
    let birth = if refused {
        draft.values.birth_date.clone()
    } else {
        data.birth_date_iso.clone().unwrap_or_default()
    };
    let gender = if refused { draft.values.gender.clone() } else { data.gender.clone().unwrap_or_default() };
    let secondary = if refused {
        draft.values.secondary_document.clone()
    } else {
        data.secondary_document.clone().unwrap_or_default()
    };
    let company = data.kind == "PJ";
    view! {
        {notice.map(|text| view! { <Alert tone="success" message=text /> })}
        <section class="card" aria-labelledby="titulo-dados">
            <h2 id="titulo-dados">"Cadastro"</h2>
            <dl class="details">
                <div><dt>{if company { "Razão social" } else { "Nome" }}</dt><dd>{data.name.clone()}</dd></div>
                {data.trade_name.clone().map(|name| view! { <div><dt>"Nome fantasia"</dt><dd>{name}</dd></div> })}
                <div><dt>{if company { "CNPJ" } else { "CPF" }}</dt><dd>{data.document.clone()}</dd></div>
                <div><dt>"E-mail"</dt><dd>{data.email.clone()}</dd></div>
                <div>
                    <dt>"Celular"</dt>
                    <dd>
                        {data.phone.clone().unwrap_or_else(|| "Não informado".to_string())}
                        " "
                        {data.phone.is_some().then(|| if data.phone_verified {
                            view! { <Badge tone="success">"Confirmado"</Badge> }.into_any()
                        } else {
                            view! { <Badge tone="warning">"Não confirmado"</Badge> }.into_any()
                        })}
                    </dd>
                </div>
            </dl>
            <p><a class="button button--ghost" href="/meus-dados/contato">"Trocar e-mail ou celular"</a></p>
            <p class="muted">"Nome e CPF/CNPJ vêm do contrato: para corrigi-los, fale com a construtora em Mensagens."</p>
        </section>
        <section class="card" aria-labelledby="titulo-complementares">
            <h2 id="titulo-complementares">"Dados complementares"</h2>
            {refused.then(|| view! { <Alert tone="error" message=draft.error.clone() /> })}
            <ActionForm action=save>
                <div class="form">
                    <div class="field">
                        <label for="birth_date">{if company { "Data de fundação" } else { "Data de nascimento" }}</label>
                        <input id="birth_date" name="form[birth_date]" type="date" value=birth />
                    </div>
                    {(!company).then(|| view! {
                        <div class="field">
                            <label for="gender">"Gênero"</label>
                            <select id="gender" name="form[gender]">
                                <option value="" selected=gender.is_empty()>"Prefiro não informar"</option>
                                <option value="f" selected=gender == "f">"Feminino"</option>
                                <option value="m" selected=gender == "m">"Masculino"</option>
                            </select>
                        </div>
                    })}
                    <div class="field">
                        <label for="secondary_document">{if company { "Inscrição estadual" } else { "RG" }}</label>
                        <input id="secondary_document" name="form[secondary_document]" type="text" maxlength="30" value=secondary />
                    </div>
                    <button type="submit" class="button button--primary">"Salvar dados"</button>
                </div>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="titulo-enderecos">
            <div class="page-heading">
                <h2 id="titulo-enderecos">"Endereços"</h2>
                <a class="button button--ghost" href="/meus-dados/enderecos/novo">"Adicionar endereço"</a>
            </div>
            {if data.addresses.is_empty() {
                view! { <p class="muted">"Nenhum endereço cadastrado."</p> }.into_any()
            } else {
                view! {
                    <ul class="documents" role="list">
                        {data.addresses.into_iter().map(|address| {
                            let edit = format!("/meus-dados/enderecos/{}", address.id);
                            let id = address.id.to_string();
                            view! {
                                <li class="document">
                                    <div>
                                        <span class="document__title">{address.label.clone()}</span>
                                        <span class="muted">{address.one_line()}</span>
                                    </div>
                                    <div class="row-actions">
                                        <a class="button button--ghost" href=edit aria-label=format!("Editar endereço {}", address.label)>"Editar"</a>
                                        // A native disclosure asks for confirmation, with or without JavaScript.
                                        <details class="confirm">
                                            <summary class="button button--ghost" aria-label=format!("Remover endereço {}", address.label)>"Remover"</summary>
                                            <div class="confirm__panel" role="group" aria-label=format!("Confirmar remoção do endereço {}", address.label)>
                                                <p>{format!("Remover o endereço \u{201c}{}\u{201d}? Esta ação não pode ser desfeita.", address.label)}</p>
                                                <ActionForm action=remove>
                                                    <input type="hidden" name="id" value=id />
                                                    <button type="submit" class="button button--danger">"Sim, remover"</button>
                                                </ActionForm>
                                            </div>
                                        </details>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
    .into_any()
}

/// `/meus-dados/enderecos/novo` and `/meus-dados/enderecos/:id`: one address (CEP checked).
#[component]
pub fn AddressPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let save = ServerAction::<SaveAddress>::new();
    let form = Resource::new(
        move || (params.read().get("id"), query.read().get("rascunho")),
        |(id, draft)| async move {
            let id = match id.as_deref() {
                None => None,
                Some(text) => Some(text.parse::<i64>().map_err(|_| AppError::NotFound)?),
            };
            load_address_form(id, draft).await.map(|loaded| (id, loaded))
        },
    );
    view! {
        <p class="breadcrumb"><a href="/meus-dados">"← Meus dados"</a></p>
        <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok((id, (address, draft))) => {
                        let (values, error) = match (draft, &address) {
                            (Some(draft), _) => (draft.values, Some(draft.error)),
                            (None, Some(address)) => (address.as_form(), None),
                            (None, None) => (AddressForm::default(), None),
                        };
                        let title = if id.is_some() { "Editar endereço" } else { "Novo endereço" };
                        view! {
                            <Title text=title />
                            <h1>{title}</h1>
                            {error.map(|text| view! { <Alert tone="error" message=text /> })}
                            <ActionForm action=save>
                                <div class="form card">
                                    <input type="hidden" name="id" value=id.map(|id| id.to_string()).unwrap_or_default() />
                                    <AddressFields values />
                                    <button type="submit" class="button button--primary">"Salvar endereço"</button>
                                </div>
                            </ActionForm>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AddressFields(values: AddressForm) -> impl IntoView {
    let state = values.state.clone();
    let field = |id: &'static str,
                 label: &'static str,
                 value: String,
                 autocomplete: &'static str,
                 required: bool| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id name=format!("form[{id}]") type="text" value=value autocomplete=autocomplete required=required />
            </div>
        }
    };
    view! {
        {field("label", "Tipo (Residencial, Comercial…)", values.label.clone(), "off", false)}
        <div class="field">
            <label for="cep">"CEP"</label>
            <input id="cep" name="form[cep]" type="text" inputmode="numeric" autocomplete="postal-code" maxlength="10" placeholder="00000-000" value=values.cep.clone() required />
        </div>
        {field("street", "Rua", values.street.clone(), "address-line1", true)}
        {field("number", "Número (ou s/n)", values.number.clone(), "off", true)}
        {field("complement", "Complemento (opcional)", values.complement.clone(), "address-line2", false)}
        {field("district", "Bairro", values.district.clone(), "address-level3", true)}
        {field("city", "Cidade", values.city.clone(), "address-level2", true)}
        <div class="field">
            <label for="state">"UF"</label>
            <select id="state" name="form[state]" required>
                <option value="" selected=state.is_empty()>"Escolha"</option>
                {STATES.iter().map(|uf| view! { <option value=*uf selected=state == *uf>{*uf}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// `/meus-dados/contato`: a new e-mail or mobile; a code goes to it before anything changes.
#[component]
pub fn ContactChangePage() -> impl IntoView {
    let query = use_query_map();
    let request = ServerAction::<crate::api::profile::RequestContactChange>::new();
    let draft = Resource::new(
        move || query.read().get("rascunho"),
        |id| async move {
            match id {
                Some(id) => crate::api::profile::load_contact_draft(id).await,
                None => Ok(None),
            }
        },
    );
    view! {
        <Title text="Trocar e-mail ou celular" />
        <p class="breadcrumb"><a href="/meus-dados">"← Meus dados"</a></p>
        <section class="auth-card" aria-labelledby="titulo-contato">
            <h1 id="titulo-contato">"Trocar e-mail ou celular"</h1>
            <p class="lead">"Enviamos um código para o novo endereço ou número; a troca vale quando você o confirmar."</p>
            <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
                {move || Suspend::new(async move {
                    match draft.await {
                        Err(AppError::Unauthenticated) => view! { <RedirectToLogin /> }.into_any(),
                        result => {
                            let draft = result.ok().flatten().unwrap_or_default();
                            let sms = draft.channel == "sms";
                            view! {
                                {(!draft.error.is_empty()).then(|| view! { <Alert tone="error" message=draft.error.clone() /> })}
                                {move || query_error(query.read().get("erro")).map(|text| view! { <Alert tone="error" message=text /> })}
                                <ActionForm action=request>
                                    <div class="form">
                                        <fieldset class="field choices">
                                            <legend>"O que trocar"</legend>
                                            <label class="choice"><input type="radio" name="channel" value="email" checked=!sms />"E-mail"</label>
                                            <label class="choice"><input type="radio" name="channel" value="sms" checked=sms />"Celular (recebe SMS)"</label>
                                        </fieldset>
                                        <div class="field">
                                            <label for="value">"Novo e-mail ou celular com DDD"</label>
                                            <input id="value" name="value" type="text" autocomplete="off" required value=draft.value.clone() />
                                        </div>
                                        <button type="submit" class="button button--primary">"Enviar código"</button>
                                    </div>
                                </ActionForm>
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/meus-dados/contato/confirmar`: the code sent to the new e-mail or mobile.
#[component]
pub fn ConfirmContactPage() -> impl IntoView {
    let query = use_query_map();
    let confirm = ServerAction::<crate::api::profile::ConfirmContactChange>::new();
    let value = move |name: &'static str| move || query.read().get(name).unwrap_or_default();
    let destination = move || {
        if query.read().get("canal").as_deref() == Some("sms") {
            "novo celular"
        } else {
            "novo e-mail"
        }
    };
    let error = move || query_error(query.read().get("erro"));
    view! {
        <Title text="Confirmar troca" />
        <section class="auth-card" aria-labelledby="titulo-confirmar-contato">
            <h1 id="titulo-confirmar-contato">"Confirmar troca"</h1>
            <Alert tone="info" message=format!("Enviamos um código de 6 dígitos para o {}. Ele vale por 10 minutos.", destination()) />
            {move || error().map(|text| view! { <Alert tone="error" message=text /> })}
            <ActionForm action=confirm>
                <div class="form">
                    <input type="hidden" name="change" value=value("troca") />
                    <input type="hidden" name="channel" value=value("canal") />
                    <crate::components::forms::CodeField />
                    <button type="submit" class="button button--primary">"Confirmar"</button>
                </div>
            </ActionForm>
            <p class="auth-card__alt"><a href="/meus-dados/contato">"Não recebeu? Pedir outro código"</a></p>
        </section>
    }
}
