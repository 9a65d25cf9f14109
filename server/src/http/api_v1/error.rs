//! The API's one error shape, `{"erro": {"codigo", "mensagem", "campos"?}}`, with `Retry-After`
//! over a limit, and how each area's error maps to it.

use axum::extract::rejection::JsonRejection;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal::auth::AuthError;
use portal::profile::ProfileError;
use portal::property::PropertyError;
use portal::registration::{FieldError, RegistrationError};
use serde::Serialize;
use utoipa::{IntoResponses, ToSchema};

/// The API's error answer.
pub struct ApiError {
    pub(super) status: StatusCode,
    pub(super) code: &'static str,
    pub(super) message: String,
    pub(super) retry_after: Option<i64>,
    /// For invalid forms: the message of each field, under the seed's field name.
    pub(super) fields: Option<serde_json::Map<String, serde_json::Value>>,
    /// For an e-mail to confirm: the challenge to send back with the code it received.
    /// Boxed: it is rare, and keeps every `Result<_, ApiError>` small.
    pub(super) challenge: Option<Box<(String, i64)>>,
}

/// Toda recusa de `/api/v1`: `{"erro": {"codigo", "mensagem", …}}`.
#[derive(Serialize, ToSchema)]
#[schema(as = Erro)]
pub(super) struct ErrorBody<'a> {
    erro: ErrorDetail<'a>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = ErroDetalhe)]
struct ErrorDetail<'a> {
    /// Código estável para decidir o que fazer (`token_invalido`, `limite_excedido`, `dados_invalidos`…).
    codigo: &'a str,
    /// Frase para mostrar à pessoa.
    mensagem: &'a str,
    /// Em `dados_invalidos`: a mensagem de cada campo recusado, sob o nome do campo.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<std::collections::HashMap<String, String>>)]
    campos: Option<&'a serde_json::Map<String, serde_json::Value>>,
    /// Em `email_nao_confirmado`: o desafio a enviar com o código que foi ao e-mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    desafio: Option<&'a str>,
    /// Quando esse desafio expira (segundos Unix).
    #[serde(skip_serializing_if = "Option::is_none")]
    expira_em: Option<i64>,
}

/// The refusals any `/api/v1` operation may answer.
#[derive(IntoResponses)]
#[allow(dead_code)] // Only its shape is read, by the OpenAPI document.
pub(super) enum Refusals<'a> {
    /// Corpo ou parâmetros malformados (`requisicao_invalida`).
    #[response(status = 400)]
    BadRequest(ErrorBody<'a>),
    /// Acima do limite de requisições (`limite_excedido`); `Retry-After` diz em quantos segundos tentar de novo.
    #[response(status = 429, headers(("Retry-After" = i64, description = "Segundos até tentar de novo")))]
    TooMany(ErrorBody<'a>),
    /// Serviço indisponível por um momento (`indisponivel`).
    #[response(status = 503)]
    Unavailable(ErrorBody<'a>),
}

/// The refusals of an operation that needs the buyer's token, beyond [`Refusals`].
#[derive(IntoResponses)]
#[allow(dead_code)] // Only its shape is read, by the OpenAPI document.
pub(super) enum BuyerRefusals<'a> {
    /// Sem token, ou token inválido, expirado ou encerrado (`token_invalido`).
    #[response(status = 401)]
    Unauthorized(ErrorBody<'a>),
    /// Registro inexistente ou de outra pessoa (`nao_encontrado`): os dois casos nunca se distinguem.
    #[response(status = 404)]
    NotFound(ErrorBody<'a>),
}

impl ApiError {
    pub(super) fn new(status: StatusCode, code: &'static str, message: &str) -> Self {
        Self { status, code, message: message.to_string(), retry_after: None, fields: None, challenge: None }
    }

    /// 400 `requisicao_invalida` with a sentence built for this request.
    pub(super) fn bad_request(message: String) -> Self {
        Self { message, ..Self::new(StatusCode::BAD_REQUEST, "requisicao_invalida", "") }
    }

    pub(super) fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "nao_encontrado", "Registro não encontrado.")
    }

    pub(super) fn unavailable() -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "indisponivel", "Serviço indisponível; tente de novo.")
    }

    pub(super) fn invalid_fields(errors: Vec<FieldError>) -> Self {
        let fields = errors
            .into_iter()
            .map(|error| (error.field.code().to_string(), serde_json::Value::String(error.message)));
        Self {
            fields: Some(fields.collect()),
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "dados_invalidos",
                "Dados inválidos: veja a mensagem de cada campo em \"campos\".",
            )
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            erro: ErrorDetail {
                codigo: self.code,
                mensagem: &self.message,
                campos: self.fields.as_ref(),
                desafio: self.challenge.as_deref().map(|(id, _)| id.as_str()),
                expira_em: self.challenge.as_deref().map(|(_, expires_at)| *expires_at),
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<AuthError> for ApiError {
    fn from(error: AuthError) -> Self {
        match error {
            AuthError::InvalidCredentials => Self::new(
                StatusCode::UNAUTHORIZED,
                "credenciais_invalidas",
                "E-mail, CPF/CNPJ ou senha incorretos.",
            ),
            AuthError::InvalidCode => {
                Self::new(StatusCode::UNAUTHORIZED, "codigo_invalido", "Código inválido ou expirado.")
            }
            AuthError::Unauthenticated | AuthError::InvalidToken => Self::new(
                StatusCode::UNAUTHORIZED,
                "token_invalido",
                "Token ausente, inválido ou expirado: autentique-se de novo.",
            ),
            AuthError::NotSyndic => Self::new(
                StatusCode::FORBIDDEN,
                "nao_sindico",
                "Esta autenticação é exclusiva para síndicos de empreendimento.",
            ),
            AuthError::EmailNotConfirmed(challenge) => Self {
                challenge: Some(Box::new((challenge.id, challenge.expires_at))),
                ..Self::new(
                    StatusCode::FORBIDDEN,
                    "email_nao_confirmado",
                    "Confirme o e-mail do cadastro: enviamos um código para ele. Envie o código com o \
                     \"desafio\" a POST /api/v1/validar-autenticacao.",
                )
            },
            AuthError::RateLimited(retry) => Self {
                retry_after: Some(retry.0),
                ..Self::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "limite_excedido",
                    "Muitas tentativas; aguarde e tente de novo.",
                )
            },
            AuthError::Store(error) => {
                tracing::error!(%error, "store failure in the partner API");
                Self::unavailable()
            }
        }
    }
}

impl From<RegistrationError> for ApiError {
    fn from(error: RegistrationError) -> Self {
        match error {
            RegistrationError::Closed => Self::new(
                StatusCode::FORBIDDEN,
                "cadastro_fechado",
                "O cadastro aberto está desativado pela construtora; o comprador usa o primeiro acesso.",
            ),
            RegistrationError::Invalid(errors) => Self::invalid_fields(errors),
            RegistrationError::RateLimited(retry) => AuthError::RateLimited(retry).into(),
            RegistrationError::Session(auth) => auth.into(),
            RegistrationError::Store(store) => AuthError::Store(store).into(),
            RegistrationError::Password(error) => {
                tracing::error!(%error, "password hashing failed");
                Self::unavailable()
            }
        }
    }
}

impl From<PropertyError> for ApiError {
    fn from(error: PropertyError) -> Self {
        match error {
            PropertyError::NotFound => Self::not_found(),
            PropertyError::Store(error) => AuthError::Store(error).into(),
        }
    }
}

impl From<ProfileError> for ApiError {
    fn from(error: ProfileError) -> Self {
        match error {
            ProfileError::NotFound => Self::not_found(),
            ProfileError::Invalid(reason) => ApiError {
                message: reason,
                ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "dados_invalidos", "")
            },
            ProfileError::AddressTaken => ApiError::new(
                StatusCode::CONFLICT,
                "contato_indisponivel",
                "Não foi possível usar este e-mail no cadastro.",
            ),
            ProfileError::Store(store) => AuthError::Store(store).into(),
        }
    }
}

/// Reads a JSON body, answering a malformed one in the API's error shape.
pub(super) fn body<T>(payload: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    payload.map(|Json(value)| value).map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "corpo_grande_demais",
                "O corpo da requisição passa do tamanho permitido (2 MB).",
            )
        } else {
            ApiError::bad_request(format!("Corpo JSON inválido: {}", rejection.body_text()))
        }
    })
}
