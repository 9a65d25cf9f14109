//! What `/equipe/configuracoes` shows.

use serde::{Deserialize, Serialize};

/// A message that did not go (failed) or cannot go yet (held: no transport for its channel).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StuckMessage {
    pub id: i64,
    /// `E-mail` or `SMS`.
    pub channel: String,
    pub destination: String,
    /// With any 6-digit code hidden: staff never read a buyer's sign-in code.
    pub subject: String,
    /// `falhou` or `retida`.
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalSettingsView {
    pub registration_open: bool,
    pub stuck: Vec<StuckMessage>,
}

/// `Seu código de acesso: 123456` → `Seu código de acesso: ••••••`.
pub fn hide_codes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if digits.len() == 6 {
            out.push_str("••••••");
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn six_digit_codes_are_hidden_and_other_numbers_kept() {
        assert_eq!(super::hide_codes("Seu código de acesso: 123456"), "Seu código de acesso: ••••••");
        assert_eq!(super::hide_codes("Parcela 12 de 2026, 1234567"), "Parcela 12 de 2026, 1234567");
    }
}
