use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::api::auth::load_login_draft;
use crate::components::forms::IdentifierField;
use crate::components::status::Alert;
use crate::error::AppError;
use crate::{CurrentUserResource, SessionActions};

/// `/sindico/entrar`: the síndico's login.
#[component]
pub fn SyndicLoginPage() -> impl IntoView {
    view! { <LoginForm syndic=true /> }
}

/// `/entrar`: the buyer's login.
#[component]
pub fn LoginPage() -> impl IntoView {
    view! { <LoginForm syndic=false /> }
}

#[component]
fn LoginForm(syndic: bool) -> impl IntoView {
    let query = use_query_map();
    let user = expect_context::<CurrentUserResource>();
    let kept_identifier = Resource::new(
        move || query.read().get("rascunho"),
        |draft| async move {
            match draft {
                Some(id) => load_login_draft(id).await.ok().flatten(),
                None => None,
            }
        },
    );
    let login = expect_context::<SessionActions>().login;
    let next = move || query.read().get("proximo").unwrap_or_else(|| "/meu-imovel".to_string());
    // A result from an earlier visit to this page must not show again.
    login.value().set(None);
    let message = move || {
        if let Some(Err(error)) = login.value().get() {
            return Some(("error", error.to_string()));
        }
        let query = query.read();
        if let Some(error) = query.get("erro").as_deref().and_then(AppError::from_code) {
            Some(("error", error.to_string()))
        } else if query.get("saiu").is_some() {
            Some(("info", "Você saiu do portal. Até logo!".to_string()))
        } else {
            None
        }
    };

    // With JavaScript the page stays put after a refusal: focus moves to the message, so a
    // screen reader reads it and the keyboard starts from it (not from <body>).
    let message_box = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let (Some(Err(_)), Some(message_box)) = (login.value().get(), message_box.get()) {
            let _ = message_box.focus();
        }
    });

    // The show-password toggle needs JavaScript, so it only appears once the page is hydrated.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let password_visible = RwSignal::new(false);

    view! {
        // Already signed in (as a síndico, for the síndico login): straight on to where the
        // login would have gone.
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let signed_in = matches!(user.await, Ok(Some(user)) if !syndic || user.is_syndic);
                signed_in.then(|| {
                    let target = portal::navigation::safe_redirect_target(&next()).to_string();
                    view! { <Redirect path=target /> }
                })
            })}
        </Suspense>
        <Title text=if syndic { "Entrar como síndico" } else { "Entrar" } />
        <section class="auth-card" aria-labelledby="titulo-entrar">
            <h1 id="titulo-entrar">{if syndic { "Entrar como síndico" } else { "Entrar" }}</h1>
            <p class="lead">
                {if syndic {
                    "Área do condomínio para o síndico do empreendimento."
                } else {
                    "Acompanhe seu imóvel, boletos e documentos."
                }}
            </p>
            <div id="mensagem-entrar" class="focus-target" tabindex="-1" node_ref=message_box>
                {move || message().map(|(tone, text)| view! { <Alert tone message=text /> })}
            </div>
            <ActionForm action=login>
                <div class="form">
                    <input type="hidden" name="next" value=next />
                    {syndic.then(|| view! { <input type="hidden" name="mode" value="sindico" /> })}
                    <Suspense fallback=|| view! { <IdentifierField /> }>
                        {move || Suspend::new(async move {
                            view! { <IdentifierField value=kept_identifier.await.unwrap_or_default() /> }
                        })}
                    </Suspense>
                    <div class="field">
                        <label for="password">"Senha"</label>
                        <div class="password-field">
                            <input
                                id="password"
                                name="password"
                                type=move || if password_visible.get() { "text" } else { "password" }
                                autocomplete="current-password"
                                required
                            />
                            <Show when=move || hydrated.get()>
                                <button
                                    type="button"
                                    class="button button--link"
                                    aria-controls="password"
                                    aria-pressed=move || password_visible.get().to_string()
                                    on:click=move |_| password_visible.update(|visible| *visible = !*visible)
                                >
                                    {move || if password_visible.get() { "Ocultar senha" } else { "Mostrar senha" }}
                                </button>
                            </Show>
                        </div>
                    </div>
                    <label class="choice">
                        <input type="checkbox" name="remember" value="sim" />
                        "Manter conectado neste aparelho"
                    </label>
                    <button type="submit" class="button button--primary" disabled=move || login.pending().get()>
                        {move || if login.pending().get() { "Entrando…" } else { "Entrar" }}
                    </button>
                </div>
            </ActionForm>
            <p class="auth-card__alt">
                <a href=move || format!("/entrar/codigo?proximo={}", leptos_router::location::Url::escape(&next()))>
                    "Entrar com código por e-mail ou SMS"
                </a>
            </p>
            <p class="auth-card__alt">
                <a href="/esqueci-senha">"Esqueci minha senha"</a>
                " · "
                <a href="/primeiro-acesso">"Primeiro acesso"</a>
            </p>
            {(!syndic).then(|| view! {
                <p class="auth-card__alt">"Ainda não tem cadastro? "<a href="/cadastro">"Criar cadastro"</a></p>
            })}
            <p class="auth-card__alt">
                {if syndic {
                    view! { <a href="/entrar">"Sou comprador"</a> }.into_any()
                } else {
                    view! { <a href="/sindico/entrar">"Sou síndico"</a> }.into_any()
                }}
            </p>
        </section>
    }
}
