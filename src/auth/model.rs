use serde::{Deserialize, Serialize};

/// The buyer a browser session belongs to, as the UI needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub person_id: i64,
    pub name: String,
    /// First name (or company name) for greetings.
    pub short_name: String,
    /// Signed in through the síndico login (and is síndico of an empreendimento).
    pub is_syndic: bool,
}

impl CurrentUser {
    pub fn new(person_id: i64, name: String) -> Self {
        let short_name = name.split_whitespace().next().unwrap_or_default().to_string();
        Self { person_id, name, short_name, is_syndic: false }
    }
}

/// What a login form sends: e-mail or CPF/CNPJ, and the password.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Credentials {
    pub identifier: String,
    pub password: String,
}

/// One of the buyer's open sessions, as `/conta/sessoes` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sqlx::FromRow))]
pub struct SessionInfo {
    pub id: i64,
    pub kind: String,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// The session of the browser asking (filled by the service).
    #[cfg_attr(feature = "server", sqlx(skip))]
    pub current: bool,
    /// `Chrome 126 no Android 14 (celular)` (filled by the service from the user agent).
    #[cfg_attr(feature = "server", sqlx(skip))]
    pub device: String,
}

/// Why a new password was refused; each is a sentence for the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PasswordRule {
    #[error("A senha deve ter pelo menos 8 caracteres.")]
    TooShort,
    #[error("A senha pode ter no máximo 128 caracteres.")]
    TooLong,
    #[error("A senha não pode ser igual ao seu e-mail, CPF ou CNPJ.")]
    SameAsIdentity,
    #[error("A confirmação não confere com a nova senha.")]
    ConfirmationMismatch,
    #[error("Esta senha está entre as mais usadas em vazamentos de dados. Escolha outra, de preferência uma frase.")]
    Common,
    #[error("Esta senha é fácil de adivinhar (repetições, sequências, datas ou palavras comuns). Use uma frase com algumas palavras.")]
    Weak,
}

/// Length 8 to 128 (counted in characters, so accents count once), and not the person's own
/// e-mail or document. No composition rules: length beats symbols.
pub fn check_new_password(password: &str, identities: &[&str]) -> Result<(), PasswordRule> {
    let length = password.chars().count();
    if length < 8 {
        return Err(PasswordRule::TooShort);
    }
    if length > 128 {
        return Err(PasswordRule::TooLong);
    }
    let lowered = password.trim().to_lowercase();
    let digits: String =
        password.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_uppercase();
    if identities.iter().any(|identity| {
        let identity = identity.trim();
        !identity.is_empty() && (lowered == identity.to_lowercase() || digits == identity.to_uppercase())
    }) {
        return Err(PasswordRule::SameAsIdentity);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_rules() {
        assert_eq!(check_new_password("curta", &[]), Err(PasswordRule::TooShort));
        assert_eq!(check_new_password(&"x".repeat(129), &[]), Err(PasswordRule::TooLong));
        assert!(check_new_password(&"x".repeat(128), &[]).is_ok());
        assert!(check_new_password("açaíçaíç", &[]).is_ok(), "8 characters even if more bytes");
        assert_eq!(
            check_new_password("Ana@Exemplo.com", &["ana@exemplo.com"]),
            Err(PasswordRule::SameAsIdentity)
        );
        assert_eq!(check_new_password("111.444.777-35", &["11144477735"]), Err(PasswordRule::SameAsIdentity));
        assert!(check_new_password("uma frase longa e boa", &["ana@exemplo.com", "11144477735"]).is_ok());
    }
}
