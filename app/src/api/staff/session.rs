//! The staff session of a server function: read once per request from the staff cookie.

use portal::staff::CurrentStaff;

use crate::api::session::{reject, request_parts, server_context};
use crate::context::ServerContext;
use crate::error::AppError;

/// The signed-in staff user, if any. Read once per request.
pub async fn signed_in_staff() -> Result<Option<CurrentStaff>, AppError> {
    match leptos::prelude::use_context::<crate::context::RequestStaff>() {
        Some(staff) => staff.0.get_or_try_init(look_up_staff).await.cloned(),
        None => look_up_staff().await,
    }
}

async fn look_up_staff() -> Result<Option<CurrentStaff>, AppError> {
    let context = server_context()?;
    let parts = request_parts()?;
    let Some(token) = context.session_cookie.staff_token(&parts.headers) else {
        return Ok(None);
    };
    let origin = crate::context::request_origin(&parts);
    match context.portal.authenticate_staff(&token, &origin).await {
        Ok(staff) => Ok(Some(staff)),
        Err(portal::staff::StaffError::Unauthenticated) => Ok(None),
        Err(other) => Err(reject(other)),
    }
}

/// The signed-in staff user and the server's services: how every staff server function starts.
/// Not signed in as staff is 401, whatever buyer session the browser may also have.
pub async fn staff_and_context() -> Result<(CurrentStaff, ServerContext), AppError> {
    let staff = signed_in_staff().await?.ok_or_else(|| reject(AppError::Unauthenticated))?;
    Ok((staff, server_context()?))
}
