//! The construtora's brand on every page: its name, logo and colour in the header, and how to
//! reach its service desk (SAC, WhatsApp, e-mail, hours) in the footer. Read from configuration
//! at start and checked there, so a bad value stops the start instead of showing a broken page.

use serde::{Deserialize, Serialize};

use crate::br::Phone;

/// What the pages show of the company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    /// `Construtora Horizonte`.
    pub company_name: String,
    /// A logo is served at [`LOGO_PATH`].
    pub has_logo: bool,
    /// The header's colour, `#0b5cab`; white text on it reads at 4.5:1 or better.
    pub colour: Option<BrandColour>,
    pub contact: SupportContact,
}

/// Where the configured logo is served.
pub const LOGO_PATH: &str = "/marca/logo";
/// Where the colour's stylesheet is served (with `?v=` the colour, so a change is fetched).
pub const STYLESHEET_PATH: &str = "/marca/cores.css";

impl Default for Branding {
    fn default() -> Self {
        Self {
            company_name: "Portal do Cliente".into(),
            has_logo: false,
            colour: None,
            contact: SupportContact::default(),
        }
    }
}

impl Branding {
    /// The example company of development runs (nothing here answers).
    pub fn demo() -> Self {
        Self {
            company_name: "Construtora Horizonte".into(),
            has_logo: false,
            colour: None,
            contact: SupportContact {
                phone: Some(SupportPhone::parse("0800 701 2345").expect("valid demo SAC")),
                whatsapp: Some(Phone::parse("(41) 99876-5432").expect("valid demo WhatsApp")),
                email: Some("atendimento@horizonte.exemplo.com.br".into()),
                hours: Some("Segunda a sexta, das 8h às 18h".into()),
            },
        }
    }

    /// The brand with a company's (Configurações) name, colour, logo and contacts in place of
    /// the configured ones; the opening hours stay.
    pub fn with_company(&self, company: &crate::companies::CompanyBrand) -> Self {
        Self {
            company_name: company.name.clone(),
            has_logo: company.logo.is_some() || self.has_logo,
            colour: company.colour.clone().or_else(|| self.colour.clone()),
            contact: SupportContact {
                phone: company.phone.clone(),
                whatsapp: company.whatsapp.clone(),
                email: company.email.clone(),
                hours: self.contact.hours.clone(),
            },
        }
    }

    /// Up to two initials for the header's mark when there is no logo: `CH`.
    pub fn initials(&self) -> String {
        let initials: String = self
            .company_name
            .split_whitespace()
            .filter(|word| word.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|word| word.chars().next())
            .take(2)
            .collect();
        if initials.is_empty() {
            self.company_name.chars().take(1).collect::<String>().to_uppercase()
        } else {
            initials
        }
    }

    /// The address of the colour's stylesheet, when a colour is set.
    pub fn stylesheet_href(&self) -> Option<String> {
        self.colour
            .as_ref()
            .map(|colour| format!("{STYLESHEET_PATH}?v={}", colour.hex.trim_start_matches('#')))
    }
}

/// The service desk, each part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportContact {
    pub phone: Option<SupportPhone>,
    /// A mobile number that answers on WhatsApp.
    pub whatsapp: Option<Phone>,
    pub email: Option<String>,
    /// `Segunda a sexta, das 8h às 18h`.
    pub hours: Option<String>,
}

impl SupportContact {
    pub fn is_empty(&self) -> bool {
        self.phone.is_none() && self.whatsapp.is_none() && self.email.is_none()
    }

    /// `https://wa.me/5541998765432`: opens a conversation in the WhatsApp app or web.
    pub fn whatsapp_href(&self) -> Option<String> {
        self.whatsapp.as_ref().map(|phone| format!("https://wa.me/55{}", phone.digits()))
    }
}

/// A SAC number: a phone with DDD, a toll-free `0800`/`0300` number, or a `400x` number of the
/// capitals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportPhone {
    digits: String,
}

impl SupportPhone {
    pub fn parse(input: &str) -> Result<Self, BrandingError> {
        let digits: String = input.chars().filter(char::is_ascii_digit).collect();
        let national =
            digits.len() == 11 && ["0800", "0300", "0500"].iter().any(|prefix| digits.starts_with(prefix));
        let capitals = digits.len() == 8 && digits.starts_with("400");
        if national || capitals || Phone::parse(input).is_ok() {
            let digits = Phone::parse(input).map(|phone| phone.digits().to_string()).unwrap_or(digits);
            Ok(Self { digits })
        } else {
            Err(BrandingError::Phone(input.to_string()))
        }
    }

    /// `tel:08007012345`.
    pub fn href(&self) -> String {
        format!("tel:{}", self.digits)
    }
}

impl std::fmt::Display for SupportPhone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = &self.digits;
        match d.len() {
            11 if d.starts_with('0') => write!(f, "{} {} {}", &d[..4], &d[4..7], &d[7..]),
            8 => write!(f, "{}-{}", &d[..4], &d[4..]),
            _ => match Phone::parse(d) {
                Ok(phone) => write!(f, "{phone}"),
                Err(_) => write!(f, "{d}"),
            },
        }
    }
}

/// A colour given as `#rrggbb`, with the darker shade the design uses for hover and borders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandColour {
    pub hex: String,
    pub dark_hex: String,
}

impl BrandColour {
    /// Refuses what is not `#rrggbb`, and colours on which the header's white text would read
    /// below WCAG's 4.5:1.
    pub fn parse(input: &str) -> Result<Self, BrandingError> {
        let hex = input.trim().trim_start_matches('#');
        let channel = |at: usize| u8::from_str_radix(hex.get(at..at + 2).unwrap_or("x"), 16);
        let (Ok(red), Ok(green), Ok(blue)) = (channel(0), channel(2), channel(4)) else {
            return Err(BrandingError::Colour(input.to_string()));
        };
        if hex.len() != 6 {
            return Err(BrandingError::Colour(input.to_string()));
        }
        let contrast = 1.05 / (relative_luminance(red, green, blue) + 0.05);
        if contrast < 4.5 {
            return Err(BrandingError::Contrast(input.to_string(), (contrast * 10.0).round() / 10.0));
        }
        let darker = |value: u8| (f64::from(value) * 0.78).round() as u8;
        Ok(Self {
            hex: format!("#{}", hex.to_lowercase()),
            dark_hex: format!("#{:02x}{:02x}{:02x}", darker(red), darker(green), darker(blue)),
        })
    }

    /// The stylesheet that overrides the design's brand tokens.
    pub fn stylesheet(&self) -> String {
        format!(":root {{\n  --color-brand: {};\n  --color-brand-dark: {};\n}}\n", self.hex, self.dark_hex)
    }
}

/// WCAG 2 relative luminance of an sRGB colour.
fn relative_luminance(red: u8, green: u8, blue: u8) -> f64 {
    let linear = |value: u8| {
        let value = f64::from(value) / 255.0;
        if value <= 0.039_28 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
}

/// The company's name as the header shows it: at most 60 characters.
pub fn parse_company_name(input: &str) -> Result<String, BrandingError> {
    let name = input.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return Err(BrandingError::CompanyName);
    }
    Ok(name.to_string())
}

/// The service desk's WhatsApp: a mobile number with DDD.
pub fn parse_whatsapp(input: &str) -> Result<Phone, BrandingError> {
    Phone::parse(input)
        .ok()
        .filter(Phone::is_mobile)
        .ok_or_else(|| BrandingError::WhatsApp(input.trim().to_string()))
}

/// The service desk's e-mail, checked as the registration checks a buyer's.
#[cfg(feature = "server")]
pub fn parse_support_email(input: &str) -> Result<String, BrandingError> {
    crate::registration::service::parse_email(input)
        .map_err(|_| BrandingError::Email(input.trim().to_string()))
}

/// A logo: PNG, JPEG or WebP that decodes (never SVG, which can carry scripts), at most
/// [`LOGO_LIMIT`] bytes; its content type.
#[cfg(feature = "server")]
pub fn check_logo(bytes: &[u8]) -> Result<&'static str, BrandingError> {
    if bytes.len() > LOGO_LIMIT {
        return Err(BrandingError::LogoSize);
    }
    let format = crate::images::format_of(bytes).ok_or(BrandingError::LogoFormat)?;
    crate::images::decode_upright(bytes, format).map_err(|_| BrandingError::LogoFormat)?;
    Ok(format.to_mime_type())
}

/// The most a logo may weigh: it is on every page.
pub const LOGO_LIMIT: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BrandingError {
    #[error("e-mail inválido ({0})")]
    Email(String),
    #[error("use de 1 a 60 caracteres")]
    CompanyName,
    #[error("celular inválido ({0}): use DDD e 9 dígitos")]
    WhatsApp(String),
    #[error("o logo passa de 256 KB")]
    LogoSize,
    #[error("o logo não é uma imagem PNG, JPEG ou WebP legível")]
    LogoFormat,
    #[error("cor inválida ({0}): use #rrggbb, como #0b5cab")]
    Colour(String),
    #[error("a cor {0} deixa o texto branco do topo ilegível (contraste {1}:1; o mínimo é 4,5:1): escolha um tom mais escuro")]
    Contrast(String, f64),
    #[error("telefone inválido ({0}): use DDD e número, 0800 ou 4004")]
    Phone(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_must_keep_the_white_header_text_readable() {
        let blue = BrandColour::parse("#0B5CAB").unwrap();
        assert_eq!((blue.hex.as_str(), blue.dark_hex.as_str()), ("#0b5cab", "#094885"));
        assert!(blue.stylesheet().contains("--color-brand: #0b5cab;"));
        assert!(matches!(BrandColour::parse("#ffcc00"), Err(BrandingError::Contrast(_, _))), "yellow");
        assert!(BrandColour::parse("#777777").is_err(), "4.48:1, just below");
        assert!(BrandColour::parse("#767676").is_ok(), "4.54:1");
        for bad in ["0b5cab0", "#0b5ca", "azul", "#gg0000", "", "#0b5cáb"] {
            assert!(matches!(BrandColour::parse(bad), Err(BrandingError::Colour(_))), "{bad}");
        }
    }

    #[test]
    fn support_numbers_are_read_and_shown_as_dialled() {
        assert_eq!(SupportPhone::parse("0800-701-2345").unwrap().to_string(), "0800 701 2345");
        assert_eq!(SupportPhone::parse("0800 701 2345").unwrap().href(), "tel:08007012345");
        assert_eq!(SupportPhone::parse("4004 1234").unwrap().to_string(), "4004-1234");
        assert_eq!(SupportPhone::parse("+55 41 3030-4040").unwrap().to_string(), "(41) 3030-4040");
        for bad in ["123", "0800 12", "(20) 3030-4040", "telefone"] {
            assert!(SupportPhone::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn initials_and_links() {
        assert_eq!(Branding::demo().initials(), "CH");
        let lower = Branding { company_name: "obras & cia".into(), ..Branding::default() };
        assert_eq!(lower.initials(), "O");
        assert_eq!(Branding::demo().contact.whatsapp_href().unwrap(), "https://wa.me/5541998765432");
        assert_eq!(Branding::default().stylesheet_href(), None);
    }
}
