use leptos::prelude::*;
use portal::auth::CurrentUser;

use crate::error::AppError;

/// Signs in with e-mail or CPF/CNPJ and password, then sends the browser to `next` (a path on
/// this site only). `mode = "sindico"` is the síndico login. Without JavaScript, a failure
/// comes back to the form's page with `?erro=…`.
#[server(endpoint = "entrar")]
pub async fn login(
    identifier: String,
    password: String,
    next: String,
    mode: Option<String>,
    remember: Option<String>,
) -> Result<(), AppError> {
    use super::session::*;
    use leptos_router::location::Url;
    use portal::auth::SessionKind;
    use portal::navigation::safe_redirect_target;

    let context = server_context()?;
    let parts = request_parts()?;
    let origin = crate::context::request_origin(&parts);
    let previous = session_token(&parts, &context);
    let target = safe_redirect_target(&next).to_string();
    let syndic = mode.as_deref() == Some("sindico");
    let kind = if remember.is_some() { SessionKind::RememberedBrowser } else { SessionKind::Browser };
    let result = if syndic {
        context.portal.login_syndic(&identifier, &password, previous.as_deref(), &origin, kind).await
    } else {
        context.portal.login(&identifier, &password, previous.as_deref(), &origin, kind).await
    };
    match result {
        Ok(session) => {
            set_session_cookie(&context, session);
            leptos_axum::redirect(&target);
            Ok(())
        }
        Err(portal::auth::AuthError::EmailNotConfirmed(challenge)) => {
            leptos_axum::redirect(&email_confirmation_page(&challenge.id, &target));
            Ok(())
        }
        Err(error) => {
            // Without JavaScript the page is loaded again: the identifier typed comes back from
            // a draft (never in the URL, never the password).
            let draft = if is_plain_form_post(&parts) {
                match context.portal.keep_draft(LOGIN_DRAFT, &draft_keeper(&context), &identifier).await {
                    Ok(id) => format!("&rascunho={id}"),
                    // The refusal still has to reach the buyer; only the typed value is lost.
                    Err(error) => {
                        tracing::warn!(%error, "login draft not kept");
                        String::new()
                    }
                }
            } else {
                String::new()
            };
            Err(fail_form(error, &parts, |error| {
                let page = if syndic { "/sindico/entrar" } else { "/entrar" };
                format!("{page}?erro={}&proximo={}{draft}", error.code(), Url::escape(&target))
            }))
        }
    }
}

/// The draft form name of a refused login: the identifier typed.
#[cfg(feature = "ssr")]
const LOGIN_DRAFT: &str = "entrar";

/// The identifier typed in a refused login, while its draft lasts and only for the browser
/// that sent it; `None` otherwise.
#[server(endpoint = "entrar-rascunho")]
pub async fn load_login_draft(id: String) -> Result<Option<String>, AppError> {
    let context = super::session::server_context()?;
    let owner = super::session::draft_reader(&context);
    context.portal.draft(LOGIN_DRAFT, &id, owner.as_deref()).await.map_err(super::session::reject)
}

/// The code page for an e-mail to confirm (a new registration): the code signs in, then `next`.
#[cfg(feature = "ssr")]
pub(crate) fn email_confirmation_page(challenge: &str, next: &str) -> String {
    format!(
        "/entrar/codigo/confirmar?desafio={challenge}&canal=email&motivo=cadastro&proximo={}",
        leptos_router::location::Url::escape(next)
    )
}

/// Ends the session server-side and clears the cookie.
#[server(endpoint = "sair")]
pub async fn logout() -> Result<(), AppError> {
    use super::session::*;

    let context = server_context()?;
    let parts = request_parts()?;
    if let Some(token) = session_token(&parts, &context) {
        context.portal.logout(&token, &crate::context::request_origin(&parts)).await?;
    }
    clear_session_cookie(&context);
    leptos_axum::redirect("/entrar?saiu=1");
    Ok(())
}

/// The signed-in buyer, or `None`.
#[server(endpoint = "sessao")]
pub async fn session_user() -> Result<Option<CurrentUser>, AppError> {
    super::session::signed_in_user().await
}

/// Sends a sign-in code and moves to the code page. The answer is the same whether or not the
/// account exists (the page says "se houver um cadastro…").
#[server(endpoint = "entrar-codigo")]
pub async fn request_code(identifier: String, channel: String, next: String) -> Result<(), AppError> {
    use super::session::*;
    use leptos_router::location::Url;
    use portal::navigation::safe_redirect_target;
    use portal::notifications::Channel;

    let context = server_context()?;
    let parts = request_parts()?;
    let target = safe_redirect_target(&next).to_string();
    let channel = Channel::from_code(&channel).unwrap_or(Channel::Email);
    let origin = crate::context::request_origin(&parts);
    match context.portal.request_login_code(&identifier, channel, &origin).await {
        Ok(challenge) => {
            leptos_axum::redirect(&format!(
                "/entrar/codigo/confirmar?desafio={}&canal={}&proximo={}",
                challenge.id,
                channel.code(),
                Url::escape(&target)
            ));
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| {
            format!("/entrar/codigo?erro={}&proximo={}", error.code(), Url::escape(&target))
        })),
    }
}

/// Signs in with the code sent by [`request_code`].
#[server(endpoint = "entrar-codigo-confirmar")]
pub async fn confirm_code(
    challenge: String,
    code: String,
    channel: String,
    next: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use super::session::*;
    use leptos_router::location::Url;
    use portal::auth::SessionKind;
    use portal::navigation::safe_redirect_target;

    let context = server_context()?;
    let parts = request_parts()?;
    let target = safe_redirect_target(&next).to_string();
    let origin = crate::context::request_origin(&parts);
    let previous = session_token(&parts, &context);
    match context
        .portal
        .login_with_code(&challenge, &code, previous.as_deref(), &origin, SessionKind::Browser)
        .await
    {
        Ok(session) => {
            set_session_cookie(&context, session);
            leptos_axum::redirect(&target);
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| {
            let registering = if reason.as_deref() == Some("cadastro") { "&motivo=cadastro" } else { "" };
            format!(
                "/entrar/codigo/confirmar?desafio={}&canal={}&erro={}&proximo={}{registering}",
                Url::escape(&challenge),
                Url::escape(&channel),
                error.code(),
                Url::escape(&target)
            )
        })),
    }
}

#[cfg(feature = "ssr")]
fn purpose_of(purpose: &str) -> (portal::auth::codes::CodePurpose, &'static str) {
    use portal::auth::codes::CodePurpose;
    if purpose == "primeiro-acesso" {
        (CodePurpose::FirstAccess, "/primeiro-acesso")
    } else {
        (CodePurpose::PasswordReset, "/esqueci-senha")
    }
}

/// Sends the code to create a password (`purpose`: `esqueci-senha` or `primeiro-acesso`).
#[server(endpoint = "senha-codigo")]
pub async fn request_password_code(
    identifier: String,
    channel: String,
    purpose: String,
) -> Result<(), AppError> {
    use super::session::*;
    use portal::notifications::Channel;

    let context = server_context()?;
    let parts = request_parts()?;
    let (purpose_kind, page) = purpose_of(&purpose);
    let next_page = if page == "/primeiro-acesso" { "criar-senha" } else { "nova-senha" };
    let channel = Channel::from_code(&channel).unwrap_or(Channel::Email);
    let origin = crate::context::request_origin(&parts);
    match context.portal.request_password_code(&identifier, channel, purpose_kind, &origin).await {
        Ok(challenge) => {
            leptos_axum::redirect(&format!(
                "{page}/{next_page}?desafio={}&canal={}",
                challenge.id,
                channel.code()
            ));
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| format!("{page}?erro={}", error.code()))),
    }
}

/// Creates the new password with the code and opens a session.
#[server(endpoint = "senha-definir")]
pub async fn set_password_with_code(
    challenge: String,
    code: String,
    channel: String,
    purpose: String,
    new_password: String,
    confirmation: String,
) -> Result<(), AppError> {
    use super::session::*;
    use leptos_router::location::Url;
    use portal::auth::SessionKind;

    let context = server_context()?;
    let parts = request_parts()?;
    let (purpose_kind, page) = purpose_of(&purpose);
    let origin = crate::context::request_origin(&parts);
    match context
        .portal
        .set_password_with_code(
            &challenge,
            &code,
            purpose_kind,
            &new_password,
            &confirmation,
            &origin,
            SessionKind::Browser,
        )
        .await
    {
        Ok(session) => {
            set_session_cookie(&context, session);
            // Meu Imóvel says which it was: a first password or a new one.
            let done = if page == "/primeiro-acesso" { "criada" } else { "alterada" };
            leptos_axum::redirect(&format!("/meu-imovel?senha={done}"));
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| {
            let next_page = if page == "/primeiro-acesso" { "criar-senha" } else { "nova-senha" };
            format!(
                "{page}/{next_page}?desafio={}&canal={}&erro={}",
                Url::escape(&challenge),
                Url::escape(&channel),
                error.code()
            )
        })),
    }
}
