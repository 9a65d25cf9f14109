//! Form pieces shared by the sign-in and password pages.

use leptos::prelude::*;

use crate::error::AppError;

/// The error a form page shows: the `?erro=` code the server sent back to the form post
/// (forms post natively, with JavaScript on or off).
pub fn query_error(code: Option<String>) -> Option<String> {
    code.as_deref().and_then(AppError::from_code).map(|error| error.to_string())
}

/// What a refused form typed, read back by the page its post was sent to (`?rascunho=<id>`,
/// only by the browser session that made it); `None` without a draft or when it is gone.
pub fn draft_from_query<T, Fut>(
    query: Memo<leptos_router::params::ParamsMap>,
    load: fn(String) -> Fut,
) -> Resource<Option<T>>
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = Result<Option<T>, AppError>> + Send + 'static,
{
    Resource::new(
        move || query.read().get("rascunho"),
        move |id| async move {
            match id {
                Some(id) => load(id).await.ok().flatten(),
                None => None,
            }
        },
    )
}

/// "E-mail, CPF ou CNPJ".
#[component]
pub fn IdentifierField(
    /// What was typed before, when the form comes back refused.
    #[prop(optional)]
    value: Option<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="identifier">"E-mail, CPF ou CNPJ"</label>
            <input
                id="identifier"
                name="identifier"
                type="text"
                value=value
                autocomplete="username"
                autocapitalize="none"
                spellcheck="false"
                required
            />
        </div>
    }
}

/// "Senha", with a show-password toggle. An island: the toggle needs JavaScript, so it appears
/// only once the island has hydrated (no dead button without JavaScript).
#[island]
pub fn PasswordField() -> impl IntoView {
    let hydrated = super::hydrated();
    let visible = RwSignal::new(false);
    view! {
        <div class="field">
            <label for="password">"Senha"</label>
            <div class="password-field">
                <input
                    id="password"
                    name="password"
                    type=move || if visible.get() { "text" } else { "password" }
                    autocomplete="current-password"
                    required
                />
                <Show when=move || hydrated.get()>
                    <button
                        type="button"
                        class="button button--link"
                        aria-controls="password"
                        aria-pressed=move || visible.get().to_string()
                        on:click=move |_| visible.update(|visible| *visible = !*visible)
                    >
                        {move || if visible.get() { "Ocultar senha" } else { "Mostrar senha" }}
                    </button>
                </Show>
            </div>
        </div>
    }
}

/// E-mail or SMS for a one-time code.
#[component]
pub fn ChannelChoice() -> impl IntoView {
    view! {
        <fieldset class="field choices">
            <legend>"Receber o código por"</legend>
            <label class="choice">
                <input type="radio" name="channel" value="email" checked />
                "E-mail"
            </label>
            <label class="choice">
                <input type="radio" name="channel" value="sms" />
                "SMS (celular confirmado)"
            </label>
        </fieldset>
    }
}

/// The 6-digit code, with the hints phones use to offer the code from the SMS.
#[component]
pub fn CodeField() -> impl IntoView {
    view! {
        <div class="field">
            <label for="code">"Código de 6 dígitos"</label>
            <input
                id="code"
                name="code"
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9]{6}"
                maxlength="6"
                class="code-input"
                required
            />
        </div>
    }
}

/// New password and its confirmation.
#[component]
pub fn NewPasswordFields() -> impl IntoView {
    view! {
        <div class="field">
            <label for="new_password">"Nova senha"</label>
            <input id="new_password" name="new_password" type="password" autocomplete="new-password" minlength="8" maxlength="128" required />
        </div>
        <div class="field">
            <label for="confirmation">"Repita a nova senha"</label>
            <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" minlength="8" maxlength="128" required />
        </div>
    }
}
