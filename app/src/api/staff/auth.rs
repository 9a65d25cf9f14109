use leptos::prelude::*;
use portal::staff::CurrentStaff;

use crate::error::AppError;

/// Staff sign-in with e-mail and password, then on to `next` (a path inside `/equipe`). A
/// refused sign-in comes back to `/equipe/entrar` with the reason (never what was typed).
#[server(endpoint = "equipe/entrar")]
pub async fn staff_login(email: String, password: String, next: String) -> Result<(), AppError> {
    use crate::api::session::{fail_form, request_parts, server_context};
    use leptos_router::location::Url;

    let context = server_context()?;
    let parts = request_parts()?;
    let origin = crate::context::request_origin(&parts);
    let previous = context.session_cookie.staff_token(&parts.headers);
    let target = staff_target(&next);
    match context.portal.staff_login(&email, &password, previous.as_deref(), &origin).await {
        Ok(session) => {
            set_staff_cookie(&context, session.token);
            leptos_axum::redirect(&target);
            Ok(())
        }
        Err(error) => Err(fail_form(error, &parts, |error| {
            format!("/equipe/entrar?erro={}&proximo={}", error.code(), Url::escape(&target))
        })),
    }
}

/// Where a staff sign-in may lead: a path inside `/equipe` on this site, else the dashboard.
pub fn staff_target(next: &str) -> String {
    let safe = portal::navigation::safe_redirect_target(next);
    if safe == "/equipe" || safe.starts_with("/equipe/") || safe.starts_with("/equipe?") {
        safe.to_string()
    } else {
        "/equipe".to_string()
    }
}

/// Sets the staff session cookie on this response.
#[cfg(feature = "ssr")]
pub(crate) fn set_staff_cookie(context: &crate::context::ServerContext, token: String) {
    append_set_cookie(context.session_cookie.set_staff(token));
}

#[cfg(feature = "ssr")]
fn append_set_cookie(header: Option<axum::http::HeaderValue>) {
    if let (Some(response), Some(header)) = (use_context::<leptos_axum::ResponseOptions>(), header) {
        response.append_header(axum::http::header::SET_COOKIE, header);
    }
}

/// Ends the staff session server-side and clears its cookie.
#[server(endpoint = "equipe/sair")]
pub async fn staff_logout() -> Result<(), AppError> {
    use crate::api::session::{request_parts, server_context};

    let context = server_context()?;
    let parts = request_parts()?;
    if let Some(token) = context.session_cookie.staff_token(&parts.headers) {
        context.portal.staff_logout(&token, &crate::context::request_origin(&parts)).await?;
    }
    append_set_cookie(context.session_cookie.staff_removal());
    leptos_axum::redirect("/equipe/entrar?saiu=1");
    Ok(())
}

/// The signed-in staff user, or `None`.
#[server(endpoint = "equipe/sessao")]
pub async fn staff_session() -> Result<Option<CurrentStaff>, AppError> {
    super::session::signed_in_staff().await
}

#[cfg(test)]
mod tests {
    use super::staff_target;

    #[test]
    fn sign_in_leads_only_inside_the_back_office() {
        assert_eq!(
            staff_target("/equipe/mensagens?situacao=aguardando"),
            "/equipe/mensagens?situacao=aguardando"
        );
        assert_eq!(staff_target("/meu-imovel"), "/equipe");
        assert_eq!(staff_target("//evil.example/equipe"), "/equipe");
        assert_eq!(staff_target("/equipe-falsa"), "/equipe");
    }
}
