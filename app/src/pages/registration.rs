use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use portal::registration::{RegistrationDraft, RegistrationField, RegistrationStatus};

use crate::api::registration::{load_registration_draft, load_registration_status};
use crate::components::forms::form_error;
use crate::components::status::Alert;
use crate::{CurrentUserResource, SessionActions};

/// `/cadastro`: open registration for PF and PJ (seed 001), unless staff turned it off.
#[component]
pub fn RegistrationPage() -> impl IntoView {
    let query = use_query_map();
    let user = expect_context::<CurrentUserResource>();
    // A result from an earlier visit must not show again.
    expect_context::<SessionActions>().register.value().set(None);
    let status = Resource::new(|| (), |_| load_registration_status());
    let draft = Resource::new(
        move || query.read().get("rascunho"),
        |id| async move {
            match id {
                Some(id) => load_registration_draft(id).await.ok().flatten(),
                None => None,
            }
        },
    );
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
    let register = expect_context::<SessionActions>().register;
    let error = move || form_error(register.value().get(), query.read().get("erro"));
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
                <TextField field=F::Password label="Senha" value=String::new() error=field(F::Password) input_type="password" autocomplete="new-password" required=true maxlength="128" clear_after_submit=true hint="De 8 a 128 caracteres. Uma frase longa é mais segura que símbolos." />
                <TextField field=F::PasswordConfirmation label="Repita a senha" value=String::new() error=field(F::PasswordConfirmation) input_type="password" autocomplete="new-password" required=true maxlength="128" clear_after_submit=true />
                <button type="submit" class="button button--primary" disabled=move || register.pending().get()>
                    {move || if register.pending().get() { "Criando cadastro…" } else { "Criar cadastro" }}
                </button>
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
/// is checked when it changes (already registered? valid?), which needs JavaScript; without
/// it, the same checks run when the form is sent.
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
    /// Emptied after every submission (passwords are never kept), also when the page is
    /// updated in place with JavaScript.
    #[prop(optional)]
    clear_after_submit: bool,
) -> impl IntoView {
    let submissions = expect_context::<SessionActions>().register.version();
    let kept = value.clone();
    let current_value = move || {
        if clear_after_submit {
            submissions.track();
            String::new()
        } else {
            kept.clone()
        }
    };
    let code = field.code();
    let id = code.replace('.', "_");
    let name = match field {
        RegistrationField::TelephoneDdd => "form[telephone_ddd]".to_string(),
        RegistrationField::TelephoneNumber => "form[telephone_number]".to_string(),
        _ => format!("form[{code}]"),
    };
    let message = RwSignal::new(error);
    let hint_id = hint.map(|_| format!("dica-{id}"));
    let described_by = move || {
        let error_id = message.get().map(|_| format!("erro-{code}"));
        let ids: Vec<String> = [error_id, hint_id.clone()].into_iter().flatten().collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let check = move |event: leptos::ev::Event| {
        let Some(kind) = live else { return };
        let typed = event_target_value(&event);
        if typed.trim().is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            // A failed check (offline, over the limit) says nothing: sending the form checks again.
            if let Ok(answer) =
                crate::api::registration::check_registration_value(kind.to_string(), typed).await
            {
                // The form may be gone by now (sent, page left): then there is nothing to update.
                let _ = message.try_set(answer);
            }
        });
    };
    view! {
        <div class="field" class:field--invalid=move || message.get().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                name=name
                type=input_type
                value=value
                prop:value=current_value
                autocomplete=autocomplete
                inputmode=inputmode
                maxlength=maxlength
                required=required
                aria-invalid=move || message.get().map(|_| "true")
                aria-describedby=described_by
                on:change=check
            />
            {hint.map(|text| view! { <p class="field__hint" id=format!("dica-{id}")>{text}</p> })}
            {move || message.get().map(|text| view! { <p class="field__error" id=format!("erro-{code}") aria-live="polite">{text}</p> })}
        </div>
    }
}
