use crate::api::registration::Register;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use portal::registration::{RegistrationDraft, RegistrationField, RegistrationStatus};

use crate::api::registration::{load_registration_draft, load_registration_status};
use crate::components::forms::{draft_from_query, query_error};
use crate::components::status::Alert;
use crate::CurrentUserResource;

/// `/cadastro`: open registration for PF and PJ (seed 001), unless staff turned it off.
#[component]
pub fn RegistrationPage() -> impl IntoView {
    let query = use_query_map();
    let user = expect_context::<CurrentUserResource>();
    let status = Resource::new(|| (), |_| load_registration_status());
    let draft = draft_from_query(query, load_registration_draft);
    view! {
        <Title text="Criar cadastro" />
        <section class="auth-card auth-card--wide" aria-labelledby="titulo-cadastro">
            <h1 id="titulo-cadastro">"Criar cadastro"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Carregando…"</p> }>
                {move || Suspend::new(async move {
                    let signed_in = user.await.ok().flatten();
                    let status = status.await;
                    let draft = draft.await;
                    match (signed_in, status) {
                        (Some(user), _) => view! {
                            <p>{format!("Você já está conectado como {}.", user.name)}</p>
                            <p><a class="button button--primary" href="/meu-imovel">"Ir para Meu Imóvel"</a></p>
                        }
                        .into_any(),
                        (None, Ok(status)) if !status.open => view! { <RegistrationClosed status /> }.into_any(),
                        (None, Ok(_)) => view! { <RegistrationForm draft=draft.unwrap_or_default() query /> }.into_any(),
                        (None, Err(error)) => view! { <Alert tone="error" message=error.to_string() /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn RegistrationClosed(status: RegistrationStatus) -> impl IntoView {
    let company = status.company_name.unwrap_or_else(|| "a construtora".to_string());
    view! {
        <Alert tone="info" message="O cadastro pelo site está desativado no momento." />
        <p>
            "Se você comprou um imóvel, a construtora já fez seu cadastro: use o "
            <a href="/primeiro-acesso">"Primeiro acesso"</a>
            " com seu CPF ou CNPJ para criar sua senha."
        </p>
        <p>{format!("Para outras dúvidas, fale com {company}:")}</p>
        <ul class="contact-list">
            {status.contact_email.map(|email| {
                let href = format!("mailto:{email}");
                view! { <li>"E-mail: "<a href=href>{email}</a></li> }
            })}
            {status.contact_phone.map(|phone| {
                let href = format!("tel:{}", phone.chars().filter(char::is_ascii_digit).collect::<String>());
                view! { <li>"Telefone: "<a href=href>{phone}</a></li> }
            })}
        </ul>
        <p class="auth-card__alt"><a href="/entrar">"Já tenho senha: entrar"</a></p>
    }
}

/// The form; `draft` holds what a refused submission typed and the message of each field.
/// `query` is the page's: this form is rebuilt when a draft arrives, and its closures must only
/// read values that outlive it.
#[component]
fn RegistrationForm(draft: RegistrationDraft, query: Memo<ParamsMap>) -> impl IntoView {
    use RegistrationField as F;
    let register = ServerAction::<Register>::new();
    let error = move || query_error(query.read().get("erro"));
    let values = draft.values.clone();
    let company = values.is_company();
    let count = draft.errors.len();
    let summary = (count > 0).then(|| {
        if count == 1 {
            "Falta corrigir 1 campo, indicado abaixo.".to_string()
        } else {
            format!("Falta corrigir {count} campos, indicados abaixo.")
        }
    });
    let draft = StoredValue::new(draft);
    let field = move |field: F| draft.with_value(|draft| draft.error_for(field));
    let gender = values.gender.clone();
    view! {
        <p class="lead">"Crie sua conta para acompanhar seu imóvel, boletos e documentos."</p>
        {move || error().map(|text| view! { <Alert tone="error" message=text /> })}
        {summary.map(|text| view! { <Alert tone="error" message=text /> })}
        <ActionForm action=register>
            <div class="form">
                <fieldset class="field choices" aria-describedby=field(F::LegalPersonality).map(|_| "erro-legal_personality")>
                    <legend>"Tipo de cadastro"</legend>
                    <label class="choice">
                        <input type="radio" name="form[legal_personality]" value="0" checked=!company />
                        "Pessoa física (CPF)"
                    </label>
                    <label class="choice">
                        <input type="radio" name="form[legal_personality]" value="1" checked=company />
                        "Pessoa jurídica (CNPJ)"
                    </label>
                    <FieldMessage field=F::LegalPersonality message=field(F::LegalPersonality) />
                </fieldset>
                <TextField field=F::Name1 label="Nome ou razão social" value=values.name1.clone() error=field(F::Name1) autocomplete="given-name" required=true />
                <TextField field=F::Name2 label="Sobrenome ou nome fantasia (opcional)" value=values.name2.clone() error=field(F::Name2) autocomplete="family-name" />
                <TextField field=F::Document1 label="CPF ou CNPJ" value=values.document1.clone() error=field(F::Document1) required=true live="document1" hint="Só números ou com pontuação; o CNPJ pode ter letras." />
                <TextField field=F::Document2 label="RG ou inscrição estadual (opcional)" value=values.document2.clone() error=field(F::Document2) />
                <TextField field=F::DateOfBirth label="Data de nascimento ou de fundação (opcional)" value=values.date_of_birth.clone() error=field(F::DateOfBirth) input_type="date" autocomplete="bday" />
                <div class="field">
                    <label for="gender">"Gênero (opcional)"</label>
                    <select id="gender" name="form[gender]" aria-invalid=field(F::Gender).map(|_| "true") aria-describedby=field(F::Gender).map(|_| "erro-gender")>
                        <option value="" selected=gender.is_empty()>"Prefiro não informar"</option>
                        <option value="f" selected=gender == "f">"Feminino"</option>
                        <option value="m" selected=gender == "m">"Masculino"</option>
                    </select>
                    <FieldMessage field=F::Gender message=field(F::Gender) />
                </div>
                <TextField field=F::Email label="E-mail" value=values.email.clone() error=field(F::Email) input_type="email" autocomplete="email" required=true live="email" />
                <fieldset class="field choices phone-fields">
                    <legend>"Telefone (opcional)"</legend>
                    <div class="phone-fields__row">
                        <TextField field=F::TelephoneDdd label="DDD" value=values.telephone_ddd.clone() error=field(F::TelephoneDdd) inputmode="numeric" autocomplete="tel-area-code" maxlength="4" />
                        <TextField field=F::TelephoneNumber label="Número" value=values.telephone_number.clone() error=field(F::TelephoneNumber) input_type="tel" inputmode="numeric" autocomplete="tel-local" maxlength="12" />
                    </div>
                </fieldset>
                <TextField field=F::Password label="Senha" value=String::new() error=field(F::Password) input_type="password" autocomplete="new-password" required=true maxlength="128" hint="De 8 a 128 caracteres. Uma frase longa é mais segura que símbolos." />
                <TextField field=F::PasswordConfirmation label="Repita a senha" value=String::new() error=field(F::PasswordConfirmation) input_type="password" autocomplete="new-password" required=true maxlength="128" />
                <button type="submit" class="button button--primary">"Criar cadastro"</button>
            </div>
        </ActionForm>
        <p class="auth-card__alt">"Já tem cadastro? "<a href="/entrar">"Entrar"</a></p>
        <p class="auth-card__alt">
            "Comprou com a construtora e ainda não tem senha? "<a href="/primeiro-acesso">"Primeiro acesso"</a>
        </p>
    }
}

/// The message under a field, referenced by the field's `aria-describedby`.
#[component]
fn FieldMessage(field: RegistrationField, message: Option<String>) -> impl IntoView {
    message.map(|text| {
        view! { <p class="field__error" id=format!("erro-{}", field.code())>{text}</p> }
    })
}

/// One input named `form[<seed field>]`, its label, hint and message. With `live`, the value
/// is checked when it changes (already registered? valid?) by an island, which needs
/// JavaScript; without it, the same checks run when the form is sent.
#[component]
fn TextField(
    field: RegistrationField,
    label: &'static str,
    value: String,
    error: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] live: Option<&'static str>,
) -> impl IntoView {
    let code = field.code();
    let spec = FieldSpec {
        id: code.replace('.', "_"),
        name: match field {
            RegistrationField::TelephoneDdd => "form[telephone_ddd]".to_string(),
            RegistrationField::TelephoneNumber => "form[telephone_number]".to_string(),
            _ => format!("form[{code}]"),
        },
        error_id: format!("erro-{code}"),
        label: label.to_string(),
        value,
        input_type: input_type.to_string(),
        autocomplete: autocomplete.map(str::to_string),
        inputmode: inputmode.map(str::to_string),
        maxlength: maxlength.map(str::to_string),
        hint: hint.map(str::to_string),
        required,
    };
    match live {
        Some(kind) => view! { <LiveTextField spec error kind=kind.to_string() /> }.into_any(),
        None => field_view(spec, RwSignal::new(error), None).into_any(),
    }
}

/// What a field's markup is made of, sent to the browser for the live ones.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct FieldSpec {
    id: String,
    name: String,
    error_id: String,
    label: String,
    value: String,
    input_type: String,
    autocomplete: Option<String>,
    inputmode: Option<String>,
    maxlength: Option<String>,
    hint: Option<String>,
    required: bool,
}

/// A field whose value `kind` ("email", "document1") is checked against the portal on change.
#[island]
fn LiveTextField(spec: FieldSpec, error: Option<String>, kind: String) -> impl IntoView {
    let message = RwSignal::new(error);
    let check = move |event: leptos::ev::Event| {
        let typed = event_target_value(&event);
        if typed.trim().is_empty() {
            return;
        }
        let kind = kind.clone();
        leptos::task::spawn_local(async move {
            // A failed check (offline, over the limit) says nothing: sending the form checks again.
            if let Ok(answer) = crate::api::registration::check_registration_value(kind, typed).await {
                // The form may be gone by now (sent, page left): then there is nothing to update.
                let _ = message.try_set(answer);
            }
        });
    };
    field_view(spec, message, Some(Box::new(check)))
}

fn field_view(
    spec: FieldSpec,
    message: RwSignal<Option<String>>,
    on_change: Option<Box<dyn FnMut(leptos::ev::Event) + Send>>,
) -> impl IntoView {
    let FieldSpec {
        id,
        name,
        error_id,
        label,
        value,
        input_type,
        autocomplete,
        inputmode,
        maxlength,
        hint,
        required,
    } = spec;
    let hint_id = hint.as_ref().map(|_| format!("dica-{id}"));
    let described_by = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let error = message.get().map(|_| error_id.clone());
            let ids: Vec<String> = [error, hint_id.clone()].into_iter().flatten().collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let mut on_change = on_change;
    view! {
        <div class="field" class:field--invalid=move || message.get().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=input_type
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                maxlength=maxlength
                required=required
                aria-invalid=move || message.get().map(|_| "true")
                aria-describedby=described_by
                on:change=move |event| {
                    if let Some(check) = on_change.as_mut() {
                        check(event);
                    }
                }
            />
            {hint.zip(hint_id).map(|(text, hint_id)| view! { <p class="field__hint" id=hint_id>{text}</p> })}
            {move || message.get().map(|text| view! { <p class="field__error" id=error_id.clone() aria-live="polite">{text}</p> })}
        </div>
    }
}
