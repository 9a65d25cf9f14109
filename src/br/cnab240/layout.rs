//! What changes from bank to bank in a CNAB 240 cobrança file: the convênio block of the
//! headers, the nosso número field and the carteira code. Everything else is FEBRABAN's.

use super::{CnabError, RecordReader, RecordWriter};

/// The banks whose CNAB 240 layout the portal writes and reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CnabBank {
    /// 001: convênio of 7 digits, nosso número of 17 (convênio + 10), carteira 17.
    BancoDoBrasil,
}

impl CnabBank {
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "001" => Some(Self::BancoDoBrasil),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::BancoDoBrasil => "001",
        }
    }

    /// As the header names it (30 characters at most).
    pub fn name(self) -> &'static str {
        match self {
            Self::BancoDoBrasil => "BANCO DO BRASIL S.A.",
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
        }
    }

    /// Header de lote positions 34 to 53; a test file says so where the bank reads it.
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
        }
    }

    /// Segmento P positions 38 to 58: the nosso número and the carteira code.
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
            }
        }
    }

    /// The nosso número of a segmento T.
    pub(super) fn read_title_number(self, record: &RecordReader<'_>) -> Result<String, CnabError> {
        match self {
            Self::BancoDoBrasil => {
                let text = record.text(38, 57);
                let text = text.trim();
                if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(CnabError::at(
                        record.line,
                        format!("nosso número (posições 38 a 57) inválido: \"{text}\"."),
                    ));
                }
                Ok(text.to_string())
            }
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
    /// Up to 5 digits, and its check digit.
    pub agency: String,
    pub agency_digit: char,
    /// Up to 12 digits, and its check digit.
    pub account: String,
    pub account_digit: char,
    /// The convênio de cobrança (7 digits at Banco do Brasil).
    pub agreement: String,
    /// Carteira (`17`) and its variação (`019`).
    pub wallet: String,
    pub wallet_variation: String,
}

impl BankAccountCnab {
    /// Agency and account, positions 53 to 72 of the header de arquivo (one less in P and
    /// one more in the header de lote: `start` is where the agency begins).
    pub(super) fn write_account(&self, record: &mut RecordWriter, start: usize) {
        record
            .digits(start, start + 4, &self.agency)
            .text(start + 5, start + 5, &self.agency_digit.to_string())
            .digits(start + 6, start + 17, &self.account)
            .text(start + 18, start + 18, &self.account_digit.to_string())
            .text(start + 19, start + 19, "");
    }
}
