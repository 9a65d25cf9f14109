//! What changes from bank to bank in a CNAB 240 cobrança file: the layout versions, the
//! convênio block of the headers, the account block, the nosso número and carteira fields of
//! segmentos P and T, and a few widths. Everything else is FEBRABAN's.
//!
//! Itaú's positions follow its manual "Cobrança Itaú — CNAB 240", as kivanio/brcobranca (MIT)
//! documents them field by field in `remessa/cnab240/itau.rb` and `retorno/cnab240/itau.rb`,
//! checked here against that library's sample files.

use super::{CnabError, RecordReader, RecordWriter};

/// The banks whose CNAB 240 layout the portal writes and reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CnabBank {
    /// 001: convênio of 7 digits, nosso número of 17 (convênio + 10), carteira 17.
    BancoDoBrasil,
    /// 341: no convênio; agência of 4 digits, conta of 5 and its DAC; carteira of 3 digits and
    /// a nosso número of 8 with its own DAC.
    Itau,
}

impl CnabBank {
    pub const ALL: [Self; 2] = [Self::BancoDoBrasil, Self::Itau];

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|bank| bank.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::BancoDoBrasil => "001",
            Self::Itau => "341",
        }
    }

    /// As the header names it (30 characters at most).
    pub fn name(self) -> &'static str {
        match self {
            Self::BancoDoBrasil => "BANCO DO BRASIL S.A.",
            Self::Itau => "BANCO ITAU SA",
        }
    }

    /// As people write it.
    pub fn display_name(self) -> &'static str {
        match self {
            Self::BancoDoBrasil => "Banco do Brasil S.A.",
            Self::Itau => "Itaú Unibanco S.A.",
        }
    }

    /// Versions of the header de arquivo (164–166) and of the header de lote (14–16).
    pub(super) fn layout_versions(self) -> (u64, u64) {
        match self {
            Self::BancoDoBrasil => (83, 42),
            Self::Itau => (40, 30),
        }
    }

    /// Espécie do título "duplicata mercantil" in the bank's table (segmento P 107–108).
    pub(super) fn species_code(self) -> u64 {
        match self {
            Self::BancoDoBrasil => 2,
            Self::Itau => 1,
        }
    }

    /// How many characters the "seu número" of segmento P holds.
    pub fn document_number_width(self) -> usize {
        match self {
            Self::BancoDoBrasil => 15,
            Self::Itau => 10,
        }
    }

    /// The most days after the due date the baixa field holds (segmento P 225 on).
    pub fn max_days_payable_after_due(self) -> u16 {
        match self {
            Self::BancoDoBrasil => 999,
            Self::Itau => 99,
        }
    }

    /// Header de arquivo positions 33 to 52.
    pub(super) fn write_file_agreement(self, record: &mut RecordWriter, account: &BankAccountCnab) {
        match self {
            Self::BancoDoBrasil => {
                record
                    .digits(33, 41, &account.agreement)
                    .text(42, 45, "0014")
                    .digits(46, 47, &account.wallet)
                    .digits(48, 50, &account.wallet_variation);
            }
            Self::Itau => {}
        }
    }

    /// Header de lote positions 34 to 53; a test file says so where the bank reads it (Itaú's
    /// layout has no such mark: its tests are agreed with the agency).
    pub(super) fn write_batch_agreement(
        self,
        record: &mut RecordWriter,
        account: &BankAccountCnab,
        test: bool,
    ) {
        match self {
            Self::BancoDoBrasil => {
                record
                    .digits(34, 42, &account.agreement)
                    .text(43, 46, "0014")
                    .digits(47, 48, &account.wallet)
                    .digits(49, 51, &account.wallet_variation)
                    .text(52, 53, if test { "TS" } else { "" });
            }
            Self::Itau => {}
        }
    }

    /// Segmento P positions 38 to 62: the nosso número, the carteira and how the boleto is
    /// registered, issued and delivered.
    pub(super) fn write_title_number(
        self,
        record: &mut RecordWriter,
        account: &BankAccountCnab,
        nosso_numero: &str,
    ) {
        match self {
            Self::BancoDoBrasil => {
                // 7-digit convênios: 17 digits, left-aligned, no check digit.
                record.text(38, 57, nosso_numero);
                record.text(58, 58, if account.wallet == "17" { "7" } else { "1" });
                // Registered, traditional document, issued and delivered by the company.
                record.number(59, 59, 1).text(60, 60, "1").number(61, 61, 2).number(62, 62, 2);
            }
            Self::Itau => {
                let dac = crate::br::boleto::BankAccount::itau_number_check_digit(
                    &account.agency,
                    &account.account,
                    &account.wallet,
                    nosso_numero,
                );
                record
                    .digits(38, 40, &account.wallet)
                    .digits(41, 48, nosso_numero)
                    .number(49, 49, dac.into())
                    .number(58, 62, 0);
            }
        }
    }

    /// The nosso número of a segmento T (or P), as [`crate::br::boleto::BankAccount::nosso_numero`]
    /// writes it.
    pub(super) fn read_title_number(self, record: &RecordReader<'_>) -> Result<String, CnabError> {
        let (start, end) = match self {
            Self::BancoDoBrasil => (38, 57),
            Self::Itau => (41, 48),
        };
        let text = record.text(start, end);
        let text = text.trim();
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CnabError::at(
                record.line,
                format!("nosso número (posições {start} a {end}) inválido: \"{text}\"."),
            ));
        }
        Ok(text.to_string())
    }

    /// Where segmento T keeps the rejection reasons, two digits each.
    pub(super) fn reasons_span(self) -> (usize, usize) {
        match self {
            Self::BancoDoBrasil => (214, 223),
            Self::Itau => (214, 221),
        }
    }

    /// The pagador's name in segmento Q: 40 characters, 30 at Itaú (then 10 blanks).
    pub(super) fn payer_name_end(self) -> usize {
        match self {
            Self::BancoDoBrasil => 73,
            Self::Itau => 63,
        }
    }
}

/// The company's account at the bank, as the file's headers and segments carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankAccountCnab {
    pub bank: CnabBank,
    /// The beneficiary's CNPJ, 14 digits.
    pub company_cnpj: String,
    pub company_name: String,
    /// Up to 5 digits, and its check digit (Itaú's agencies have none).
    pub agency: String,
    pub agency_digit: Option<char>,
    /// Up to 12 digits (5 at Itaú), and its check digit.
    pub account: String,
    pub account_digit: char,
    /// The convênio de cobrança (7 digits at Banco do Brasil; none at Itaú).
    pub agreement: String,
    /// Carteira (`17` at Banco do Brasil, `109` at Itaú) and its variação (`019`, Banco do
    /// Brasil only).
    pub wallet: String,
    pub wallet_variation: String,
}

impl BankAccountCnab {
    /// Agency and account, positions 53 to 72 of the header de arquivo (one less in P and
    /// one more in the header de lote: `start` is where the agency begins).
    pub(super) fn write_account(&self, record: &mut RecordWriter, start: usize) {
        match self.bank {
            CnabBank::BancoDoBrasil => {
                let agency_digit = self.agency_digit.map(String::from).unwrap_or_default();
                record
                    .digits(start, start + 4, &self.agency)
                    .text(start + 5, start + 5, &agency_digit)
                    .digits(start + 6, start + 17, &self.account)
                    .text(start + 18, start + 18, &self.account_digit.to_string())
                    .text(start + 19, start + 19, "");
            }
            // 0, agência (4), blank, zeros (7), conta (5), blank, DAC.
            CnabBank::Itau => {
                record
                    .digits(start, start + 4, &self.agency)
                    .text(start + 5, start + 5, "")
                    .digits(start + 6, start + 17, &self.account)
                    .text(start + 18, start + 18, "")
                    .text(start + 19, start + 19, &self.account_digit.to_string());
            }
        }
    }
}
