use std::collections::BTreeMap;

use super::model::*;
use super::store::{PeopleQuery, PersonRecord};
use crate::br::{Phone, TaxId};
use crate::notifications::{staff_templates, Channel};
use crate::paging::PageRequest;
use crate::ratelimit::RateLimit;
use crate::registration::service::{check_person_form, parse_document, taken_message, ValidRegistration};
use crate::registration::{ExistsKind, RegistrationForm};
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::time_br::{display_iso_date, format_timestamp, iso_date, today_in_sao_paulo};
use crate::Portal;

/// First-access invitations one person may get: enough to resend, too few to spam them.
const INVITATIONS_PER_PERSON: RateLimit =
    RateLimit { name: "first-access-invitation", limit: 3, window_seconds: 3600 };

fn subject_of(person_id: i64) -> String {
    format!("person:{person_id}")
}

fn formatted_document(canonical: &str) -> String {
    TaxId::from_canonical(canonical).map_or_else(|_| canonical.to_string(), |document| document.to_string())
}

fn formatted_phone(digits: &str) -> String {
    Phone::parse(digits).map_or_else(|_| digits.to_string(), |phone| phone.to_string())
}

fn row_of(record: &PersonRecord) -> PersonRow {
    PersonRow {
        id: record.id,
        name: record.name.clone(),
        kind: record.kind.clone(),
        document: formatted_document(&record.document),
        email: record.email.clone(),
        phone: record.phone.as_deref().map(formatted_phone),
        contracts: record.contracts,
        awaiting_confirmation: matches!(record.origin.as_str(), "self" | "partner")
            && record.confirmed_at.is_none(),
        blocked: record.blocked_at.is_some(),
        has_password: record.has_password != 0,
    }
}

/// The edit form as the stored person fills it (seed 001's field names).
fn form_of(record: &PersonRecord) -> RegistrationForm {
    let company = record.kind == "PJ";
    // A PF's whole name goes in the first field: open registration joins nome and sobrenome,
    // and a short first name ("Ana") alone would break its rule.
    let (name1, name2) = if company {
        (record.name.clone(), record.trade_name.clone().unwrap_or_default())
    } else {
        (record.name.clone(), String::new())
    };
    let phone = record.phone.clone().unwrap_or_default();
    RegistrationForm {
        legal_personality: if company { "1" } else { "0" }.to_string(),
        name1,
        name2,
        document1: formatted_document(&record.document),
        document2: record.secondary_document.clone().unwrap_or_default(),
        date_of_birth: record.birth_date.clone().unwrap_or_default(),
        gender: record.gender.clone().unwrap_or_default(),
        email: record.email.clone(),
        telephone_ddd: phone.get(..2).unwrap_or_default().to_string(),
        telephone_number: phone.get(2..).unwrap_or_default().to_string(),
        ..RegistrationForm::default()
    }
}

fn fields(errors: Vec<crate::registration::FieldError>) -> StaffError {
    let mut map = BTreeMap::new();
    for error in errors {
        map.entry(error.field.code().to_string()).or_insert(error.message);
    }
    StaffError::Fields(map)
}

/// What changed between two versions of a person, for the audit trail.
fn changes(before: &PersonRecord, after: &ValidRegistration, birth_date: Option<&str>) -> String {
    let pairs = [
        ("nome", before.name.clone(), after.name.clone()),
        (
            "nome fantasia",
            before.trade_name.clone().unwrap_or_default(),
            after.trade_name.clone().unwrap_or_default(),
        ),
        (
            "RG/IE",
            before.secondary_document.clone().unwrap_or_default(),
            after.secondary_document.clone().unwrap_or_default(),
        ),
        (
            "nascimento",
            before.birth_date.clone().unwrap_or_default(),
            birth_date.unwrap_or_default().to_string(),
        ),
        ("gênero", before.gender.clone().unwrap_or_default(), after.gender.unwrap_or_default().to_string()),
        ("e-mail", before.email.clone(), after.email.clone()),
        (
            "celular",
            before.phone.clone().unwrap_or_default(),
            after.phone.as_ref().map(|p| p.digits().to_string()).unwrap_or_default(),
        ),
    ];
    let changed: Vec<String> = pairs
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| {
            format!(
                "{field}: {} → {}",
                if old.is_empty() { "(vazio)" } else { &old },
                if new.is_empty() { "(vazio)" } else { &new }
            )
        })
        .collect();
    changed.join("; ")
}

impl Portal {
    /// One page of the people `staff` may see, searched by name, e-mail, CPF/CNPJ or phone.
    pub async fn staff_people(
        &self,
        staff: &CurrentStaff,
        filter: &PeopleFilter,
    ) -> Result<PeopleList, StaffError> {
        staff.require(Permission::ViewPeople)?;
        let search = filter.search.trim().to_lowercase().replace(['%', '_'], "");
        let digits: String =
            search.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_uppercase();
        let looks_numeric =
            !digits.is_empty() && digits.chars().filter(char::is_ascii_digit).count() * 2 >= digits.len();
        let (text, digits) = if search.is_empty() {
            (String::new(), String::new())
        } else if looks_numeric && !search.contains('@') {
            (String::new(), format!("%{digits}%"))
        } else {
            (format!("%{search}%"), String::new())
        };
        let (order, order_sql) = crate::paging::order_by(&filter.order, &PEOPLE_ORDERS, "nome", "p.id");
        let query = PeopleQuery {
            order: &order_sql,
            scope: &staff.scope,
            text: &text,
            digits: &digits,
            awaiting_confirmation: filter.situation == "confirmar",
            blocked: filter.situation == "bloqueadas",
            without_access: filter.situation == "sem-acesso",
        };
        let page = PageRequest::new(Some(filter.page), Some(u64::from(PEOPLE_PER_PAGE)));
        let found = self.store.people_page(&query, page).await?;
        Ok(PeopleList {
            order,
            rows: found.items.iter().map(row_of).collect(),
            total: found.total,
            page: page.number(),
            pages: (found.total.max(0) as u64).div_ceil(u64::from(PEOPLE_PER_PAGE)).max(1),
        })
    }

    async fn person_in_scope(
        &self,
        staff: &CurrentStaff,
        person_id: i64,
    ) -> Result<PersonRecord, StaffError> {
        self.store.person_for_staff(&staff.scope, person_id).await?.ok_or(StaffError::NotFound)
    }

    /// A person's page: data, contracts, addresses, sessions and trail.
    pub async fn staff_person(
        &self,
        staff: &CurrentStaff,
        person_id: i64,
    ) -> Result<PersonDetail, StaffError> {
        staff.require(Permission::ViewPeople)?;
        let record = self.person_in_scope(staff, person_id).await?;
        let contracts = self
            .store
            .contracts_of_person_for_staff(person_id)
            .await?
            .into_iter()
            .map(|contract| PersonContract {
                id: contract.id,
                number: contract.number,
                development: contract.development,
                unit: match contract.block {
                    Some(block) => format!("{block} · unidade {}", contract.unit_number),
                    None => format!("Unidade {}", contract.unit_number),
                },
                role: if contract.role == "titular" { "Titular" } else { "Cocomprador" }.to_string(),
                status: crate::property::ContractStatus::from_code(&contract.status).label().to_string(),
            })
            .collect();
        let addresses = self
            .store
            .addresses_of(person_id)
            .await?
            .into_iter()
            .map(|a| {
                let complement = a.complement.map(|c| format!(", {c}")).unwrap_or_default();
                format!(
                    "{}: {}, {}{complement} – {}, {}/{} – CEP {}-{}",
                    a.label,
                    a.street,
                    a.number,
                    a.district,
                    a.city,
                    a.state,
                    &a.cep[..5.min(a.cep.len())],
                    &a.cep[5.min(a.cep.len())..]
                )
            })
            .collect();
        let sessions = self
            .store
            .sessions_of_person(person_id, self.now())
            .await?
            .into_iter()
            .map(|session| {
                (
                    crate::auth::device::device_name(&session.kind, session.user_agent.as_deref()),
                    format_timestamp(session.last_seen_at),
                )
            })
            .collect();
        let trail = self
            .store
            .trail_of_person(person_id, 50)
            .await?
            .into_iter()
            .map(|event| TrailEntry {
                at: format_timestamp(event.occurred_at),
                who: match (event.actor_kind.as_str(), event.staff_name) {
                    ("staff", Some(name)) => format!("{name} (equipe)"),
                    ("person", _) => "a própria pessoa".to_string(),
                    ("system", _) => "sistema".to_string(),
                    _ => "anônimo".to_string(),
                },
                action: crate::audit::action_label(&event.action).to_string(),
                detail: event.detail,
                ip: event.ip,
            })
            .collect();
        Ok(PersonDetail {
            row: row_of(&record),
            trade_name: record.trade_name.clone(),
            secondary_document: record.secondary_document.clone(),
            birth_date: record.birth_date.as_deref().map(display_iso_date),
            gender: record
                .gender
                .as_deref()
                .map(|g| if g == "f" { "Feminino" } else { "Masculino" }.to_string()),
            origin: match record.origin.as_str() {
                "self" => "Cadastro pelo site",
                "partner" => "Cadastrada por um parceiro",
                _ => "Cadastrada pela construtora",
            }
            .to_string(),
            confirmed: record.confirmed_at.map(format_timestamp),
            created_at: format_timestamp(record.created_at),
            contracts,
            addresses,
            sessions,
            trail,
            can_edit: staff.may(Permission::EditPeople),
            form: form_of(&record),
        })
    }

    /// Registers a buyer (PF or PJ) with the rules of open registration, without a password:
    /// they create one at first access. Every broken rule comes back under its field.
    pub async fn create_person(
        &self,
        staff: &CurrentStaff,
        form: &RegistrationForm,
    ) -> Result<i64, StaffError> {
        staff.require(Permission::EditPeople)?;
        let today = today_in_sao_paulo(self.clock.now());
        let (mut errors, valid) = check_person_form(form, today, false);
        if let Ok(document) = parse_document(&form.document1, None) {
            if self.store.person_by_document(document.canonical()).await?.is_some() {
                errors.push(crate::registration::FieldError {
                    field: crate::registration::RegistrationField::Document1,
                    message: "Já existe uma pessoa com este documento: procure-a na lista.".to_string(),
                });
            }
        }
        if let Ok(email) = crate::registration::service::parse_email(&form.email) {
            if self.store.person_by_email(&email).await?.is_some() {
                errors.push(crate::registration::FieldError {
                    field: crate::registration::RegistrationField::Email,
                    message: "Já existe uma pessoa com este e-mail.".to_string(),
                });
            }
        }
        let valid = match valid {
            Some(valid) if errors.is_empty() => valid,
            _ => return Err(fields(errors)),
        };
        let birth_date = valid.birth_date.map(iso_date);
        let now = self.now();
        let inserted = self.store.insert_staff_person(&valid, birth_date.as_deref(), staff.id, now).await;
        let id = match inserted {
            Ok(id) => id,
            Err(crate::store::StoreError::Database(sqlx::Error::Database(error)))
                if error.is_unique_violation() =>
            {
                let mut map = BTreeMap::new();
                map.insert(
                    "document1".to_string(),
                    taken_message(ExistsKind::Document, Some(&valid.document)),
                );
                return Err(StaffError::Fields(map));
            }
            Err(other) => return Err(other.into()),
        };
        self.store
            .record_audit_about(
                now,
                staff.actor(),
                "person_created",
                staff.ip.as_deref(),
                &subject_of(id),
                if valid.company { "PJ" } else { "PF" },
            )
            .await?;
        Ok(id)
    }

    /// Changes a person's data (not the kind or the CPF/CNPJ, which identify them); audited
    /// with each changed field before and after.
    pub async fn update_person(
        &self,
        staff: &CurrentStaff,
        person_id: i64,
        form: &RegistrationForm,
    ) -> Result<(), StaffError> {
        staff.require(Permission::EditPeople)?;
        let before = self.person_in_scope(staff, person_id).await?;
        let fixed = RegistrationForm {
            legal_personality: if before.kind == "PJ" { "1" } else { "0" }.to_string(),
            document1: before.document.clone(),
            ..form.clone()
        };
        let today = today_in_sao_paulo(self.clock.now());
        let (mut errors, valid) = check_person_form(&fixed, today, false);
        if let Ok(email) = crate::registration::service::parse_email(&form.email) {
            if self.store.person_by_email(&email).await?.is_some_and(|other| other.id != person_id) {
                errors.push(crate::registration::FieldError {
                    field: crate::registration::RegistrationField::Email,
                    message: "Já existe outra pessoa com este e-mail.".to_string(),
                });
            }
        }
        let valid = match valid {
            Some(valid) if errors.is_empty() => valid,
            _ => return Err(fields(errors)),
        };
        let birth_date = valid.birth_date.map(iso_date);
        let detail = changes(&before, &valid, birth_date.as_deref());
        if detail.is_empty() {
            return Ok(());
        }
        self.store.update_staff_person(person_id, &valid, birth_date.as_deref()).await?;
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "person_updated",
                staff.ip.as_deref(),
                &subject_of(person_id),
                &detail,
            )
            .await?;
        Ok(())
    }

    /// Confirms a self-registered person, so contracts can be linked to them.
    pub async fn confirm_person(&self, staff: &CurrentStaff, person_id: i64) -> Result<(), StaffError> {
        staff.require(Permission::EditPeople)?;
        self.person_in_scope(staff, person_id).await?;
        if self.store.confirm_person(person_id, staff.id, self.now()).await? {
            self.store
                .record_audit_about(
                    self.now(),
                    staff.actor(),
                    "person_confirmed",
                    staff.ip.as_deref(),
                    &subject_of(person_id),
                    "",
                )
                .await?;
        }
        Ok(())
    }

    /// Blocks the person's access (every session ends) or unblocks it.
    pub async fn set_person_blocked(
        &self,
        staff: &CurrentStaff,
        person_id: i64,
        blocked: bool,
    ) -> Result<(), StaffError> {
        staff.require(Permission::EditPeople)?;
        self.person_in_scope(staff, person_id).await?;
        if self.store.set_person_blocked(person_id, blocked, self.now()).await? {
            let action = if blocked { "person_blocked" } else { "person_unblocked" };
            self.store
                .record_audit_about(
                    self.now(),
                    staff.actor(),
                    action,
                    staff.ip.as_deref(),
                    &subject_of(person_id),
                    "",
                )
                .await?;
        }
        Ok(())
    }

    /// Sends the person a link to `/primeiro-acesso` by e-mail or SMS (SMS only to a verified
    /// mobile… or, for a person staff registered, the mobile on file).
    pub async fn invite_to_first_access(
        &self,
        staff: &CurrentStaff,
        person_id: i64,
        channel: Channel,
    ) -> Result<(), StaffError> {
        staff.require(Permission::EditPeople)?;
        let person = self.person_in_scope(staff, person_id).await?;
        if person.blocked_at.is_some() {
            return Err(StaffError::Invalid(
                "O acesso desta pessoa está bloqueado: desbloqueie antes de convidar.".into(),
            ));
        }
        let destination = match channel {
            Channel::Email => person.email.clone(),
            Channel::Sms => match person.phone.as_deref().and_then(|digits| Phone::parse(digits).ok()) {
                Some(phone) if phone.is_mobile() => phone.digits().to_string(),
                _ => {
                    return Err(StaffError::Invalid(
                        "Esta pessoa não tem celular cadastrado: envie por e-mail.".into(),
                    ))
                }
            },
        };
        let now = self.now();
        self.store
            .hit_rate_limit(&INVITATIONS_PER_PERSON, &subject_of(person_id), now)
            .await?
            .map_err(StaffError::RateLimited)?;
        let link = format!("{}/primeiro-acesso", self.public_url);
        self.notify(&staff_templates::first_access_invitation(channel, &destination, &person.name, &link))
            .await?;
        self.store
            .record_audit_about(
                now,
                staff.actor(),
                "first_access_invited",
                staff.ip.as_deref(),
                &subject_of(person_id),
                channel.code(),
            )
            .await?;
        Ok(())
    }
}
