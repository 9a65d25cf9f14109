use crate::api::auth::Login;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::api::auth::load_login_draft;
use crate::components::forms::{draft_from_query, IdentifierField, PasswordField};
use crate::components::status::Alert;
use crate::error::AppError;
use crate::CurrentUserResource;

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
    let kept_identifier = draft_from_query(query, load_login_draft);
    let login = ServerAction::<Login>::new();
    let next = move || query.read().get("proximo").unwrap_or_else(|| "/meu-imovel".to_string());
    let message = move || {
        let query = query.read();
        if let Some(error) = query.get("erro").as_deref().and_then(AppError::from_code) {
            Some(("error", error.to_string()))
        } else if query.get("saiu").is_some() {
            Some(("info", "Você saiu do portal. Até logo!".to_string()))
        } else if query.get("link-parceiro").is_some() {
            Some((
                "error",
                "Este link de acesso expirou ou já foi usado: cada link vale uma vez, por 5 minutos. \
                 Entre abaixo ou peça um novo link ao serviço que trouxe você."
                    .to_string(),
            ))
        } else {
            None
        }
    };
    // A refused login comes back to this page with `?erro=`: focus starts at the message, so a
    // screen reader reads it and the keyboard starts from it (not from <body>).
    let refused = move || query.read().get("erro").is_some();

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
            <div id="mensagem-entrar" class="focus-target" tabindex="-1" autofocus=refused>
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
                    <PasswordField />
                    <label class="choice">
                        <input type="checkbox" name="remember" value="sim" />
                        "Manter conectado neste aparelho"
                    </label>
                    <button type="submit" class="button button--primary">"Entrar"</button>
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
