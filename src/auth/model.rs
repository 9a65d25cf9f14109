use serde::{Deserialize, Serialize};

/// The buyer a browser session belongs to, as the UI needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub person_id: i64,
    pub name: String,
    /// First name (or company name) for greetings.
    pub short_name: String,
}

impl CurrentUser {
    pub fn new(person_id: i64, name: String) -> Self {
        let short_name = name.split_whitespace().next().unwrap_or_default().to_string();
        Self { person_id, name, short_name }
    }
}

/// What a login form sends: e-mail or CPF/CNPJ, and the password.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Credentials {
    pub identifier: String,
    pub password: String,
}
