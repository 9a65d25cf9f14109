use serde::{Deserialize, Serialize};

/// The registration form as typed, with seed 001's field names. Optional fields are empty
/// strings when not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    /// `0` pessoa física, `1` pessoa jurídica.
    pub legal_personality: String,
    /// Nome (PF) or razão social (PJ).
    pub name1: String,
    /// Sobrenome (PF) or nome fantasia (PJ).
    pub name2: String,
    /// CPF or CNPJ.
    pub document1: String,
    /// RG (PF) or inscrição estadual (PJ).
    pub document2: String,
    /// `YYYY-MM-DD`.
    pub date_of_birth: String,
    /// `m` or `f`.
    pub gender: String,
    pub email: String,
    pub telephone_ddd: String,
    pub telephone_number: String,
    pub password: String,
    /// The page asks the password twice; the API does not.
    pub password_confirmation: Option<String>,
}

impl RegistrationForm {
    /// What may be kept and shown again: everything but the passwords.
    pub fn without_passwords(&self) -> Self {
        Self { password: String::new(), password_confirmation: None, ..self.clone() }
    }

    pub fn is_company(&self) -> bool {
        self.legal_personality.trim() == "1"
    }
}

/// A field of [`RegistrationForm`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationField {
    LegalPersonality,
    Name1,
    Name2,
    Document1,
    Document2,
    DateOfBirth,
    Gender,
    Email,
    TelephoneDdd,
    TelephoneNumber,
    Password,
    PasswordConfirmation,
}

impl RegistrationField {
    /// The seed's name of the field (the API reports errors under it).
    pub fn code(self) -> &'static str {
        match self {
            Self::LegalPersonality => "legal_personality",
            Self::Name1 => "name1",
            Self::Name2 => "name2",
            Self::Document1 => "document1",
            Self::Document2 => "document2",
            Self::DateOfBirth => "date_of_birth",
            Self::Gender => "gender",
            Self::Email => "email",
            Self::TelephoneDdd => "telephone.ddd",
            Self::TelephoneNumber => "telephone.number",
            Self::Password => "password",
            Self::PasswordConfirmation => "password_confirmation",
        }
    }
}

/// One broken rule, as a sentence for the field it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: RegistrationField,
    pub message: String,
}

/// A refused form given back to the page: what was typed (no passwords) and what to fix.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationDraft {
    pub values: RegistrationForm,
    pub errors: Vec<FieldError>,
}

impl RegistrationDraft {
    pub fn error_for(&self, field: RegistrationField) -> Option<String> {
        self.errors.iter().find(|error| error.field == field).map(|error| error.message.clone())
    }
}

/// What the registration page needs before showing the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationStatus {
    /// Staff may close open registration; buyers then get access from the company.
    pub open: bool,
    pub company_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

/// What the "already registered?" check looks at (seed 001 `exists/{type}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExistsKind {
    Email,
    Document,
}

impl ExistsKind {
    /// `email` or `document1`, the seed's `{type}`.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "email" => Some(Self::Email),
            "document1" => Some(Self::Document),
            _ => None,
        }
    }

    pub fn field(self) -> RegistrationField {
        match self {
            Self::Email => RegistrationField::Email,
            Self::Document => RegistrationField::Document1,
        }
    }
}
