//! What every handler reads from a request: the caller behind the bearer token, the client's
//! address, record ids from the path, and list pages.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Query};
use axum::http::header::{AUTHORIZATION, USER_AGENT};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use portal::auth::{AuthError, CurrentUser, RequestOrigin};
use portal::paging::{PageOf, PageRequest};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{IntoParams, ToSchema};

use super::error::ApiError;
use crate::http::AppState;

/// The caller's address and user agent, for sessions, rate limits and the audit trail.
pub(super) struct ClientOrigin(pub RequestOrigin);

impl<S: Send + Sync> FromRequestParts<S> for ClientOrigin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(address)| address.ip().to_string());
        let user_agent = parts
            .headers
            .get(USER_AGENT)
            .and_then(|value| value.to_str().ok())
            .map(|agent| agent.chars().take(300).collect());
        Ok(Self(RequestOrigin { ip, user_agent }))
    }
}

/// The token of `Authorization: Bearer …`.
pub(super) fn bearer(headers: &HeaderMap) -> Result<&str, ApiError> {
    headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(|| AuthError::InvalidToken.into())
}

/// The buyer behind the bearer token, checked before any body is read.
pub(super) struct Caller(pub CurrentUser);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let user = state.portal.authenticate_api_token(bearer(&parts.headers)?).await?;
        Ok(Self(user))
    }
}

/// A record id from the path; anything that is not one is a record that does not exist.
pub(super) fn record_id(id: &str) -> Result<i64, ApiError> {
    id.parse().map_err(|_| ApiError::not_found())
}

/// `Query<T>` whose refusal (a page that is not a number, say) is the API's error shape.
pub(super) struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Self(value)),
            Err(rejection) => {
                Err(ApiError::bad_request(format!("Parâmetros inválidos na URL: {}", rejection.body_text())))
            }
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct PageQuery {
    /// A página, a partir de 1.
    #[param(minimum = 1)]
    pub pagina: Option<u64>,
    /// Itens por página, até 100 (50 se ausente).
    #[param(minimum = 1, maximum = 100)]
    pub por_pagina: Option<u64>,
}

impl PageQuery {
    /// `pagina` (from 1) and `por_pagina` (50 by default, at most 100).
    pub fn page(&self) -> PageRequest {
        PageRequest::new(self.pagina, self.por_pagina)
    }
}

/// An item of a paged list, and the name its list goes under in the answer.
pub(super) trait Listed {
    const LIST: &'static str;
}

/// A page of a list, serialised with the list under its own name (`boletos`, `fotos`…):
/// `{"<list>": [...], "pagina", "por_pagina", "total"}`.
pub(super) struct Paged<T> {
    items: Vec<T>,
    page: u64,
    size: u32,
    total: i64,
}

impl<T> Paged<T> {
    pub fn new(request: PageRequest, page: PageOf<T>) -> Self {
        Self { items: page.items, page: request.number(), size: request.size(), total: page.total }
    }
}

impl<T: Serialize + Listed> Serialize for Paged<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry(T::LIST, &self.items)?;
        map.serialize_entry("pagina", &self.page)?;
        map.serialize_entry("por_pagina", &self.size)?;
        map.serialize_entry("total", &self.total)?;
        map.end()
    }
}

// utoipa asks a generic answer type for its schema through this trait (`PartialSchema` follows).
impl<T: ToSchema + Listed> utoipa::__dev::ComposeSchema for Paged<T> {
    fn compose(_generics: Vec<RefOr<Schema>>) -> RefOr<Schema> {
        let integer = |description: &str| {
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                .description(Some(description))
                .build()
        };
        ObjectBuilder::new()
            .property(T::LIST, ArrayBuilder::new().items(Ref::from_schema_name(T::name())))
            .property("pagina", integer("Esta página, a partir de 1."))
            .property("por_pagina", integer("Itens por página (até 100)."))
            .property("total", integer("Itens em todas as páginas."))
            .required(T::LIST)
            .required("pagina")
            .required("por_pagina")
            .required("total")
            .into()
    }
}

impl<T: ToSchema + Listed> ToSchema for Paged<T> {
    fn name() -> std::borrow::Cow<'static, str> {
        format!("Pagina_{}", T::LIST).into()
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((T::name().into(), T::schema()));
        T::schemas(schemas);
    }
}
