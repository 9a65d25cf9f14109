//! The portal's 10-digit boleto sequence and each bank's own number for it.
//!
//! The portal gives every boleto a sequence when it makes it: an installment
//! `{contract id:05}{installment number:05}`, a 2ª via `8{id:09}`, an antecipação `7{id:09}`.
//! Banco do Brasil's nosso número has room for the whole sequence after the convênio. Itaú's
//! has 8 digits, so the sequence is folded without losing anything: an installment keeps its
//! contract and the last three digits of its number (a plan has at most 999 installments), a 2ª
//! via or an antecipação keeps its prefix and seven digits of its id. What does not fold (an id
//! of ten million or more) gets no Itaú boleto rather than someone else's number.

use crate::br::boleto::BankAccount;

/// The bank's number for the boleto with `sequence`, or `None` when it does not fit.
pub(crate) fn bank_number(bank: &BankAccount, sequence: &str) -> Option<String> {
    if sequence.is_empty() || !sequence.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match bank {
        BankAccount::BancoDoBrasil { .. } => (sequence.len() <= 10).then(|| format!("{sequence:0>10}")),
        BankAccount::Itau { .. } => {
            let sequence = format!("{sequence:0>10}");
            if sequence.len() != 10 {
                return None;
            }
            let (head, tail) = sequence.split_at(1);
            match head {
                "7" | "8" => {
                    let id: u64 = tail.parse().ok()?;
                    (id < 10_000_000).then(|| format!("{head}{id:07}"))
                }
                // A contract id from 70000 on already shares its prefix with the other kinds.
                "9" => None,
                _ => {
                    let (contract, number) = sequence.split_at(5);
                    let number: u32 = number.parse().ok()?;
                    (number <= 999).then(|| format!("{contract}{number:03}"))
                }
            }
        }
    }
}

/// The portal's sequence for a nosso número as the bank's retorno carries it; `None` when it
/// is not one of this account's.
pub(crate) fn sequence_of(bank: &BankAccount, nosso_numero: &str) -> Option<String> {
    if !nosso_numero.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match bank {
        BankAccount::BancoDoBrasil { agreement, .. } => {
            nosso_numero.strip_prefix(agreement.as_str()).filter(|rest| rest.len() == 10).map(str::to_string)
        }
        BankAccount::Itau { .. } => {
            if nosso_numero.len() != 8 {
                return None;
            }
            let (head, tail) = nosso_numero.split_at(1);
            Some(match head {
                "7" | "8" => format!("{head}00{tail}"),
                "9" => return None,
                _ => {
                    let (contract, number) = nosso_numero.split_at(5);
                    format!("{contract}00{number}")
                }
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn itau() -> BankAccount {
        BankAccount::itau("1234", "12345", "109").unwrap()
    }

    fn bb() -> BankAccount {
        BankAccount::banco_do_brasil("1234567", "17").unwrap()
    }

    #[test]
    fn every_kind_of_sequence_goes_to_the_bank_and_comes_back() {
        for sequence in ["0011700012", "6999900999", "8000000042", "8009999999", "7000001234"] {
            let number = bank_number(&itau(), sequence).unwrap();
            assert_eq!(number.len(), 8, "{sequence}");
            assert_eq!(sequence_of(&itau(), &number).as_deref(), Some(sequence));
            let bb_number = bb().nosso_numero(&bank_number(&bb(), sequence).unwrap()).unwrap();
            assert_eq!(sequence_of(&bb(), &bb_number).as_deref(), Some(sequence));
        }
        assert_eq!(bank_number(&itau(), "0011700012").as_deref(), Some("00117012"));
        assert_eq!(bank_number(&itau(), "8000000042").as_deref(), Some("80000042"));
    }

    #[test]
    fn what_does_not_fold_gets_no_itau_number() {
        assert_eq!(bank_number(&itau(), "0011701000"), None);
        assert_eq!(bank_number(&itau(), "8010000000"), None);
        assert_eq!(bank_number(&itau(), "9000100001"), None);
        assert_eq!(bank_number(&itau(), "12x"), None);
        assert_eq!(sequence_of(&itau(), "9000000"), None);
        assert_eq!(sequence_of(&bb(), "76543210000000001"), None);
        assert_eq!(sequence_of(&bb(), "1234567000000001"), None);
    }
}
