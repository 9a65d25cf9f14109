//! Seed 004's use cases: the portals released for a company with their credential status, and
//! updating one portal's credentials. Callers are admins (any company) or partners with the
//! `listings` scope (only the companies staff allowed).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::model::{CredentialField, MAX_IDENTIFIER_CHARS, MAX_SECRET_CHARS};
use super::store::{CredentialsUpdate, PortalRecord};
use crate::audit::Actor;
use crate::partners::PartnerApp;
use crate::staff::{CurrentStaff, Permission};
use crate::store::StoreError;
use crate::Portal;

/// Who calls seed 004.
#[derive(Debug, Clone)]
pub enum ListingCaller {
    Staff(CurrentStaff),
    Partner(PartnerApp),
}

impl ListingCaller {
    fn actor(&self) -> Actor {
        match self {
            Self::Staff(staff) => staff.actor(),
            Self::Partner(partner) => Actor::Partner(partner.id),
        }
    }
}

/// Seed 004's refusals; the server gives each the seed's status and body.
#[derive(Debug, thiserror::Error)]
pub enum ListingError {
    /// No company id, or one that is not a company.
    #[error("missing dealer")]
    MissingDealer,
    /// A company the caller may not manage.
    #[error("forbidden")]
    Forbidden,
    #[error("portal not found")]
    PortalNotFound,
    #[error("portal not released for the company")]
    PortalNotReleased,
    /// Facebook, Instagram, Mercado Livre and OLX connect through their own OAuth flow.
    #[error("{0} connects through OAuth")]
    OAuthOnly(String),
    /// Field errors, as Django REST Framework words them.
    #[error("invalid fields")]
    Invalid(BTreeMap<String, Vec<String>>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One portal in seed 004's listing. Secrets are never returned: `password` and `token` are
/// always empty, and `password_set` / `token_set` say whether one is stored (beyond the seed).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PortalAuthEntry {
    pub portal_id: i64,
    pub logo: String,
    pub auth_key_id: bool,
    pub auth_key_password: bool,
    pub auth_key_token: bool,
    pub auth_key_user: bool,
    pub user: String,
    pub site_id: String,
    pub password: String,
    pub active: bool,
    pub token: String,
    pub name: String,
    pub is_online: bool,
    pub password_set: bool,
    pub token_set: bool,
}

/// A valid update: identifiers to set (`None` keeps), secrets to seal (`None` keeps).
#[derive(Debug, Default)]
pub(crate) struct CredentialChange {
    pub active: bool,
    pub remove_all: bool,
    pub values: BTreeMap<&'static str, String>,
}

const REQUIRED: &str = "Este campo é obrigatório.";

fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(*flag),
        Value::Number(number) => match number.as_i64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        Value::String(text) => match text.trim().to_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Reads seed 004's body against `portal`: `active` required; fields the portal does not use
/// are ignored; empty secrets keep the stored ones (the listing shows them empty, so a client
/// that reads, edits and writes back must not wipe them).
pub(crate) fn read_change(body: &Value, portal: &PortalRecord) -> Result<CredentialChange, ListingError> {
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let refuse = |errors: &mut BTreeMap<String, Vec<String>>, field: &str, message: String| {
        errors.entry(field.to_string()).or_default().push(message)
    };
    let Value::Object(fields) = body else {
        let kind = match body {
            Value::Array(_) => "list",
            Value::String(_) => "str",
            Value::Null => "NoneType",
            _ => "outro tipo",
        };
        refuse(
            &mut errors,
            "non_field_errors",
            format!("Dados inválidos. Esperado um dicionário, mas recebido {kind}."),
        );
        return Err(ListingError::Invalid(errors));
    };
    let mut change = CredentialChange::default();
    match fields.get("active") {
        None => refuse(&mut errors, "active", REQUIRED.into()),
        Some(Value::Null) => refuse(&mut errors, "active", "Este campo não pode ser nulo.".into()),
        Some(value) => match boolean(value) {
            Some(active) => change.active = active,
            None => refuse(&mut errors, "active", "Deve ser um valor booleano válido.".into()),
        },
    }
    match fields.get("remove_all") {
        None | Some(Value::Null) => {}
        Some(value) => match boolean(value) {
            Some(remove_all) => change.remove_all = remove_all && !change.active,
            None => refuse(&mut errors, "remove_all", "Deve ser um valor booleano válido.".into()),
        },
    }
    for field in CredentialField::ALL {
        let name = field.code();
        let text = match fields.get(name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(text)) => text.trim().to_string(),
            Some(Value::Number(number)) => number.to_string(),
            Some(_) => {
                refuse(&mut errors, name, "Não é uma string válida.".into());
                continue;
            }
        };
        let limit = if field.is_secret() { MAX_SECRET_CHARS } else { MAX_IDENTIFIER_CHARS };
        if text.chars().count() > limit {
            refuse(
                &mut errors,
                name,
                format!("Certifique-se de que este campo não tenha mais de {limit} caracteres."),
            );
        } else if text.chars().any(char::is_control) {
            refuse(&mut errors, name, "Não use quebras de linha nem caracteres de controle.".into());
        } else if needs(portal, field) && !(field.is_secret() && text.is_empty()) {
            change.values.insert(name, text);
        }
    }
    if change.active {
        for field in CredentialField::ALL {
            // What the field will hold: a sent identifier replaces the stored one (even empty);
            // an empty secret keeps the stored one.
            let filled = match change.values.get(field.code()) {
                Some(value) if !value.is_empty() => true,
                Some(_) if !field.is_secret() => false,
                _ => stored(portal, field),
            };
            if needs(portal, field) && !filled && !errors.contains_key(field.code()) {
                refuse(&mut errors, field.code(), "Este campo é obrigatório para este portal.".into());
            }
        }
    }
    if errors.is_empty() {
        Ok(change)
    } else {
        Err(ListingError::Invalid(errors))
    }
}

pub(crate) fn needs(portal: &PortalRecord, field: CredentialField) -> bool {
    1 == match field {
        CredentialField::User => portal.needs_user,
        CredentialField::SiteId => portal.needs_site_id,
        CredentialField::Password => portal.needs_password,
        CredentialField::Token => portal.needs_token,
    }
}

fn stored(portal: &PortalRecord, field: CredentialField) -> bool {
    match field {
        CredentialField::User => portal.user_name.as_deref().is_some_and(|user| !user.is_empty()),
        CredentialField::SiteId => portal.site_id.as_deref().is_some_and(|site| !site.is_empty()),
        CredentialField::Password => portal.password_sealed.is_some(),
        CredentialField::Token => portal.token_sealed.is_some(),
    }
}

/// What the audit trail says of a change: the portal, the state and the names (never the
/// values) of the credentials written.
fn change_summary(portal: &PortalRecord, change: &CredentialChange) -> String {
    let state = match (change.active, change.remove_all) {
        (true, _) => "ativo",
        (false, true) => "inativo, anúncios retirados",
        (false, false) => "inativo, anúncios mantidos",
    };
    let written: Vec<&str> = CredentialField::ALL
        .into_iter()
        .filter(|field| {
            change.values.get(field.code()).is_some_and(|value| !value.is_empty() || !field.is_secret())
        })
        .map(CredentialField::label)
        .collect();
    if written.is_empty() {
        format!("{} · {state}", portal.name)
    } else {
        format!("{} · {state} · credenciais gravadas: {}", portal.name, written.join(", "))
    }
}

impl Portal {
    /// The company behind seed 004's `dealer_id`, if the caller may manage it. A partner gets
    /// 403 for any company it was not given, existing or not, so ids cannot be probed.
    pub(crate) async fn listing_company(
        &self,
        caller: &ListingCaller,
        dealer: &str,
    ) -> Result<i64, ListingError> {
        let company_id: i64 = dealer.trim().parse().map_err(|_| ListingError::MissingDealer)?;
        match caller {
            ListingCaller::Staff(staff) => {
                staff.require(Permission::ManageSettings).map_err(|_| ListingError::Forbidden)?;
                if self.store.company_record(company_id).await?.is_none() {
                    return Err(ListingError::MissingDealer);
                }
            }
            ListingCaller::Partner(partner) => {
                if !self.store.partner_manages_company(partner.id, company_id).await? {
                    return Err(ListingError::Forbidden);
                }
            }
        }
        Ok(company_id)
    }

    /// Seed 004 `GET /dealer/{dealer_id}/portal-auth/`: the online portals released for the
    /// company, by name (case-insensitive).
    pub async fn portal_auth_list(
        &self,
        caller: &ListingCaller,
        dealer: &str,
    ) -> Result<Vec<PortalAuthEntry>, ListingError> {
        let company_id = self.listing_company(caller, dealer).await?;
        let portals = self.store.company_portals(company_id).await?;
        Ok(portals
            .into_iter()
            .filter(|portal| self.portal_online(portal) && portal.company_id.is_some())
            .map(|portal| PortalAuthEntry {
                portal_id: portal.id,
                logo: format!("{}/portais-de-anuncios/{}.svg", self.public_url, portal.slug),
                auth_key_id: portal.needs_site_id == 1,
                auth_key_password: portal.needs_password == 1,
                auth_key_token: portal.needs_token == 1,
                auth_key_user: portal.needs_user == 1,
                password_set: portal.password_sealed.is_some(),
                token_set: portal.token_sealed.is_some(),
                user: portal.user_name.unwrap_or_default(),
                site_id: portal.site_id.unwrap_or_default(),
                password: String::new(),
                token: String::new(),
                active: portal.active == Some(1),
                name: portal.name,
                is_online: true,
            })
            .collect())
    }

    /// Seed 004 `POST /dealer/{dealer_id}/portal-auth/{portal_id}/`.
    pub async fn update_portal_auth(
        &self,
        caller: &ListingCaller,
        dealer: &str,
        portal: &str,
        body: &Value,
        ip: Option<&str>,
    ) -> Result<(), ListingError> {
        let company_id = self.listing_company(caller, dealer).await?;
        let portal_id: i64 = portal.trim().parse().map_err(|_| ListingError::PortalNotFound)?;
        let record =
            self.store.company_portal(company_id, portal_id).await?.ok_or(ListingError::PortalNotFound)?;
        if record.oauth == 1 {
            return Err(ListingError::OAuthOnly(record.name));
        }
        if record.is_online != 1 {
            return Err(ListingError::PortalNotFound);
        }
        if record.company_id.is_none() {
            return Err(ListingError::PortalNotReleased);
        }
        let change = read_change(body, &record)?;
        self.write_credentials(&caller.actor(), ip, company_id, &record, &change).await
    }

    /// Seals the secrets, writes the change and audits it (without any value).
    pub(crate) async fn write_credentials(
        &self,
        actor: &Actor,
        ip: Option<&str>,
        company_id: i64,
        record: &PortalRecord,
        change: &CredentialChange,
    ) -> Result<(), ListingError> {
        let keys = self.sealing_keys();
        let binding =
            |field: CredentialField| format!("empresa:{company_id}/portal:{}/{}", record.id, field.code());
        let seal = |field: CredentialField, stored: &Option<String>| -> Option<String> {
            if let Some(value) = change.values.get(field.code()).filter(|value| !value.is_empty()) {
                return Some(keys[0].seal(value, &binding(field)));
            }
            // A value sealed before a key rotation is sealed again under the current key.
            let stored = stored.as_deref()?;
            if super::sealing::sealed_under(&keys[0], stored) {
                return None;
            }
            match super::sealing::open(&keys, stored, &binding(field)) {
                Ok(value) => Some(keys[0].seal(&value, &binding(field))),
                Err(error) => {
                    tracing::warn!(%error, company_id, portal = record.id, field = field.code(), "stored credential does not open");
                    None
                }
            }
        };
        let password = seal(CredentialField::Password, &record.password_sealed);
        let token = seal(CredentialField::Token, &record.token_sealed);
        let identifier = |field: CredentialField, stored: &Option<String>| {
            change.values.get(field.code()).cloned().unwrap_or_else(|| stored.clone().unwrap_or_default())
        };
        let user = identifier(CredentialField::User, &record.user_name);
        let site_id = identifier(CredentialField::SiteId, &record.site_id);
        let update = CredentialsUpdate {
            active: change.active,
            remove_all: change.remove_all,
            user: &user,
            site_id: &site_id,
            password_sealed: password.as_deref(),
            token_sealed: token.as_deref(),
        };
        let now = self.now();
        if !self.store.save_listing_credentials(company_id, record.id, &update, now).await? {
            return Err(ListingError::PortalNotReleased);
        }
        self.store
            .record_audit_about(
                now,
                *actor,
                "listing_credentials_changed",
                ip,
                &format!("company:{company_id}"),
                &change_summary(record, change),
            )
            .await?;
        Ok(())
    }
}
