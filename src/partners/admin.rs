//! `/equipe/parceiros`: admins register partner apps, rotate and revoke their keys, and link
//! the people a partner may sign in. Every change is audited on the partner's own trail.

use super::keys::{key_hash, key_of, new_nonce, visible_prefix};
use super::model::*;
use super::redirect::parse_origin;
use super::store::{PartnerRecord, PartnerValues};
use crate::audit::action_label;
use crate::br::TaxId;
use crate::records::rules::{refuse, FieldErrors};
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::time_br::format_timestamp;
use crate::Portal;

/// The draft that hands the page the nonce of a key to show once.
const NEW_KEY_DRAFT: &str = "parceiro-chave";

pub(crate) fn subject_of(id: i64) -> String {
    format!("partner:{id}")
}

pub(crate) fn scopes_of(stored: &str) -> Vec<PartnerScope> {
    stored.split_whitespace().filter_map(PartnerScope::parse).collect()
}

pub(crate) fn origins_of(stored: &str) -> Vec<String> {
    stored.lines().map(str::trim).filter(|line| !line.is_empty()).map(String::from).collect()
}

fn row_of(record: &PartnerRecord) -> PartnerRow {
    PartnerRow {
        id: record.id,
        name: record.name.clone(),
        contact_email: record.contact_email.clone(),
        scopes: scopes_of(&record.scopes),
        key_prefix: record.key_prefix.clone(),
        active: record.revoked_at.is_none(),
        last_used: record.last_used_at.map(format_timestamp),
    }
}

fn form_of(record: &PartnerRecord) -> PartnerForm {
    PartnerForm {
        name: record.name.clone(),
        contact_email: record.contact_email.clone(),
        scopes: scopes_of(&record.scopes).iter().map(|scope| scope.code().to_string()).collect(),
        origins: record.origins.clone(),
        requests_per_minute: record.requests_per_minute.to_string(),
    }
}

/// The form's values as stored, or a sentence under each refused field.
struct ValidPartner {
    name: String,
    contact_email: String,
    scopes: String,
    origins: String,
    requests_per_minute: i64,
}

impl ValidPartner {
    fn values(&self) -> PartnerValues<'_> {
        PartnerValues {
            name: &self.name,
            contact_email: &self.contact_email,
            scopes: &self.scopes,
            origins: &self.origins,
            requests_per_minute: self.requests_per_minute,
        }
    }

    fn parse(form: &PartnerForm, development: bool) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = form.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 80 {
            refuse(&mut errors, "name", "Informe o nome do parceiro, até 80 caracteres.");
        }
        let contact_email =
            crate::registration::service::parse_email(&form.contact_email).unwrap_or_else(|message| {
                refuse(&mut errors, "contact_email", &message);
                String::new()
            });
        let mut scopes = Vec::new();
        for code in &form.scopes {
            match PartnerScope::parse(code) {
                Some(scope) if !scopes.contains(&scope) => scopes.push(scope),
                Some(_) => {}
                None => refuse(&mut errors, "scopes", "Permissão desconhecida."),
            }
        }
        if scopes.is_empty() {
            refuse(&mut errors, "scopes", "Marque ao menos uma permissão.");
        }
        let mut origins = Vec::new();
        for line in form.origins.lines().map(str::trim).filter(|line| !line.is_empty()) {
            match parse_origin(line, development) {
                Ok(origin) if !origins.contains(&origin) => origins.push(origin),
                Ok(_) => {}
                Err(message) => refuse(&mut errors, "origins", &message),
            }
        }
        if origins.len() > 20 {
            refuse(&mut errors, "origins", "No máximo 20 origens.");
        }
        let requests_per_minute = match form.requests_per_minute.trim() {
            "" => DEFAULT_REQUESTS_PER_MINUTE,
            typed => match typed.parse::<i64>() {
                Ok(limit) if (1..=MAX_REQUESTS_PER_MINUTE).contains(&limit) => limit,
                _ => {
                    let message = format!("Informe um número de 1 a {MAX_REQUESTS_PER_MINUTE}.");
                    refuse(&mut errors, "requests_per_minute", &message);
                    0
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let scopes = scopes.iter().map(|scope| scope.code()).collect::<Vec<_>>().join(" ");
        Ok(Self { name, contact_email, scopes, origins: origins.join("\n"), requests_per_minute })
    }
}

impl Portal {
    /// A portal served over plain http is a development or test install: partners there may
    /// use loopback http addresses (see [`super::redirect::secure_or_local`]).
    pub(crate) fn is_development(&self) -> bool {
        self.public_url.starts_with("http://")
    }

    /// Every partner app (admin only).
    pub async fn partner_list(&self, staff: &CurrentStaff) -> Result<Vec<PartnerRow>, StaffError> {
        staff.require(Permission::ManageSettings)?;
        Ok(self.store.partner_records().await?.iter().map(row_of).collect())
    }

    /// A partner's page: its settings, keys, people and trail.
    pub async fn partner_detail(&self, staff: &CurrentStaff, id: i64) -> Result<PartnerDetail, StaffError> {
        staff.require(Permission::ManageSettings)?;
        let record = self.store.partner_record(id).await?.ok_or(StaffError::NotFound)?;
        let now = self.now();
        let previous_key = match (&record.previous_key_prefix, record.previous_key_expires_at) {
            (Some(prefix), Some(until)) if until > now => Some((prefix.clone(), format_timestamp(until))),
            _ => None,
        };
        let people = self.store.partner_people(id).await?;
        let features = self.store.features_of(id).await?;
        let external_origins = self.external_origins_of(id).await?;
        let events = self.store.audit_events_about(&subject_of(id), 30).await?;
        let webhooks = self.partner_webhook_rows(id).await?;
        Ok(PartnerDetail {
            webhooks,
            row: row_of(&record),
            form: form_of(&record),
            previous_key,
            created_at: format_timestamp(record.created_at),
            people: people
                .into_iter()
                .map(|person| PartnerPersonRow {
                    person_id: person.person_id,
                    document: TaxId::from_canonical(&person.document)
                        .map(|document| document.to_string())
                        .unwrap_or(person.document),
                    name: person.name,
                    pending: person.status == "pendente",
                    via: match person.via.as_str() {
                        "criado" => "Criado pelo parceiro",
                        "aceite" => "Autorizado pela pessoa",
                        _ => "Vinculado pela equipe",
                    }
                    .to_string(),
                    since: format_timestamp(person.created_at),
                })
                .collect(),
            features: features
                .into_iter()
                .map(|feature| FeatureRow {
                    id: feature.id,
                    name: feature.name,
                    target_url: feature.target_url,
                    feature_key: feature.feature_key,
                    instance: feature.instance,
                    fields: feature.fields.split_whitespace().map(String::from).collect(),
                })
                .collect(),
            external_origins,
            events: events
                .into_iter()
                .map(|event| {
                    (
                        format_timestamp(event.occurred_at),
                        action_label(&event.action).to_string(),
                        event.detail,
                    )
                })
                .collect(),
        })
    }

    /// Registers a partner app with a new key; its id and the draft id that shows the key once
    /// to `owner` (the admin's session).
    pub async fn create_partner(
        &self,
        staff: &CurrentStaff,
        form: &PartnerForm,
        owner: &str,
    ) -> Result<(i64, String), StaffError> {
        staff.require(Permission::ManageSettings)?;
        let valid = ValidPartner::parse(form, self.is_development()).map_err(StaffError::Fields)?;
        let nonce = new_nonce();
        let key = key_of(&self.secret, &nonce);
        let now = self.now();
        let id =
            self.store.insert_partner(&valid.values(), &visible_prefix(&key), &key_hash(&key), now).await?;
        let detail = format!("{} · {} · chave {}", valid.name, valid.scopes, visible_prefix(&key));
        self.audit_partner(staff, id, "partner_created", &detail).await?;
        let draft = self.keep_draft(NEW_KEY_DRAFT, owner, &(id, nonce)).await?;
        Ok((id, draft))
    }

    /// Changes a partner's name, contact, scopes, origins and limit (the key stays).
    pub async fn update_partner(
        &self,
        staff: &CurrentStaff,
        id: i64,
        form: &PartnerForm,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        let before = self.store.partner_record(id).await?.ok_or(StaffError::NotFound)?;
        let valid = ValidPartner::parse(form, self.is_development()).map_err(StaffError::Fields)?;
        self.store.update_partner(id, &valid.values()).await?;
        let mut changes = Vec::new();
        for (what, old, new) in [
            ("nome", before.name.clone(), valid.name.clone()),
            ("contato", before.contact_email.clone(), valid.contact_email.clone()),
            ("permissões", before.scopes.clone(), valid.scopes.clone()),
            ("origens", before.origins.replace('\n', " "), valid.origins.replace('\n', " ")),
            ("limite/min", before.requests_per_minute.to_string(), valid.requests_per_minute.to_string()),
        ] {
            if old != new {
                changes.push(format!("{what}: {old} → {new}"));
            }
        }
        if !changes.is_empty() {
            self.audit_partner(staff, id, "partner_updated", &changes.join("; ")).await?;
        }
        Ok(())
    }

    /// A new key; the current one keeps working `grace_days` (0–7) more. On a revoked partner
    /// this reactivates it with only the new key. The draft id that shows the key once.
    pub async fn rotate_partner_key(
        &self,
        staff: &CurrentStaff,
        id: i64,
        grace_days: i64,
        owner: &str,
    ) -> Result<String, StaffError> {
        staff.require(Permission::ManageSettings)?;
        if !(0..=MAX_GRACE_DAYS).contains(&grace_days) {
            return Err(StaffError::Invalid(format!(
                "O prazo da chave anterior vai de 0 a {MAX_GRACE_DAYS} dias."
            )));
        }
        let nonce = new_nonce();
        let key = key_of(&self.secret, &nonce);
        let grace_until = (grace_days > 0).then(|| self.now() + grace_days * 24 * 60 * 60);
        if !self.store.rotate_partner_key(id, &visible_prefix(&key), &key_hash(&key), grace_until).await? {
            return Err(StaffError::NotFound);
        }
        let detail = format!("nova chave {}; anterior vale mais {grace_days} dia(s)", visible_prefix(&key));
        self.audit_partner(staff, id, "partner_key_rotated", &detail).await?;
        Ok(self.keep_draft(NEW_KEY_DRAFT, owner, &(id, nonce)).await?)
    }

    /// Revokes every key of the partner at once.
    pub async fn revoke_partner(&self, staff: &CurrentStaff, id: i64) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        self.store.partner_record(id).await?.ok_or(StaffError::NotFound)?;
        if self.store.revoke_partner(id, self.now()).await? {
            self.audit_partner(staff, id, "partner_revoked", "").await?;
        }
        Ok(())
    }

    /// The key a draft hands to its owner, once: only while it is still the partner's key.
    pub async fn take_new_partner_key(
        &self,
        staff: &CurrentStaff,
        id: i64,
        draft: &str,
        owner: &str,
    ) -> Result<Option<String>, StaffError> {
        staff.require(Permission::ManageSettings)?;
        let Some((draft_partner, nonce)) =
            self.take_draft::<(i64, String)>(NEW_KEY_DRAFT, draft, owner).await?
        else {
            return Ok(None);
        };
        let record = self.store.partner_record(id).await?.ok_or(StaffError::NotFound)?;
        let key = key_of(&self.secret, &nonce);
        Ok((draft_partner == id && key_hash(&key) == record.key_hash && record.revoked_at.is_none())
            .then_some(key))
    }

    /// Staff let the partner sign this person in (by CPF/CNPJ), or confirm a pending request.
    pub async fn link_partner_person(
        &self,
        staff: &CurrentStaff,
        id: i64,
        document: &str,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        self.store.partner_record(id).await?.ok_or(StaffError::NotFound)?;
        let tax_id =
            TaxId::parse(document).map_err(|_| StaffError::Invalid("CPF ou CNPJ inválido.".into()))?;
        let person = self
            .store
            .person_by_tax_id(tax_id.canonical())
            .await?
            .ok_or_else(|| StaffError::Invalid("Nenhuma pessoa com este CPF/CNPJ.".into()))?;
        let now = self.now();
        let linked = self.store.insert_partner_person(id, person.id, "ativo", "equipe", now).await?
            || self.store.activate_partner_person(id, person.id, "equipe", now).await?;
        if !linked {
            return Err(StaffError::Invalid(format!(
                "{} já pode ser aberto por este parceiro.",
                person.name
            )));
        }
        self.audit_partner(staff, id, "partner_person_linked", &format!("pessoa {}", person.id)).await
    }

    /// Staff remove a person's remote-login profile (never the person).
    pub async fn unlink_partner_person(
        &self,
        staff: &CurrentStaff,
        id: i64,
        person_id: i64,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        if !self.store.delete_partner_person(id, person_id).await? {
            return Err(StaffError::NotFound);
        }
        self.audit_partner(staff, id, "partner_person_unlinked", &format!("pessoa {person_id}")).await
    }

    async fn audit_partner(
        &self,
        staff: &CurrentStaff,
        id: i64,
        action: &str,
        detail: &str,
    ) -> Result<(), StaffError> {
        let subject = subject_of(id);
        self.store
            .record_audit_about(self.now(), staff.actor(), action, staff.ip.as_deref(), &subject, detail)
            .await?;
        Ok(())
    }
}
