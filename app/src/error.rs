//! The one error type server functions return: every variant is a pt-BR sentence for the user,
//! never an internal message.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Does not say whether the account or the password was wrong.
    #[error("E-mail, CPF/CNPJ ou senha incorretos. Confira e tente novamente.")]
    InvalidCredentials,
    #[error("Sua sessão terminou. Entre novamente para continuar.")]
    Unauthenticated,
    #[error("Não encontramos o que você procurava.")]
    NotFound,
    #[error("O portal não conseguiu concluir agora. Tente novamente em instantes.")]
    Unavailable,
    #[error("Não foi possível falar com o portal. Verifique sua conexão e tente novamente.")]
    Communication,
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(_value: ServerFnErrorErr) -> Self {
        Self::Communication
    }
}

impl AppError {
    /// The short code used in `?erro=` when a form without JavaScript is sent back.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidCredentials => "credenciais",
            Self::Unauthenticated => "sessao",
            Self::NotFound => "nao-encontrado",
            Self::Unavailable => "indisponivel",
            Self::Communication => "conexao",
        }
    }

    /// The HTTP status a server function answers with when it fails this way.
    pub fn status(&self) -> u16 {
        match self {
            Self::InvalidCredentials | Self::Unauthenticated => 401,
            Self::NotFound => 404,
            Self::Unavailable => 503,
            Self::Communication => 400,
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::InvalidCredentials,
            Self::Unauthenticated,
            Self::NotFound,
            Self::Unavailable,
            Self::Communication,
        ]
        .into_iter()
        .find(|error| error.code() == code)
    }
}

#[cfg(feature = "ssr")]
mod from_domain {
    use super::AppError;
    use portal::auth::AuthError;
    use portal::property::PropertyError;

    impl From<AuthError> for AppError {
        fn from(error: AuthError) -> Self {
            match error {
                AuthError::InvalidCredentials => Self::InvalidCredentials,
                AuthError::Unauthenticated => Self::Unauthenticated,
                AuthError::Store(store) => {
                    tracing::error!(error = %store, "auth store failure");
                    Self::Unavailable
                }
            }
        }
    }

    impl From<PropertyError> for AppError {
        fn from(error: PropertyError) -> Self {
            match error {
                PropertyError::NotFound => Self::NotFound,
                PropertyError::Store(store) => {
                    tracing::error!(error = %store, "property store failure");
                    Self::Unavailable
                }
            }
        }
    }
}
