//! The one error type server functions return: every variant is a pt-BR sentence for the user,
//! never an internal message.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use portal::auth::PasswordRule;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Does not say whether the account or the password was wrong.
    #[error("E-mail, CPF/CNPJ ou senha incorretos. Confira e tente novamente.")]
    InvalidCredentials,
    #[error("Sua sessão terminou. Entre novamente para continuar.")]
    Unauthenticated,
    /// The staff sign-in: never says whether the e-mail or the password was wrong.
    #[error("E-mail ou senha incorretos, ou acesso desativado. Confira e tente novamente.")]
    InvalidStaffCredentials,
    /// A staff page or action the staff user's role does not include.
    #[error("Seu perfil na equipe não permite esta ação. Peça a um administrador, se precisar.")]
    Forbidden,
    #[error("Confirme seu e-mail para entrar: enviamos um código de 6 dígitos para ele.")]
    EmailNotConfirmed,
    /// Wrong, expired, already used or burnt: never says which.
    #[error("Código inválido ou expirado. Confira os 6 dígitos ou peça um novo código.")]
    InvalidCode,
    #[error("Esta entrada é exclusiva para síndicos. Compradores entram pela página Entrar.")]
    NotSyndic,
    #[error("A senha atual não confere.")]
    WrongCurrentPassword,
    #[error("{0}")]
    Password(portal::auth::PasswordRule),
    /// Seconds until the limit resets.
    #[error("Muitas tentativas seguidas. Por segurança, tente de novo em {}.", wait_text(*.0))]
    TooManyAttempts(i64),
    #[error("Não encontramos o que você procurava.")]
    NotFound,
    #[error("O cadastro pelo site está desativado pela construtora.")]
    RegistrationClosed,
    #[error("Confira os campos destacados no formulário.")]
    InvalidForm,
    #[error(
        "Não foi possível usar este e-mail no seu cadastro. Use outro endereço ou fale com a construtora."
    )]
    ContactUnavailable,
    /// Arguments a page of the portal would never send (a malformed id, a missing field).
    #[error(
        "O pedido chegou incompleto ou com dados inválidos. Volte à página, recarregue-a e tente de novo."
    )]
    BadRequest,
    #[error("O envio passou do tamanho permitido. Envie menos texto ou arquivos menores.")]
    TooLarge,
    #[error("O portal não conseguiu concluir agora. Tente novamente em instantes.")]
    Unavailable,
    #[error("Não foi possível falar com o portal. Verifique sua conexão e tente novamente.")]
    Communication,
}

/// `540` → `9 minutos`; `40` → `1 minuto`.
fn wait_text(seconds: i64) -> String {
    let minutes = ((seconds + 59) / 60).max(1);
    if minutes == 1 {
        "1 minuto".to_string()
    } else {
        format!("{minutes} minutos")
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// In the browser: the portal could not be reached or answered garbage. On the server: the
    /// request could not be read as the function's arguments, which is the sender's fault (4xx).
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        {
            let error = match value {
                ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => Self::BadRequest,
                ServerFnErrorErr::Deserialization(text) if text.contains("length limit") => Self::TooLarge,
                ServerFnErrorErr::Deserialization(_) => Self::BadRequest,
                other => {
                    tracing::warn!(error = %other, "server function failed before it ran");
                    Self::Communication
                }
            };
            crate::api::session::reject(error)
        }
        #[cfg(not(feature = "ssr"))]
        {
            let _ = value;
            Self::Communication
        }
    }
}

impl AppError {
    /// The short code used in `?erro=` when a form without JavaScript is sent back.
    pub fn code(&self) -> String {
        match self {
            Self::InvalidCredentials => "credenciais".into(),
            Self::Unauthenticated => "sessao".into(),
            Self::InvalidStaffCredentials => "credenciais-equipe".into(),
            Self::Forbidden => "sem-permissao".into(),
            Self::EmailNotConfirmed => "email-nao-confirmado".into(),
            Self::InvalidCode => "codigo".into(),
            Self::WrongCurrentPassword => "senha-atual".into(),
            Self::NotSyndic => "sindico".into(),
            Self::Password(rule) => format!("senha-{rule:?}").to_lowercase(),
            Self::TooManyAttempts(seconds) => format!("limite-{seconds}"),
            Self::NotFound => "nao-encontrado".into(),
            Self::RegistrationClosed => "cadastro-fechado".into(),
            Self::InvalidForm => "dados-invalidos".into(),
            Self::ContactUnavailable => "contato-indisponivel".into(),
            Self::BadRequest => "pedido-invalido".into(),
            Self::TooLarge => "muito-grande".into(),
            Self::Unavailable => "indisponivel".into(),
            Self::Communication => "conexao".into(),
        }
    }

    /// The HTTP status a server function answers with when it fails this way.
    pub fn status(&self) -> u16 {
        match self {
            Self::InvalidCredentials | Self::Unauthenticated | Self::InvalidCode => 401,
            Self::InvalidStaffCredentials => 401,
            Self::Forbidden => 403,
            Self::WrongCurrentPassword | Self::Password(_) | Self::InvalidForm => 422,
            Self::NotSyndic | Self::RegistrationClosed | Self::EmailNotConfirmed => 403,
            Self::TooManyAttempts(_) => 429,
            Self::NotFound => 404,
            Self::ContactUnavailable => 409,
            Self::Unavailable => 503,
            Self::Communication | Self::BadRequest => 400,
            Self::TooLarge => 413,
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        if let Some(seconds) = code.strip_prefix("limite-") {
            return seconds.parse().ok().map(Self::TooManyAttempts);
        }
        [
            Self::InvalidCredentials,
            Self::Unauthenticated,
            Self::InvalidStaffCredentials,
            Self::Forbidden,
            Self::EmailNotConfirmed,
            Self::InvalidCode,
            Self::WrongCurrentPassword,
            Self::NotSyndic,
            Self::Password(PasswordRule::TooShort),
            Self::Password(PasswordRule::TooLong),
            Self::Password(PasswordRule::SameAsIdentity),
            Self::Password(PasswordRule::ConfirmationMismatch),
            Self::Password(PasswordRule::Common),
            Self::Password(PasswordRule::Weak),
            Self::NotFound,
            Self::RegistrationClosed,
            Self::InvalidForm,
            Self::ContactUnavailable,
            Self::BadRequest,
            Self::TooLarge,
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
                AuthError::Unauthenticated | AuthError::InvalidToken => Self::Unauthenticated,
                AuthError::InvalidCode => Self::InvalidCode,
                AuthError::NotSyndic => Self::NotSyndic,
                AuthError::EmailNotConfirmed(_) => Self::EmailNotConfirmed,
                AuthError::RateLimited(retry) => Self::TooManyAttempts(retry.0),
                AuthError::Store(store) => {
                    tracing::error!(error = %store, "auth store failure");
                    Self::Unavailable
                }
            }
        }
    }

    impl From<portal::auth::account::PasswordChangeError> for AppError {
        fn from(error: portal::auth::account::PasswordChangeError) -> Self {
            use portal::auth::account::PasswordChangeError;
            match error {
                PasswordChangeError::WrongCurrentPassword => Self::WrongCurrentPassword,
                PasswordChangeError::Rule(rule) => Self::Password(rule),
                PasswordChangeError::Auth(auth) => auth.into(),
            }
        }
    }

    impl From<portal::registration::RegistrationError> for AppError {
        fn from(error: portal::registration::RegistrationError) -> Self {
            use portal::registration::RegistrationError;
            match error {
                RegistrationError::Closed => Self::RegistrationClosed,
                RegistrationError::Invalid(_) => Self::InvalidForm,
                RegistrationError::RateLimited(retry) => Self::TooManyAttempts(retry.0),
                RegistrationError::Session(auth) => auth.into(),
                RegistrationError::Store(store) => store.into(),
                RegistrationError::Password(error) => {
                    tracing::error!(%error, "password hashing failed");
                    Self::Unavailable
                }
            }
        }
    }

    impl From<portal::store::StoreError> for AppError {
        fn from(error: portal::store::StoreError) -> Self {
            tracing::error!(%error, "store failure");
            Self::Unavailable
        }
    }

    impl From<portal::messages::MessageError> for AppError {
        fn from(error: portal::messages::MessageError) -> Self {
            use portal::messages::MessageError;
            match error {
                MessageError::NotFound => Self::NotFound,
                MessageError::Invalid(_) => Self::InvalidForm,
                MessageError::Store(store) => store.into(),
                MessageError::Storage(error) => {
                    tracing::error!(%error, "file storage failure");
                    Self::Unavailable
                }
            }
        }
    }

    impl From<portal::profile::ProfileError> for AppError {
        fn from(error: portal::profile::ProfileError) -> Self {
            use portal::profile::ProfileError;
            match error {
                ProfileError::NotFound => Self::NotFound,
                ProfileError::Invalid(_) => Self::InvalidForm,
                ProfileError::AddressTaken => Self::ContactUnavailable,
                ProfileError::Store(store) => store.into(),
            }
        }
    }

    impl From<portal::staff::StaffError> for AppError {
        fn from(error: portal::staff::StaffError) -> Self {
            use portal::staff::StaffError;
            match error {
                StaffError::InvalidCredentials => Self::InvalidStaffCredentials,
                StaffError::Unauthenticated => Self::Unauthenticated,
                StaffError::Forbidden => Self::Forbidden,
                StaffError::NotFound => Self::NotFound,
                StaffError::Invalid(_) | StaffError::Fields(_) => Self::InvalidForm,
                StaffError::Password(rule) => Self::Password(rule),
                StaffError::InvalidCode => Self::InvalidCode,
                StaffError::RateLimited(retry) => Self::TooManyAttempts(retry.0),
                StaffError::Store(store) => store.into(),
                StaffError::Hashing | StaffError::Storage(_) => {
                    tracing::error!(%error, "staff action failed");
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

#[cfg(test)]
mod tests {
    use super::AppError;
    use portal::auth::PasswordRule;

    #[test]
    fn codes_round_trip_and_waits_read_well() {
        for error in [
            AppError::InvalidCredentials,
            AppError::InvalidCode,
            AppError::TooManyAttempts(540),
            AppError::Password(PasswordRule::SameAsIdentity),
        ] {
            assert_eq!(AppError::from_code(&error.code()), Some(error));
        }
        assert!(AppError::TooManyAttempts(540).to_string().ends_with("em 9 minutos."));
        assert!(AppError::TooManyAttempts(20).to_string().ends_with("em 1 minuto."));
        assert_eq!(AppError::from_code("limite-x"), None);
    }
}
