//! What staff see and send about listing portals (shared with the UI, so no server types).

use serde::{Deserialize, Serialize};

/// The XML a portal reads from its feed address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedFormat {
    /// ZAP Imóveis and VivaReal (Grupo OLX): VRSync.
    VrSync,
    /// Chaves na Mão's own layout.
    ChavesNaMao,
}

impl FeedFormat {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "vrsync" => Some(Self::VrSync),
            "chavesnamao" => Some(Self::ChavesNaMao),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::VrSync => "XML VRSync",
            Self::ChavesNaMao => "XML Chaves na Mão",
        }
    }
}

/// One credential field of seed 004, by its API name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CredentialField {
    User,
    SiteId,
    Password,
    Token,
}

impl CredentialField {
    pub const ALL: [Self; 4] = [Self::User, Self::SiteId, Self::Password, Self::Token];

    pub fn code(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::SiteId => "site_id",
            Self::Password => "password",
            Self::Token => "token",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::User => "Usuário",
            Self::SiteId => "Código do anunciante",
            Self::Password => "Senha",
            Self::Token => "Token de integração",
        }
    }

    /// Secrets are written, never read back.
    pub fn is_secret(self) -> bool {
        matches!(self, Self::Password | Self::Token)
    }
}

/// A portal of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingPortalInfo {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// The credential fields this portal needs.
    pub fields: Vec<CredentialField>,
    pub oauth: bool,
    pub feed_format: Option<FeedFormat>,
    pub is_online: bool,
}

/// A portal as one company has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyPortal {
    pub portal: ListingPortalInfo,
    /// Released for this company (seed 004's "liberado para a loja").
    pub released: bool,
    pub active: bool,
    /// Inactive with every listing withdrawn (`remove_all`), rather than frozen.
    pub withdrawn: bool,
    pub user: String,
    pub site_id: String,
    pub password_set: bool,
    pub token_set: bool,
    /// The feed's unguessable address, once released.
    pub feed_url: Option<String>,
    /// When the feed's content last changed, in Brasília time.
    pub feed_generated_at: Option<String>,
    pub feed_units: i64,
}

impl CompanyPortal {
    /// Some credential was ever saved: an inactive portal then was switched off, rather than
    /// never switched on.
    pub fn configured(&self) -> bool {
        CredentialField::ALL.into_iter().any(|field| self.has_secret(field))
    }

    pub fn has_secret(&self, field: CredentialField) -> bool {
        match field {
            CredentialField::Password => self.password_set,
            CredentialField::Token => self.token_set,
            CredentialField::User => !self.user.is_empty(),
            CredentialField::SiteId => !self.site_id.is_empty(),
        }
    }

    pub fn identifier(&self, field: CredentialField) -> &str {
        match field {
            CredentialField::User => &self.user,
            CredentialField::SiteId => &self.site_id,
            _ => "",
        }
    }
}

/// A unit for sale as the feeds show it, or why it is left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedUnit {
    pub unit_id: i64,
    pub development: String,
    pub label: String,
    pub price: Option<String>,
    /// Empty when the unit is in the feeds; otherwise what keeps it out.
    pub missing: String,
}

/// A partner app with the `listings` scope, and whether it may manage this company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingPartner {
    pub id: i64,
    pub name: String,
    pub allowed: bool,
}

/// One company's listings page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyListings {
    pub company_id: i64,
    pub company_name: String,
    pub portals: Vec<CompanyPortal>,
    pub partners: Vec<ListingPartner>,
    pub units: Vec<ListedUnit>,
    /// The company's listing trail: when, what, detail (never a secret).
    pub events: Vec<(String, String, String)>,
}

/// The credential form of one portal of one company. Secrets left empty keep what is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalCredentialsForm {
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub portal: String,
    /// "1" to publish; anything else deactivates.
    #[serde(default)]
    pub active: String,
    #[serde(default)]
    pub user: String,
    #[serde(default)]
    pub site_id: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub token: String,
    /// On deactivation: "1" withdraws every listing, "0" keeps what was published.
    #[serde(default)]
    pub remove_all: String,
}

/// Limits of what a credential may hold.
pub const MAX_IDENTIFIER_CHARS: usize = 200;
pub const MAX_SECRET_CHARS: usize = 4000;

/// `/equipe/anuncios`: the companies, and the chosen one's listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingsPage {
    pub companies: Vec<(i64, String)>,
    pub current: Option<CompanyListings>,
}

/// Why a connection did not complete; each is a sentence for the admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OAuthFailure {
    #[error("A autorização expirou, já foi usada ou veio de outra sessão. Conecte de novo.")]
    Expired,
    #[error("O portal não autorizou a conexão (recusada na tela do portal).")]
    Denied,
    #[error("O portal não trocou o código por um token. Tente de novo em instantes.")]
    Exchange,
}

impl OAuthFailure {
    pub fn code(self) -> &'static str {
        match self {
            Self::Expired => "expirada",
            Self::Denied => "recusada",
            Self::Exchange => "troca",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Expired, Self::Denied, Self::Exchange].into_iter().find(|failure| failure.code() == code)
    }
}
