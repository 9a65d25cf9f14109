//! A company's bank and PIX settings: checked from the form, kept per company, turned into
//! what boletos and CNAB files need.

use sqlx::FromRow;

use super::model::BillingForm;
use crate::br::boleto::BankAccount;
use crate::br::cnab240::{BankAccountCnab, CnabBank};
use crate::br::pix::check_payee;
use crate::finance::{
    parse_percent, PaymentSettings, MAX_LATE_FINE_BASIS_POINTS, MAX_MONTHLY_INTEREST_BASIS_POINTS,
};
use crate::records::rules::{refuse, FieldErrors};

/// The most a discount for early payment may be: 5 % a month.
pub const MAX_MONTHLY_DISCOUNT_BASIS_POINTS: u32 = 500;
/// The most days after the due date a boleto may still be paid.
pub const MAX_DAYS_PAYABLE_AFTER_DUE: u32 = 120;

/// One `company_billing` row.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub(crate) struct CompanyBilling {
    pub company_id: i64,
    pub mode: String,
    pub bank_code: String,
    pub agency: String,
    pub account: String,
    pub agreement: String,
    pub wallet: String,
    pub wallet_variation: String,
    pub beneficiary_name: String,
    pub pix_key: String,
    pub pix_city: String,
    pub late_fine_bp: i64,
    pub monthly_interest_bp: i64,
    pub monthly_discount_bp: i64,
    pub days_payable_after_due: i64,
    pub early_payment: i64,
}

/// `50` → `0,5`, `200` → `2`, `125` → `1,25`.
pub(crate) fn percent_text(basis_points: i64) -> String {
    let text = format!("{},{:02}", basis_points / 100, basis_points % 100);
    text.trim_end_matches('0').trim_end_matches(',').to_string()
}

/// `1234-5` → (`1234`, `5`): digits, a hyphen, one check digit (a digit or X).
fn split_check_digit(text: &str, max_digits: usize) -> Option<(String, char)> {
    let (digits, check) = text.trim().rsplit_once('-')?;
    let digits = digits.trim();
    let check = check.trim().to_ascii_uppercase();
    let mut chars = check.chars();
    let check = chars.next().filter(|c| c.is_ascii_digit() || *c == 'X')?;
    (chars.next().is_none()
        && !digits.is_empty()
        && digits.len() <= max_digits
        && digits.bytes().all(|b| b.is_ascii_digit()))
    .then(|| (digits.to_string(), check))
}

fn exact_digits(text: &str, len: usize) -> Option<String> {
    let text = text.trim();
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.to_string())
}

/// The bank account's fields as stored, once checked for their bank.
struct AccountFields {
    /// `1234-5` at Banco do Brasil, `1234` at Itaú.
    agency: String,
    /// `12345-6`.
    account: String,
    agreement: String,
    wallet: String,
    wallet_variation: String,
}

fn banco_do_brasil_account(form: &BillingForm, errors: &mut FieldErrors) -> Option<AccountFields> {
    let agency = split_check_digit(&form.agency, 5);
    if agency.is_none() {
        refuse(errors, "agency", "Informe a agência com o dígito, por exemplo 1234-5.");
    }
    let account = split_check_digit(&form.account, 12);
    if account.is_none() {
        refuse(errors, "account", "Informe a conta com o dígito, por exemplo 12345-6.");
    }
    let agreement = exact_digits(&form.agreement, 7);
    if agreement.is_none() {
        refuse(errors, "agreement", "O convênio de cobrança do Banco do Brasil tem 7 dígitos.");
    }
    let wallet = exact_digits(&form.wallet, 2);
    if wallet.is_none() {
        refuse(errors, "wallet", "A carteira do Banco do Brasil tem 2 dígitos, por exemplo 17.");
    }
    let variation = exact_digits(&form.wallet_variation, 3);
    if variation.is_none() {
        refuse(errors, "wallet_variation", "A variação da carteira tem 3 dígitos, por exemplo 019.");
    }
    let ((agency, agency_digit), (account, account_digit)) = (agency?, account?);
    Some(AccountFields {
        agency: format!("{agency}-{agency_digit}"),
        account: format!("{account}-{account_digit}"),
        agreement: agreement?,
        wallet: wallet?,
        wallet_variation: variation?,
    })
}

/// Itaú: agência of 4 digits without a check digit, conta of 5 with the DAC Itaú computes from
/// both (so a typo in either is caught here, not by the bank), carteira of 3; no convênio.
fn itau_account(form: &BillingForm, errors: &mut FieldErrors) -> Option<AccountFields> {
    let agency = exact_digits(&form.agency, 4);
    if agency.is_none() {
        refuse(
            errors,
            "agency",
            "No Itaú a agência tem 4 dígitos, sem dígito verificador: por exemplo 1234.",
        );
    }
    let account = split_check_digit(&form.account, 5).filter(|(digits, _)| digits.len() == 5);
    if account.is_none() {
        refuse(errors, "account", "No Itaú a conta tem 5 dígitos e o DAC, por exemplo 12345-6.");
    }
    let wallet = exact_digits(&form.wallet, 3);
    let bank = match (&agency, &account, &wallet) {
        (Some(agency), Some((account, _)), Some(wallet)) => {
            match BankAccount::itau(agency, account, wallet) {
                Ok(bank) => Some(bank),
                Err(error) => {
                    refuse(errors, "wallet", &error.to_string());
                    None
                }
            }
        }
        _ => None,
    };
    if wallet.is_none() {
        refuse(errors, "wallet", "A carteira do Itaú tem 3 dígitos, por exemplo 109.");
    }
    let (agency, (account, typed_digit), wallet, bank) = (agency?, account?, wallet?, bank?);
    let expected = bank.account_check_digit().map(|digit| char::from(b'0' + digit));
    if expected != Some(typed_digit) {
        refuse(
            errors,
            "account",
            "O DAC da conta não confere com a agência e a conta (o Itaú o calcula das duas): confira os números.",
        );
        return None;
    }
    Some(AccountFields {
        agency,
        account: format!("{account}-{typed_digit}"),
        // The Itaú layout has neither: whatever was typed for another bank is not kept.
        agreement: String::new(),
        wallet,
        wallet_variation: String::new(),
    })
}

impl CompanyBilling {
    pub fn form(&self) -> BillingForm {
        BillingForm {
            mode: self.mode.clone(),
            bank_code: self.bank_code.clone(),
            agency: self.agency.clone(),
            account: self.account.clone(),
            agreement: self.agreement.clone(),
            wallet: self.wallet.clone(),
            wallet_variation: self.wallet_variation.clone(),
            beneficiary_name: self.beneficiary_name.clone(),
            pix_key: self.pix_key.clone(),
            pix_city: self.pix_city.clone(),
            late_fine: percent_text(self.late_fine_bp),
            monthly_interest: percent_text(self.monthly_interest_bp),
            monthly_discount: percent_text(self.monthly_discount_bp),
            days_payable_after_due: self.days_payable_after_due.to_string(),
            early_payment: (self.early_payment != 0).then(|| "on".to_string()),
        }
    }

    /// Checks every field; each broken rule under its own.
    pub fn parse(company_id: i64, form: &BillingForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !super::model::BILLING_MODES.iter().any(|(code, _)| *code == form.mode) {
            refuse(&mut errors, "mode", "Escolha homologação ou produção.");
        }
        let bank = CnabBank::from_code(form.bank_code.trim());
        let account_fields = match bank {
            Some(CnabBank::Itau) => itau_account(form, &mut errors),
            Some(CnabBank::BancoDoBrasil) => banco_do_brasil_account(form, &mut errors),
            None => {
                refuse(
                    &mut errors,
                    "bank_code",
                    "O portal gera boletos e arquivos CNAB 240 do Banco do Brasil (001) e do Itaú (341).",
                );
                None
            }
        };
        let name = form.beneficiary_name.trim();
        if name.is_empty() || name.chars().count() > 60 {
            refuse(&mut errors, "beneficiary_name", "Informe o nome do beneficiário, até 60 caracteres.");
        } else if let Err(error) = check_payee(&form.pix_key, name, &form.pix_city) {
            let field = if error.to_string().contains("cidade") { "pix_city" } else { "pix_key" };
            refuse(&mut errors, field, &format!("PIX inválido: {error}."));
        }
        if form.pix_city.trim().is_empty() {
            refuse(&mut errors, "pix_city", "Informe a cidade do recebedor do PIX.");
        }
        let fine = parse_percent(&form.late_fine, MAX_LATE_FINE_BASIS_POINTS);
        if fine.is_none() {
            refuse(
                &mut errors,
                "late_fine",
                "A multa vai de 0 a 2 % (Código de Defesa do Consumidor, art. 52).",
            );
        }
        let interest = parse_percent(&form.monthly_interest, MAX_MONTHLY_INTEREST_BASIS_POINTS);
        if interest.is_none() {
            refuse(
                &mut errors,
                "monthly_interest",
                "Os juros vão de 0 a 10 % ao mês, com até duas casas decimais.",
            );
        }
        let discount = parse_percent(&form.monthly_discount, MAX_MONTHLY_DISCOUNT_BASIS_POINTS);
        if discount.is_none() {
            refuse(&mut errors, "monthly_discount", "O desconto vai de 0 a 5 % por mês antecipado.");
        }
        let days = form
            .days_payable_after_due
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|days| *days <= MAX_DAYS_PAYABLE_AFTER_DUE);
        if days.is_none() {
            refuse(&mut errors, "days_payable_after_due", "Informe de 0 a 120 dias.");
        } else if let (Some(days), Some(bank)) = (days, bank) {
            if days > u32::from(bank.max_days_payable_after_due()) {
                refuse(
                    &mut errors,
                    "days_payable_after_due",
                    "O arquivo do Itaú leva até 99 dias de pagamento após o vencimento.",
                );
            }
        }
        let Some(AccountFields { agency, account, agreement, wallet, wallet_variation: variation }) =
            account_fields
        else {
            return Err(errors);
        };
        let (Some(fine), Some(interest), Some(discount), Some(days), true) =
            (fine, interest, discount, days, errors.is_empty())
        else {
            return Err(errors);
        };
        Ok(Self {
            company_id,
            mode: form.mode.clone(),
            bank_code: form.bank_code.trim().to_string(),
            agency,
            account,
            agreement,
            wallet,
            wallet_variation: variation,
            beneficiary_name: name.to_string(),
            pix_key: form.pix_key.trim().to_string(),
            pix_city: form.pix_city.trim().to_string(),
            late_fine_bp: fine.into(),
            monthly_interest_bp: interest.into(),
            monthly_discount_bp: discount.into(),
            days_payable_after_due: days.into(),
            early_payment: i64::from(form.early_payment.is_some()),
        })
    }

    pub fn is_test(&self) -> bool {
        self.mode == "homologacao"
    }

    /// Whether boletos registered under `self` are the same account's under `other`.
    pub fn same_account(&self, other: &Self) -> bool {
        (&self.bank_code, &self.agency, &self.account, &self.agreement, &self.wallet)
            == (&other.bank_code, &other.agency, &other.account, &other.agreement, &other.wallet)
    }

    /// `Banco do Brasil S.A., 1234-5 / 12345-6`.
    pub fn account_label(&self) -> String {
        let bank = match CnabBank::from_code(&self.bank_code) {
            Some(bank) => bank.display_name().to_string(),
            None => format!("banco {}", self.bank_code),
        };
        format!("{bank}, {} / {}", self.agency, self.account)
    }

    /// The account boletos of this company are paid into.
    pub fn boleto_bank(&self) -> Option<BankAccount> {
        match CnabBank::from_code(&self.bank_code)? {
            CnabBank::BancoDoBrasil => BankAccount::banco_do_brasil(&self.agreement, &self.wallet).ok(),
            CnabBank::Itau => {
                let (account, _) = split_check_digit(&self.account, 5)?;
                BankAccount::itau(&self.agency, &account, &self.wallet).ok()
            }
        }
    }

    /// What boletos of this company print and encode.
    pub fn payment_settings(&self, company_cnpj: &str) -> Option<PaymentSettings> {
        let bank = CnabBank::from_code(&self.bank_code)?;
        Some(PaymentSettings {
            bank: self.boleto_bank()?,
            bank_name: bank.display_name().into(),
            agency_account: format!("{} / {}", self.agency, self.account),
            beneficiary_name: self.beneficiary_name.clone(),
            beneficiary_document: crate::br::Cnpj::parse(company_cnpj)
                .map_or_else(|_| company_cnpj.to_string(), |cnpj| cnpj.to_string()),
            pix_key: self.pix_key.clone(),
            pix_city: self.pix_city.clone(),
            late_fine_basis_points: self.late_fine_bp as u32,
            monthly_interest_basis_points: self.monthly_interest_bp as u32,
        })
    }

    /// The account as CNAB files carry it.
    pub fn cnab_account(&self, company_cnpj: &str, company_name: &str) -> Option<BankAccountCnab> {
        let bank = CnabBank::from_code(&self.bank_code)?;
        let (agency, agency_digit) = match bank {
            CnabBank::BancoDoBrasil => {
                split_check_digit(&self.agency, 5).map(|(agency, digit)| (agency, Some(digit)))?
            }
            CnabBank::Itau => (exact_digits(&self.agency, 4)?, None),
        };
        let (account, account_digit) = split_check_digit(&self.account, 12)?;
        Some(BankAccountCnab {
            bank,
            company_cnpj: company_cnpj.to_string(),
            company_name: company_name.to_string(),
            agency,
            agency_digit,
            account,
            account_digit,
            agreement: self.agreement.clone(),
            wallet: self.wallet.clone(),
            wallet_variation: self.wallet_variation.clone(),
        })
    }

    /// The changes from `before`, for the audit trail.
    pub fn changes_from(&self, before: Option<&Self>) -> String {
        let old = before.map(Self::form).unwrap_or_default();
        let new = self.form();
        let yes_no = |value: &Option<String>| if value.is_some() { "sim" } else { "não" }.to_string();
        crate::records::rules::changes(&[
            ("modo", old.mode, new.mode),
            ("banco", old.bank_code, new.bank_code),
            ("agência", old.agency, new.agency),
            ("conta", old.account, new.account),
            ("convênio", old.agreement, new.agreement),
            ("carteira", old.wallet, new.wallet),
            ("variação", old.wallet_variation, new.wallet_variation),
            ("beneficiário", old.beneficiary_name, new.beneficiary_name),
            ("chave PIX", old.pix_key, new.pix_key),
            ("cidade PIX", old.pix_city, new.pix_city),
            ("multa %", old.late_fine, new.late_fine),
            ("juros % ao mês", old.monthly_interest, new.monthly_interest),
            ("desconto % ao mês", old.monthly_discount, new.monthly_discount),
            ("dias após o vencimento", old.days_payable_after_due, new.days_payable_after_due),
            ("antecipação", yes_no(&old.early_payment), yes_no(&new.early_payment)),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> BillingForm {
        BillingForm {
            mode: "producao".into(),
            bank_code: "001".into(),
            agency: "1234-5".into(),
            account: "12345-X".into(),
            agreement: "1234567".into(),
            wallet: "17".into(),
            wallet_variation: "019".into(),
            beneficiary_name: "Horizonte SPE Palmeiras Ltda".into(),
            pix_key: "financeiro@horizonte.exemplo.com.br".into(),
            pix_city: "Curitiba".into(),
            late_fine: "2".into(),
            monthly_interest: "1".into(),
            monthly_discount: "0,5".into(),
            days_payable_after_due: "59".into(),
            early_payment: Some("on".into()),
        }
    }

    #[test]
    fn a_complete_form_is_kept_and_shown_back_as_typed() {
        let billing = CompanyBilling::parse(1, &form()).unwrap();
        assert_eq!((billing.late_fine_bp, billing.monthly_discount_bp, billing.early_payment), (200, 50, 1));
        assert_eq!(billing.form(), form());
        let account = billing.cnab_account("12345678000195", "Horizonte").unwrap();
        assert_eq!((account.account.as_str(), account.account_digit), ("12345", 'X'));
    }

    #[test]
    fn each_broken_rule_is_named_under_its_field() {
        let broken = BillingForm {
            mode: "teste".into(),
            agency: "1234".into(),
            account: "12a45-6".into(),
            agreement: "123".into(),
            wallet: "7".into(),
            wallet_variation: "19".into(),
            late_fine: "2,5".into(),
            monthly_interest: "11".into(),
            monthly_discount: "-1".into(),
            days_payable_after_due: "121".into(),
            pix_key: "chave com espaço".into(),
            ..form()
        };
        let errors = CompanyBilling::parse(1, &broken).unwrap_err();
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "account",
                "agency",
                "agreement",
                "days_payable_after_due",
                "late_fine",
                "mode",
                "monthly_discount",
                "monthly_interest",
                "pix_key",
                "wallet",
                "wallet_variation"
            ]
        );
    }

    #[test]
    fn a_bank_the_portal_does_not_write_is_named_alone() {
        let errors =
            CompanyBilling::parse(1, &BillingForm { bank_code: "104".into(), ..form() }).unwrap_err();
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["bank_code"]);
    }

    fn itau_form() -> BillingForm {
        BillingForm {
            bank_code: "341".into(),
            agency: "1248".into(),
            account: "02124-6".into(),
            wallet: "109".into(),
            ..form()
        }
    }

    #[test]
    fn an_itau_account_is_checked_by_its_own_rules() {
        let billing = CompanyBilling::parse(1, &itau_form()).unwrap();
        // What only Banco do Brasil uses is not kept.
        assert_eq!((billing.agreement.as_str(), billing.wallet_variation.as_str()), ("", ""));
        let bank = billing.boleto_bank().unwrap();
        assert_eq!(bank.printed_nosso_numero("10152").unwrap(), "109/00010152-7");
        let settings = billing.payment_settings("12345678000195").unwrap();
        assert_eq!(settings.bank_name, "Itaú Unibanco S.A.");
        let account = billing.cnab_account("12345678000195", "Horizonte").unwrap();
        assert_eq!(
            (account.bank, account.agency.as_str(), account.agency_digit),
            (CnabBank::Itau, "1248", None)
        );

        let refused = |form: BillingForm| {
            let errors = CompanyBilling::parse(1, &form).unwrap_err();
            errors.into_keys().collect::<Vec<_>>()
        };
        assert_eq!(refused(BillingForm { account: "02124-5".into(), ..itau_form() }), ["account"]);
        assert_eq!(refused(BillingForm { agency: "1248-1".into(), ..itau_form() }), ["agency"]);
        assert_eq!(refused(BillingForm { wallet: "198".into(), ..itau_form() }), ["wallet"]);
        assert_eq!(refused(BillingForm { wallet: "17".into(), ..itau_form() }), ["wallet"]);
        assert_eq!(
            refused(BillingForm { days_payable_after_due: "100".into(), ..itau_form() }),
            ["days_payable_after_due"]
        );
    }
}
