//! `PORTAL_MARCA_*` and `PORTAL_SAC_*`: the construtora's name, logo, colour and service desk.

use std::sync::Arc;

use portal::branding::{
    check_logo, parse_company_name, parse_support_email, parse_whatsapp, BrandColour, Branding, SupportPhone,
};

use super::{ConfigError, Environment};

/// A logo read at start: PNG, JPEG or WebP (never SVG, which can carry scripts).
#[derive(Clone)]
pub struct Logo {
    pub bytes: Arc<[u8]>,
    pub content_type: &'static str,
}

impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Logo({}, {} bytes)", self.content_type, self.bytes.len())
    }
}

#[derive(Debug, Clone)]
pub struct BrandConfig {
    pub branding: Branding,
    pub logo: Option<Logo>,
}

/// Development without `PORTAL_MARCA_NOME` shows the demo company; each variable set replaces
/// its part.
pub(super) fn brand(
    lookup: &impl Fn(&str) -> Option<String>,
    environment: Environment,
) -> Result<BrandConfig, ConfigError> {
    let invalid = |name: &str, reason: String| ConfigError::Branding(format!("{name}: {reason}"));
    let mut branding = match (lookup("PORTAL_MARCA_NOME"), environment) {
        (Some(name), _) => Branding {
            company_name: parse_company_name(&name)
                .map_err(|error| invalid("PORTAL_MARCA_NOME", error.to_string()))?,
            ..Branding::default()
        },
        (None, Environment::Development) => Branding::demo(),
        (None, Environment::Production) => Branding::default(),
    };
    if let Some(colour) = lookup("PORTAL_MARCA_COR") {
        let colour =
            BrandColour::parse(&colour).map_err(|error| invalid("PORTAL_MARCA_COR", error.to_string()))?;
        branding.colour = Some(colour);
    }
    if let Some(phone) = lookup("PORTAL_SAC_TELEFONE") {
        let phone =
            SupportPhone::parse(&phone).map_err(|error| invalid("PORTAL_SAC_TELEFONE", error.to_string()))?;
        branding.contact.phone = Some(phone);
    }
    if let Some(whatsapp) = lookup("PORTAL_SAC_WHATSAPP") {
        let phone =
            parse_whatsapp(&whatsapp).map_err(|error| invalid("PORTAL_SAC_WHATSAPP", error.to_string()))?;
        branding.contact.whatsapp = Some(phone);
    }
    if let Some(email) = lookup("PORTAL_SAC_EMAIL") {
        let email =
            parse_support_email(&email).map_err(|error| invalid("PORTAL_SAC_EMAIL", error.to_string()))?;
        branding.contact.email = Some(email);
    }
    if let Some(hours) = lookup("PORTAL_SAC_HORARIO") {
        branding.contact.hours = Some(hours.trim().to_string());
    }
    let logo = match lookup("PORTAL_MARCA_LOGO") {
        None => None,
        Some(path) => {
            let bytes = std::fs::read(&path).map_err(|error| {
                invalid("PORTAL_MARCA_LOGO", format!("não foi possível ler {path}: {error}"))
            })?;
            let content_type = check_logo(&bytes)
                .map_err(|error| invalid("PORTAL_MARCA_LOGO", format!("{path}: {error}")))?;
            Some(Logo { bytes: bytes.into(), content_type })
        }
    };
    branding.has_logo = logo.is_some();
    Ok(BrandConfig { branding, logo })
}
