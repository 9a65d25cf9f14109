use serde::{Deserialize, Serialize};

/// The 27 federative units.
pub use crate::br::UFS as STATES;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressForm {
    /// `Residencial`, `Comercial`…
    pub label: String,
    pub cep: String,
    pub street: String,
    pub number: String,
    pub complement: String,
    pub district: String,
    pub city: String,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub id: i64,
    pub label: String,
    /// `80000-000`.
    pub cep: String,
    pub street: String,
    pub number: String,
    pub complement: Option<String>,
    pub district: String,
    pub city: String,
    pub state: String,
}

impl Address {
    /// `Rua das Flores, 120, ap. 3 · Centro · Curitiba/PR · 80000-000`.
    pub fn one_line(&self) -> String {
        let complement = self.complement.as_deref().map(|text| format!(", {text}")).unwrap_or_default();
        format!(
            "{}, {}{complement} · {} · {}/{} · {}",
            self.street, self.number, self.district, self.city, self.state, self.cep
        )
    }

    pub fn as_form(&self) -> AddressForm {
        AddressForm {
            label: self.label.clone(),
            cep: self.cep.clone(),
            street: self.street.clone(),
            number: self.number.clone(),
            complement: self.complement.clone().unwrap_or_default(),
            district: self.district.clone(),
            city: self.city.clone(),
            state: self.state.clone(),
        }
    }
}

/// What `/meus-dados` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyData {
    /// `PF` or `PJ`.
    pub kind: String,
    pub name: String,
    pub trade_name: Option<String>,
    /// Formatted CPF or CNPJ.
    pub document: String,
    pub secondary_document: Option<String>,
    /// `dd/mm/aaaa`.
    pub birth_date: Option<String>,
    pub birth_date_iso: Option<String>,
    pub gender: Option<String>,
    pub email: String,
    /// `(41) 99876-5432`.
    pub phone: Option<String>,
    pub phone_verified: bool,
    pub addresses: Vec<Address>,
}

/// The data a buyer may change directly (name and documents come from the contract: staff
/// correct them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonalDataForm {
    /// `YYYY-MM-DD` or empty.
    pub birth_date: String,
    /// `m`, `f` or empty.
    pub gender: String,
    /// RG or inscrição estadual, or empty.
    pub secondary_document: String,
}

/// A refused form given back: what was typed and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressDraft {
    pub values: AddressForm,
    pub error: String,
}

/// A refused personal-data form given back: what was typed and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalDataDraft {
    pub values: PersonalDataForm,
    pub error: String,
}

/// A refused e-mail/mobile change request given back: what was typed and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDraft {
    pub channel: String,
    pub value: String,
    pub error: String,
}
