use serde::{Deserialize, Serialize};

use crate::br::Phone;
use crate::branding::{BrandColour, SupportPhone};

/// The company form (create and edit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub cnpj: String,
    #[serde(default)]
    pub email: String,
    /// SAC: a landline, a mobile or 0800.
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub whatsapp: String,
    /// `#rrggbb`, or empty for the portal's blue.
    #[serde(default)]
    pub colour: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyRow {
    pub id: i64,
    pub name: String,
    pub cnpj: String,
    pub contact: Vec<String>,
    pub colour: Option<String>,
    pub has_logo: bool,
    /// The portal shows this company's brand.
    pub is_brand: bool,
    pub developments: i64,
}

/// A company's page: its row and the edit form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyDetail {
    pub row: CompanyRow,
    pub form: CompanyForm,
}

/// What the buyer's pages show of the brand company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyBrand {
    pub company_id: i64,
    pub name: String,
    pub colour: Option<BrandColour>,
    pub phone: Option<SupportPhone>,
    pub whatsapp: Option<Phone>,
    pub email: Option<String>,
    /// Storage key and content type of the logo.
    pub logo: Option<(String, String)>,
}

/// The draft name of the company form; the logo upload route writes it too.
pub const COMPANY_DRAFT: &str = "equipe-empresa";
