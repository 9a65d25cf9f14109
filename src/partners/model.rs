//! What the back office shows of partner apps, and the words both sides share.

use serde::{Deserialize, Serialize};

/// What a partner app may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PartnerScope {
    /// Seed 003: login tokens for the people it may sign in.
    RemoteLogin,
    /// Seed 003: create and delete its remote-login profiles.
    RemoteUsers,
    /// Seed 002: exchange pass keys of its funcionalidades customizadas.
    PassKey,
    /// Seed 000: signed assertions of an external origem.
    ExternalLogin,
    /// Seed 004: listing-portal credentials of the companies staff allowed.
    Listings,
    /// Signed, id-only webhooks of the portal's events.
    Webhooks,
}

impl PartnerScope {
    pub const ALL: [PartnerScope; 6] = [
        Self::RemoteLogin,
        Self::RemoteUsers,
        Self::PassKey,
        Self::ExternalLogin,
        Self::Listings,
        Self::Webhooks,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::RemoteLogin => "remote_login",
            Self::RemoteUsers => "remote_users",
            Self::PassKey => "pass_key",
            Self::ExternalLogin => "external_login",
            Self::Listings => "listings",
            Self::Webhooks => "webhooks",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|scope| scope.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::RemoteLogin => "Login remoto das pessoas que ele pode abrir",
            Self::RemoteUsers => "Criar e remover perfis de login remoto",
            Self::PassKey => "Chave de passe das funcionalidades customizadas",
            Self::ExternalLogin => "Login externo com asserção assinada",
            Self::Listings => "Credenciais dos portais de anúncios das empresas liberadas (em Anúncios)",
            Self::Webhooks => {
                "Webhooks assinados dos eventos (só ids: boletos, mensagens, documentos, contratos)"
            }
        }
    }
}

/// Bounds of what an admin may set.
pub const MAX_REQUESTS_PER_MINUTE: i64 = 10_000;
pub const DEFAULT_REQUESTS_PER_MINUTE: i64 = 100;
pub const MAX_GRACE_DAYS: i64 = 7;

/// A partner app in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerRow {
    pub id: i64,
    pub name: String,
    pub contact_email: String,
    pub scopes: Vec<PartnerScope>,
    /// The key's first characters, to tell keys apart (`pdc_3f9a1c`).
    pub key_prefix: String,
    pub active: bool,
    /// `dd/mm/aaaa hh:mm`, or none when the key was never used.
    pub last_used: Option<String>,
}

impl PartnerRow {
    pub fn situation(&self) -> (&'static str, &'static str) {
        if self.active {
            ("Ativo", "success")
        } else {
            ("Revogado", "muted")
        }
    }
}

/// A person a partner may sign in (its remote-login profile).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerPersonRow {
    pub person_id: i64,
    pub name: String,
    /// CPF/CNPJ as printed.
    pub document: String,
    /// `true` while the person has not accepted the partner's request.
    pub pending: bool,
    /// How the profile came to be, in words.
    pub via: String,
    pub since: String,
}

/// What a funcionalidade customizada may send its partner (seed 002's `integracao`): code and
/// label.
pub const PASS_KEY_FIELDS: [(&str, &str); 6] = [
    ("cpf_cnpj", "CPF/CNPJ"),
    ("nome", "Nome"),
    ("email", "E-mail"),
    ("telefone", "Celular"),
    ("contratos", "Contratos"),
    ("unidades", "Unidades"),
];

/// The label of a field code.
pub fn pass_key_field_label(code: &str) -> &str {
    PASS_KEY_FIELDS.iter().find(|(field, _)| *field == code).map_or(code, |(_, label)| label)
}

/// A funcionalidade customizada of a partner (seed 002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureRow {
    pub id: i64,
    pub name: String,
    pub target_url: String,
    /// `chaveFuncionalidade`: not a secret (the partner's key is), shown to staff.
    pub feature_key: String,
    /// 1 sandbox, 2 production.
    pub instance: i64,
    pub fields: Vec<String>,
}

/// The new funcionalidade form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeatureForm {
    pub name: String,
    pub target_url: String,
    pub instance: String,
    pub fields: Vec<String>,
}

/// A funcionalidade a buyer can open: where it leads and what the partner receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyService {
    pub id: i64,
    pub name: String,
    pub partner: String,
    /// The partner's site (`www.exemplo.com.br`).
    pub host: String,
    /// Labels of the fields the partner receives.
    pub fields: Vec<String>,
}

/// An origem of seed 000's external login, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalOriginRow {
    pub id: i64,
    /// The `{origem}` of `/api/v1/autenticacao-externa/{origem}`.
    pub slug: String,
    pub issuer: String,
    pub audience: String,
    /// `EdDSA` or `RS256`.
    pub algorithm: String,
    /// `Chave PEM` or `JWKS (2 chaves)`.
    pub key_kind: String,
}

/// The new origem form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExternalOriginForm {
    pub slug: String,
    pub issuer: String,
    pub audience: String,
    pub algorithm: String,
    pub key_text: String,
}

/// The algorithms an origem may be pinned to: code and label.
pub const EXTERNAL_ALGORITHMS: [(&str, &str); 2] =
    [("EdDSA", "EdDSA (Ed25519)"), ("RS256", "RS256 (RSA com SHA-256)")];

/// A partner app's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerDetail {
    pub row: PartnerRow,
    pub form: PartnerForm,
    /// The previous key while its grace period lasts: its prefix and `dd/mm/aaaa hh:mm` end.
    pub previous_key: Option<(String, String)>,
    pub created_at: String,
    pub people: Vec<PartnerPersonRow>,
    pub features: Vec<FeatureRow>,
    pub external_origins: Vec<ExternalOriginRow>,
    pub webhooks: super::webhook_model::PartnerWebhooks,
    /// The newest uses and changes (`dd/mm/aaaa hh:mm`, what, detail).
    pub events: Vec<(String, String, String)>,
}

/// The partner form as typed: name, contact, scopes, origins (one per line), limit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartnerForm {
    pub name: String,
    pub contact_email: String,
    pub scopes: Vec<String>,
    pub origins: String,
    pub requests_per_minute: String,
}

/// A partner a buyer allowed (or was asked to allow) to open the portal for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPartner {
    pub partner_id: i64,
    pub name: String,
    pub pending: bool,
    pub since: String,
}
