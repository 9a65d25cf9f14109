//! The bank side of a boleto: which bank, the account it is paid into, and how that bank lays
//! out its 25-digit campo livre and nosso número.

use super::{mod10, mod11_sum, BoletoError};

/// Itaú carteiras whose nosso número check digit covers only carteira and number (Itaú's
/// "Cobrança" manual; the same list brcobranca keeps).
const ITAU_WALLETS_WITHOUT_ACCOUNT_IN_DAC: [&str; 6] = ["112", "126", "131", "146", "150", "168"];
/// Itaú carteiras with another campo livre (seu número and código do cliente): not supported.
const ITAU_WALLETS_WITH_OWN_NUMBER: [&str; 8] = ["106", "107", "122", "142", "143", "195", "196", "198"];

/// The account boletos are paid into, per bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankAccount {
    /// 001, convênio of 7 digits (carteira 17 and the like): nosso número = convênio + 10
    /// digits; campo livre = `000000` + nosso número + carteira.
    BancoDoBrasil { agreement: String, wallet: String },
    /// 341: agência (4 digits), conta (5, without its DAC) and carteira (3); nosso número of 8
    /// digits; campo livre = carteira + nosso número + DAC + agência + conta + DAC + `000`.
    Itau { agency: String, account: String, wallet: String },
}

fn all_digits(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| b.is_ascii_digit())
}

impl BankAccount {
    pub fn banco_do_brasil(agreement: &str, wallet: &str) -> Result<Self, BoletoError> {
        if !all_digits(agreement, 7) {
            return Err(BoletoError::Bank("o convênio tem 7 dígitos"));
        }
        if !all_digits(wallet, 2) {
            return Err(BoletoError::Bank("a carteira tem 2 dígitos"));
        }
        Ok(Self::BancoDoBrasil { agreement: agreement.into(), wallet: wallet.into() })
    }

    pub fn itau(agency: &str, account: &str, wallet: &str) -> Result<Self, BoletoError> {
        if !all_digits(agency, 4) {
            return Err(BoletoError::Bank("a agência do Itaú tem 4 dígitos"));
        }
        if !all_digits(account, 5) {
            return Err(BoletoError::Bank("a conta do Itaú tem 5 dígitos, sem o DAC"));
        }
        if !all_digits(wallet, 3) {
            return Err(BoletoError::Bank("a carteira do Itaú tem 3 dígitos"));
        }
        if ITAU_WALLETS_WITH_OWN_NUMBER.contains(&wallet) {
            return Err(BoletoError::Bank(
                "esta carteira do Itaú usa seu número e código do cliente, e o portal não a emite",
            ));
        }
        Ok(Self::Itau { agency: agency.into(), account: account.into(), wallet: wallet.into() })
    }

    pub fn bank_code(&self) -> &'static str {
        match self {
            Self::BancoDoBrasil { .. } => "001",
            Self::Itau { .. } => "341",
        }
    }

    pub fn wallet(&self) -> &str {
        match self {
            Self::BancoDoBrasil { wallet, .. } | Self::Itau { wallet, .. } => wallet,
        }
    }

    /// How many digits the boleto's own number may have.
    pub fn number_digits(&self) -> usize {
        match self {
            Self::BancoDoBrasil { .. } => 10,
            Self::Itau { .. } => 8,
        }
    }

    /// The bank's code with its check digit, as printed beside the bank's name: `001-9`
    /// (mod 11, weights 2 to 9 from the right; 10 and 11 become 0).
    pub fn code_with_digit(&self) -> String {
        let code = self.bank_code();
        let digit = match 11 - mod11_sum(code) % 11 {
            10 | 11 => 0,
            digit => digit,
        };
        format!("{code}-{digit}")
    }

    /// `number` padded to its bank's width, or why it cannot be one.
    fn padded(&self, number: &str) -> Result<String, BoletoError> {
        let width = self.number_digits();
        if number.is_empty() || number.len() > width || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(match self {
                Self::BancoDoBrasil { .. } => BoletoError::Bank("o nosso número tem até 10 dígitos"),
                Self::Itau { .. } => BoletoError::Bank("o nosso número do Itaú tem até 8 dígitos"),
            });
        }
        Ok(format!("{number:0>width$}"))
    }

    /// Itaú's DAC of agência and conta (mod 10), printed after the account.
    pub fn account_check_digit(&self) -> Option<u8> {
        match self {
            Self::BancoDoBrasil { .. } => None,
            Self::Itau { agency, account, .. } => Some(mod10(&format!("{agency}{account}"))),
        }
    }

    /// Itaú's DAC of the nosso número (mod 10 of agência, conta, carteira and number, or of
    /// carteira and number alone for a few carteiras).
    pub(crate) fn itau_number_check_digit(agency: &str, account: &str, wallet: &str, number: &str) -> u8 {
        if ITAU_WALLETS_WITHOUT_ACCOUNT_IN_DAC.contains(&wallet) {
            mod10(&format!("{wallet}{number}"))
        } else {
            mod10(&format!("{agency}{account}{wallet}{number}"))
        }
    }

    /// The nosso número as the bank's CNAB files carry it: Banco do Brasil's 17 digits
    /// (convênio + number), Itaú's 8 (its carteira and DAC have their own fields).
    pub fn nosso_numero(&self, number: &str) -> Result<String, BoletoError> {
        let number = self.padded(number)?;
        Ok(match self {
            Self::BancoDoBrasil { agreement, .. } => format!("{agreement}{number}"),
            Self::Itau { .. } => number,
        })
    }

    /// The nosso número as printed on the boleto: `12345670000100001`, `109/00010152-7`.
    pub fn printed_nosso_numero(&self, number: &str) -> Result<String, BoletoError> {
        let padded = self.padded(number)?;
        Ok(match self {
            Self::BancoDoBrasil { agreement, .. } => format!("{agreement}{padded}"),
            Self::Itau { agency, account, wallet } => {
                let dac = Self::itau_number_check_digit(agency, account, wallet, &padded);
                format!("{wallet}/{padded}-{dac}")
            }
        })
    }

    /// Agência and conta as the boleto prints them (`1248 / 02124-6` at Itaú); Banco do Brasil's
    /// come from the company's settings as typed.
    pub fn printed_account(&self) -> Option<String> {
        match self {
            Self::BancoDoBrasil { .. } => None,
            Self::Itau { agency, account, .. } => {
                Some(format!("{agency} / {account}-{}", mod10(&format!("{agency}{account}"))))
            }
        }
    }

    /// The 25 digits after the amount in the barcode.
    pub(super) fn free_field(&self, number: &str) -> Result<String, BoletoError> {
        let number = self.padded(number)?;
        Ok(match self {
            Self::BancoDoBrasil { agreement, wallet } => format!("000000{agreement}{number}{wallet}"),
            Self::Itau { agency, account, wallet } => {
                let number_dac = Self::itau_number_check_digit(agency, account, wallet, &number);
                let account_dac = mod10(&format!("{agency}{account}"));
                format!("{wallet}{number}{number_dac}{agency}{account}{account_dac}000")
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::super::{barcode_from_digitable_line, Boleto};
    use super::*;
    use crate::br::Centavos;

    #[test]
    fn prints_the_banks_code_with_its_check_digit() {
        let bb = BankAccount::banco_do_brasil("1234567", "17").unwrap();
        assert_eq!(bb.code_with_digit(), "001-9");
        let itau = BankAccount::itau("0810", "53678", "175").unwrap();
        assert_eq!(itau.code_with_digit(), "341-7");
    }

    fn itau(agency: &str, account: &str, wallet: &str) -> BankAccount {
        BankAccount::itau(agency, account, wallet).unwrap()
    }

    /// brcobranca's expectations for Itaú boletos (spec/brcobranca/boleto/itau_spec.rb).
    #[test]
    fn matches_the_published_itau_boletos() {
        let boleto =
            Boleto::new(&itau("0810", "53678", "175"), "258281", date!(2008 - 02 - 02), Centavos(13_500))
                .unwrap();
        assert_eq!(boleto.barcode(), "34191377000000135001750025828170810536789000");
        assert_eq!(
            boleto.formatted_digitable_line(),
            "34191.75009 25828.170818 05367.890000 1 37700000013500"
        );

        // Carteira 168: the number's DAC leaves agência and conta out (brcobranca's
        // `Util::Itau` and boletophp agree; an older brcobranca spec still expected 2 here).
        assert_eq!(itau("0810", "53678", "168").printed_nosso_numero("258281").unwrap(), "168/00258281-0");

        // After the fator's restart in 2025.
        let bank = itau("1248", "02124", "109");
        let boleto = Boleto::new(&bank, "00010152", date!(2029 - 05 - 20), Centavos(675_787)).unwrap();
        assert_eq!(boleto.barcode(), "34194254800006757871090001015271248021246000");
        assert_eq!(
            boleto.formatted_digitable_line(),
            "34191.09008 01015.271248 80212.460002 4 25480000675787"
        );
        assert_eq!(barcode_from_digitable_line(&boleto.digitable_line()).unwrap(), boleto.barcode());
        assert_eq!(bank.printed_nosso_numero("10152").unwrap(), "109/00010152-7");
        assert_eq!(bank.nosso_numero("10152").unwrap(), "00010152");
        assert_eq!(bank.printed_account().unwrap(), "1248 / 02124-6");
    }

    #[test]
    fn computes_itaus_account_check_digit() {
        let digit = |agency, account| itau(agency, account, "109").account_check_digit();
        assert_eq!(digit("0607", "15255"), Some(0));
        assert_eq!(digit("1547", "85547"), Some(6));
        assert_eq!(digit("0811", "53678"), Some(8));
        assert_eq!(itau("0607", "15255", "175").printed_nosso_numero("12345678").unwrap(), "175/12345678-4");
    }

    #[test]
    fn refuses_what_each_bank_cannot_carry() {
        assert!(BankAccount::itau("123", "12345", "109").is_err());
        assert!(BankAccount::itau("1234", "123456", "109").is_err());
        assert!(BankAccount::itau("1234", "12345", "17").is_err());
        assert!(BankAccount::itau("1234", "12345", "198").is_err());
        let bank = itau("1234", "12345", "109");
        assert!(Boleto::new(&bank, "123456789", date!(2026 - 12 - 10), Centavos(100)).is_err());
        assert!(Boleto::new(&bank, "12345678", date!(2026 - 12 - 10), Centavos(100)).is_ok());
        assert!(bank.nosso_numero("").is_err());
    }
}
