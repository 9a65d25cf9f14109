use std::str::FromStr;

use time::Date;

use super::model::{ExistsKind, FieldError, RegistrationField, RegistrationForm, RegistrationStatus};
use super::store::NewRegisteredPerson;
use crate::audit::Actor;
use crate::auth::{check_new_password, AuthError, PasswordRule, RequestOrigin};
use crate::br::{is_valid_ddd, BrError, Phone, TaxId};
use crate::ratelimit::{RetryAfter, EXISTS_CHECK_PER_IP, REGISTRATION_PER_IP};
use crate::store::StoreError;
use crate::time_br::{iso_date, parse_iso_date, today_in_sao_paulo};
use crate::Portal;

const MAX_NAME_CHARS: usize = 120;
const MAX_SECONDARY_DOCUMENT_CHARS: usize = 30;
const MAX_EMAIL_CHARS: usize = 254;

#[derive(Debug, thiserror::Error)]
pub enum RegistrationError {
    /// Staff turned open registration off.
    #[error("registration is closed")]
    Closed,
    /// Every broken rule, one per field.
    #[error("invalid registration")]
    Invalid(Vec<FieldError>),
    #[error("too many attempts; retry in {} s", .0 .0)]
    RateLimited(RetryAfter),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Password(#[from] crate::auth::password::PasswordError),
    /// Opening the new session failed.
    #[error(transparent)]
    Session(AuthError),
}

impl From<AuthError> for RegistrationError {
    fn from(error: AuthError) -> Self {
        match error {
            AuthError::RateLimited(retry) => Self::RateLimited(retry),
            AuthError::Store(store) => Self::Store(store),
            other => Self::Session(other),
        }
    }
}

/// The answer of the "already registered?" check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Availability {
    Available,
    /// Someone is registered with it (the enumeration trade-off the README documents); the
    /// sentence for the field.
    Taken(String),
    /// Not a valid e-mail or CPF/CNPJ: why, for the field.
    Invalid(String),
}

/// A form that passed every rule, in canonical form.
pub(crate) struct ValidRegistration {
    pub company: bool,
    pub name: String,
    pub trade_name: Option<String>,
    pub document: TaxId,
    pub secondary_document: Option<String>,
    pub birth_date: Option<Date>,
    pub gender: Option<&'static str>,
    pub email: String,
    pub phone: Option<Phone>,
}

/// Collapses runs of whitespace: `"  Ana   Maria "` → `"Ana Maria"`.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A valid e-mail address, lower-cased; the domain must have a dot (`nome@provedor.com.br`).
pub(crate) fn parse_email(input: &str) -> Result<String, String> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Err("Informe o e-mail.".into());
    }
    let invalid = || "E-mail inválido: confira o endereço (exemplo: nome@provedor.com.br).".to_string();
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Err(invalid());
    }
    let address = lettre::Address::from_str(&email).map_err(|_| invalid())?;
    let domain = address.domain();
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return Err(invalid());
    }
    Ok(email)
}

/// A CPF or CNPJ; with `company`, it must be the right one for the legal personality.
pub(crate) fn parse_document(input: &str, company: Option<bool>) -> Result<TaxId, String> {
    if input.trim().is_empty() {
        return Err("Informe o CPF ou o CNPJ.".into());
    }
    let document = TaxId::parse(input).map_err(|error| error.to_string())?;
    match (company, &document) {
        (Some(false), TaxId::Cnpj(_)) => Err("Para pessoa física, informe um CPF.".into()),
        (Some(true), TaxId::Cpf(_)) => Err("Para pessoa jurídica, informe um CNPJ.".into()),
        _ => Ok(document),
    }
}

pub(crate) fn taken_message(kind: ExistsKind, document: Option<&TaxId>) -> String {
    let what = match (kind, document) {
        (ExistsKind::Email, _) => "este e-mail",
        (ExistsKind::Document, Some(TaxId::Cnpj(_))) => "este CNPJ",
        (ExistsKind::Document, _) => "este CPF",
    };
    format!("Já existe um cadastro com {what}. Entre com sua senha ou use \"Esqueci minha senha\".")
}

/// Every rule of seed 001 that needs no database, one message per field.
fn check_form(form: &RegistrationForm, today: Date) -> (Vec<FieldError>, Option<ValidRegistration>) {
    check_person_form(form, today, true)
}

/// [`check_form`]; a person staff register has no password (they create one at first access).
pub(crate) fn check_person_form(
    form: &RegistrationForm,
    today: Date,
    password_required: bool,
) -> (Vec<FieldError>, Option<ValidRegistration>) {
    use RegistrationField as Field;
    let mut errors = Vec::new();
    let mut fail = |field: Field, message: String| errors.push(FieldError { field, message });

    let company = match form.legal_personality.trim() {
        "0" => Some(false),
        "1" => Some(true),
        _ => {
            fail(Field::LegalPersonality, "Escolha pessoa física ou pessoa jurídica.".into());
            None
        }
    };
    let is_company = company == Some(true);

    let name1 = tidy(&form.name1);
    let name1_label = if is_company { "a razão social" } else { "o nome" };
    if name1.is_empty() {
        fail(Field::Name1, format!("Informe {name1_label}."));
    } else if name1.chars().count() <= 3 {
        fail(Field::Name1, format!("Escreva {name1_label} com mais de 3 caracteres, sem abreviar."));
    } else if name1.chars().count() > MAX_NAME_CHARS {
        fail(Field::Name1, format!("Use até {MAX_NAME_CHARS} caracteres."));
    }
    let name2 = tidy(&form.name2);
    let name2_label = if is_company { "O nome fantasia" } else { "O sobrenome" };
    if !name2.is_empty() && name2.chars().count() <= 3 {
        fail(Field::Name2, format!("{name2_label} deve ter mais de 3 caracteres (ou deixe em branco)."));
    } else if name2.chars().count() > MAX_NAME_CHARS {
        fail(Field::Name2, format!("Use até {MAX_NAME_CHARS} caracteres."));
    }

    let document =
        parse_document(&form.document1, company).map_err(|message| fail(Field::Document1, message)).ok();
    let secondary_document = tidy(&form.document2);
    if secondary_document.chars().count() > MAX_SECONDARY_DOCUMENT_CHARS {
        fail(Field::Document2, format!("Use até {MAX_SECONDARY_DOCUMENT_CHARS} caracteres."));
    }

    let birth_date = match form.date_of_birth.trim() {
        "" => None,
        text => match parse_iso_date(text) {
            Some(date) if date >= today => {
                fail(Field::DateOfBirth, "A data deve ser anterior a hoje.".into());
                None
            }
            Some(date) if date.year() < 1900 => {
                fail(Field::DateOfBirth, "Confira o ano: a data parece errada.".into());
                None
            }
            Some(date) => Some(date),
            None => {
                fail(Field::DateOfBirth, "Data inválida: use o formato AAAA-MM-DD (ex.: 1994-11-07).".into());
                None
            }
        },
    };

    let gender = match form.gender.trim().to_lowercase().as_str() {
        "" => None,
        "m" => Some("m"),
        "f" => Some("f"),
        _ => {
            fail(Field::Gender, "Escolha masculino (m), feminino (f) ou deixe sem informar.".into());
            None
        }
    };

    let email = parse_email(&form.email).map_err(|message| fail(Field::Email, message)).ok();

    let ddd: String = form.telephone_ddd.chars().filter(char::is_ascii_digit).collect();
    let number: String = form.telephone_number.chars().filter(char::is_ascii_digit).collect();
    let phone = match (ddd.is_empty(), number.is_empty()) {
        (true, true) => None,
        (true, false) => {
            fail(Field::TelephoneDdd, "Informe também o DDD.".into());
            None
        }
        (false, true) => {
            fail(Field::TelephoneNumber, "Informe também o número.".into());
            None
        }
        (false, false) if ddd.len() != 2 || !ddd.parse().is_ok_and(is_valid_ddd) => {
            fail(Field::TelephoneDdd, "DDD inexistente: use os 2 dígitos do código de área.".into());
            None
        }
        (false, false) => match Phone::parse(&format!("{ddd}{number}")) {
            Ok(phone) => Some(phone),
            Err(BrError::PhoneLength) => {
                fail(
                    Field::TelephoneNumber,
                    "O número deve ter 9 dígitos (celular, começando com 9) ou 8 (fixo).".into(),
                );
                None
            }
            Err(error) => {
                fail(Field::TelephoneNumber, error.to_string());
                None
            }
        },
    };

    let identities: Vec<&str> =
        [email.as_deref(), document.as_ref().map(TaxId::canonical)].into_iter().flatten().collect();
    if !password_required {
        // Staff never type a buyer's password.
    } else if form.password.is_empty() {
        fail(Field::Password, "Crie uma senha.".into());
    } else if let Err(rule) = check_new_password(&form.password, &identities) {
        fail(Field::Password, rule.to_string());
    } else if let Some(rule) = crate::auth::password::strength_rule(&form.password, &identities) {
        fail(Field::Password, rule.to_string());
    }
    if let Some(confirmation) = form.password_confirmation.as_ref().filter(|_| password_required) {
        if !form.password.is_empty() && *confirmation != form.password {
            fail(Field::PasswordConfirmation, PasswordRule::ConfirmationMismatch.to_string());
        }
    }

    let valid = match (errors.is_empty(), company, document, email) {
        (true, Some(company), Some(document), Some(email)) => Some(ValidRegistration {
            company,
            name: if company || name2.is_empty() { name1 } else { format!("{name1} {name2}") },
            trade_name: (company && !name2.is_empty()).then_some(name2),
            document,
            secondary_document: (!secondary_document.is_empty()).then_some(secondary_document),
            birth_date,
            gender,
            email,
            phone,
        }),
        _ => None,
    };
    (errors, valid)
}

impl Portal {
    /// Whether open registration is on, and how to reach the company when it is not.
    pub async fn registration_status(&self) -> Result<RegistrationStatus, StoreError> {
        let open = self.registration_open().await?;
        let contact = self.store.company_contact().await?;
        Ok(RegistrationStatus {
            open,
            company_name: contact.as_ref().map(|contact| contact.name.clone()),
            contact_email: contact.as_ref().and_then(|contact| contact.contact_email.clone()),
            contact_phone: contact.and_then(|contact| contact.contact_phone),
        })
    }

    /// Seed 001's "exists" check for the registration form, rate-limited per IP. Saying whether
    /// an e-mail or CPF is registered is an enumeration trade-off the README documents.
    #[tracing::instrument(skip_all, fields(ip = origin.ip.as_deref()))]
    pub async fn check_availability(
        &self,
        kind: ExistsKind,
        value: &str,
        origin: &RequestOrigin,
    ) -> Result<Availability, RegistrationError> {
        self.limit(&EXISTS_CHECK_PER_IP, origin.ip.as_deref().unwrap_or("sem-ip"), self.now()).await?;
        let (taken, document) = match kind {
            ExistsKind::Email => match parse_email(value) {
                Ok(email) => (self.store.person_by_email(&email).await?.is_some(), None),
                Err(message) => return Ok(Availability::Invalid(message)),
            },
            ExistsKind::Document => match parse_document(value, None) {
                Ok(document) => {
                    (self.store.person_by_document(document.canonical()).await?.is_some(), Some(document))
                }
                Err(message) => return Ok(Availability::Invalid(message)),
            },
        };
        Ok(if taken {
            Availability::Taken(taken_message(kind, document.as_ref()))
        } else {
            Availability::Available
        })
    }

    /// Creates a buyer account from the open registration form and sends its e-mail a code:
    /// the account signs in only once that code comes back (anyone can type any address), and
    /// is welcomed then. Every broken rule comes back at once, each under its field.
    #[tracing::instrument(skip_all, fields(ip = origin.ip.as_deref()))]
    pub async fn register(
        &self,
        form: &RegistrationForm,
        origin: &RequestOrigin,
    ) -> Result<Registered, RegistrationError> {
        if !self.registration_open().await? {
            return Err(RegistrationError::Closed);
        }
        let now = self.now();
        self.limit(&REGISTRATION_PER_IP, origin.ip.as_deref().unwrap_or("sem-ip"), now).await?;
        let today = today_in_sao_paulo(self.clock.now());
        let (mut errors, valid) = check_form(form, today);
        // Uniqueness, also for a form with other errors, so that every message comes at once.
        let document = parse_document(&form.document1, None).ok();
        if let Some(document) = &document {
            if self.store.person_by_document(document.canonical()).await?.is_some() {
                errors.push(FieldError {
                    field: RegistrationField::Document1,
                    message: taken_message(ExistsKind::Document, Some(document)),
                });
            }
        }
        if let Ok(email) = parse_email(&form.email) {
            if self.store.person_by_email(&email).await?.is_some() {
                errors.push(FieldError {
                    field: RegistrationField::Email,
                    message: taken_message(ExistsKind::Email, None),
                });
            }
        }
        let valid = match valid {
            Some(valid) if errors.is_empty() => valid,
            _ => {
                errors.dedup_by_key(|error| error.field);
                return Err(RegistrationError::Invalid(errors));
            }
        };

        let hash = self.passwords.hash(&form.password).await?;
        let birth_date = valid.birth_date.map(iso_date);
        let inserted = self
            .store
            .insert_registered_person(&NewRegisteredPerson {
                kind: if valid.company { "PJ" } else { "PF" },
                name: &valid.name,
                trade_name: valid.trade_name.as_deref(),
                document: valid.document.canonical(),
                secondary_document: valid.secondary_document.as_deref(),
                birth_date: birth_date.as_deref(),
                gender: valid.gender,
                email: &valid.email,
                phone: valid.phone.as_ref().map(Phone::digits),
                password_hash: &hash,
                now,
            })
            .await;
        let person_id = match inserted {
            Ok(id) => id,
            // Someone registered the same e-mail or document a moment ago.
            Err(StoreError::Database(sqlx::Error::Database(error))) if error.is_unique_violation() => {
                return Err(RegistrationError::Invalid(vec![FieldError {
                    field: RegistrationField::Document1,
                    message: taken_message(ExistsKind::Document, Some(&valid.document)),
                }]));
            }
            Err(other) => return Err(other.into()),
        };
        let detail = if valid.company { "PJ" } else { "PF" };
        self.store
            .record_audit(now, Actor::Person(person_id), "registered", origin.ip.as_deref(), detail)
            .await?;
        let challenge = self.send_email_confirmation(person_id, &valid.email, &valid.name, origin).await?;
        Ok(Registered { person_id, challenge })
    }
}

/// A new account waiting for its e-mail's code.
#[derive(Debug, Clone)]
pub struct Registered {
    pub person_id: i64,
    /// Send it back with the code to `login_with_code`.
    pub challenge: crate::auth::codes::CodeChallenge,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn valid_form() -> RegistrationForm {
        RegistrationForm {
            legal_personality: "0".into(),
            name1: "Mariana".into(),
            name2: "Lopes".into(),
            document1: "111.444.777-35".into(),
            email: "Mariana@Exemplo.com.br".into(),
            password: "uma frase longa e boa".into(),
            ..Default::default()
        }
    }

    fn errors_of(form: &RegistrationForm) -> Vec<(RegistrationField, String)> {
        check_form(form, date!(2026 - 11 - 22)).0.into_iter().map(|e| (e.field, e.message)).collect()
    }

    fn fields_of(form: &RegistrationForm) -> Vec<RegistrationField> {
        errors_of(form).into_iter().map(|(field, _)| field).collect()
    }

    #[test]
    fn a_valid_form_becomes_canonical() {
        let (errors, valid) = check_form(&valid_form(), date!(2026 - 11 - 22));
        assert!(errors.is_empty(), "{errors:?}");
        let valid = valid.unwrap();
        assert_eq!(valid.name, "Mariana Lopes");
        assert_eq!(valid.email, "mariana@exemplo.com.br");
        assert_eq!(valid.document.canonical(), "11144477735");
        assert!(!valid.company && valid.trade_name.is_none() && valid.phone.is_none());
    }

    #[test]
    fn each_seed_rule_reports_under_its_field() {
        use RegistrationField as F;
        let with = |change: fn(&mut RegistrationForm)| {
            let mut form = valid_form();
            change(&mut form);
            fields_of(&form)
        };
        assert_eq!(with(|f| f.legal_personality = "2".into()), [F::LegalPersonality]);
        assert_eq!(with(|f| f.name1 = "Ana".into()), [F::Name1]);
        assert_eq!(with(|f| f.name1 = "   ".into()), [F::Name1]);
        assert_eq!(with(|f| f.name2 = "Sá".into()), [F::Name2]);
        assert_eq!(with(|f| f.name2 = String::new()), []);
        assert_eq!(with(|f| f.document1 = "111.444.777-36".into()), [F::Document1]);
        assert_eq!(with(|f| f.document1 = String::new()), [F::Document1]);
        assert_eq!(with(|f| f.document1 = "12.ABC.345/01DE-35".into()), [F::Document1], "PF needs a CPF");
        assert_eq!(
            with(|f| f.date_of_birth = "2026-11-22".into()),
            [F::DateOfBirth],
            "today is not before today"
        );
        assert_eq!(with(|f| f.date_of_birth = "07/11/1994".into()), [F::DateOfBirth]);
        assert_eq!(with(|f| f.date_of_birth = "1994-11-07".into()), []);
        assert_eq!(with(|f| f.gender = "x".into()), [F::Gender]);
        assert_eq!(with(|f| f.gender = "F".into()), []);
        assert_eq!(with(|f| f.email = "mariana@exemplo".into()), [F::Email]);
        assert_eq!(with(|f| f.email = "mariana.exemplo.com".into()), [F::Email]);
        assert_eq!(with(|f| f.email = String::new()), [F::Email]);
        assert_eq!(with(|f| f.password = "curta".into()), [F::Password]);
        assert_eq!(with(|f| f.password = "12345678".into()), [F::Password], "common password");
        assert_eq!(with(|f| f.password = "mariana@exemplo.com.br".into()), [F::Password], "same as e-mail");
        assert_eq!(with(|f| f.password_confirmation = Some("outra".into())), [F::PasswordConfirmation]);
        assert_eq!(with(|f| f.document2 = "x".repeat(31)), [F::Document2]);
    }

    #[test]
    fn phone_rules_name_the_wrong_part() {
        use RegistrationField as F;
        let phone = |ddd: &str, number: &str| {
            fields_of(&RegistrationForm {
                telephone_ddd: ddd.into(),
                telephone_number: number.into(),
                ..valid_form()
            })
        };
        assert_eq!(phone("11", "985335155"), []);
        assert_eq!(phone("(41)", "3333-4444"), [], "landline");
        assert_eq!(phone("20", "985335155"), [F::TelephoneDdd], "DDD 20 does not exist");
        assert_eq!(phone("11", "885335155"), [F::TelephoneNumber], "mobile must start with 9");
        assert_eq!(phone("11", "9853"), [F::TelephoneNumber]);
        assert_eq!(phone("", "985335155"), [F::TelephoneDdd]);
        assert_eq!(phone("11", ""), [F::TelephoneNumber]);
    }

    #[test]
    fn companies_need_a_cnpj_and_keep_the_trade_name() {
        let form = RegistrationForm {
            legal_personality: "1".into(),
            name1: "Mirante Participações Ltda".into(),
            name2: "Mirante".into(),
            document1: "12.ABC.345/01DE-35".into(),
            ..valid_form()
        };
        let (errors, valid) = check_form(&form, date!(2026 - 11 - 22));
        assert!(errors.is_empty(), "{errors:?}");
        let valid = valid.unwrap();
        assert_eq!(
            (valid.name.as_str(), valid.trade_name.as_deref()),
            ("Mirante Participações Ltda", Some("Mirante"))
        );
        let with_cpf = RegistrationForm { document1: "111.444.777-35".into(), ..form };
        assert_eq!(fields_of(&with_cpf), [RegistrationField::Document1]);
    }

    #[test]
    fn every_broken_rule_comes_at_once() {
        let form = RegistrationForm { legal_personality: "0".into(), ..Default::default() };
        let fields = fields_of(&form);
        for field in [
            RegistrationField::Name1,
            RegistrationField::Document1,
            RegistrationField::Email,
            RegistrationField::Password,
        ] {
            assert!(fields.contains(&field), "{field:?} missing from {fields:?}");
        }
    }
}
