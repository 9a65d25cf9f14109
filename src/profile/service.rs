use super::model::*;
use super::store::{AddressRow, AddressValues, ContactChangeApplied};
use crate::audit::Actor;
use crate::auth::RequestOrigin;
use crate::br::{Phone, TaxId};
use crate::notifications::{templates, Channel};
use crate::store::StoreError;
use crate::time_br::{format_date, iso_date, parse_iso_date, today_in_sao_paulo};
use crate::Portal;
use rand::Rng;

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// Someone else's address, or none.
    #[error("not found")]
    NotFound,
    /// A broken rule, as a sentence for the person.
    #[error("{0}")]
    Invalid(String),
    /// The e-mail is another account's: told only to whoever confirmed its code.
    #[error("address in another account")]
    AddressTaken,
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn invalid(text: &str) -> ProfileError {
    ProfileError::Invalid(text.to_string())
}

/// `80000000` or `80000-000` → `80000000`.
fn parse_cep(input: &str) -> Result<String, ProfileError> {
    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
    let only_cep_chars = input.trim().chars().all(|c| c.is_ascii_digit() || c == '-' || c == '.');
    if digits.len() != 8 || !only_cep_chars || digits == "00000000" {
        return Err(invalid("CEP inválido: use os 8 dígitos, como 80000-000."));
    }
    Ok(digits)
}

fn format_cep(digits: &str) -> String {
    if digits.len() == 8 {
        format!("{}-{}", &digits[..5], &digits[5..])
    } else {
        digits.to_string()
    }
}

fn required(text: &str, what: &str, max: usize) -> Result<String, ProfileError> {
    let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Err(ProfileError::Invalid(format!("Informe {what}.")));
    }
    if value.chars().count() > max {
        return Err(ProfileError::Invalid(format!("Use até {max} caracteres em {what}.")));
    }
    Ok(value)
}

/// Checks an address form; the canonical values (CEP digits, upper-case UF).
fn check_address(form: &AddressForm) -> Result<AddressForm, ProfileError> {
    let label = form.label.trim();
    let state = form.state.trim().to_uppercase();
    if !STATES.contains(&state.as_str()) {
        return Err(invalid("Escolha a UF do endereço."));
    }
    let complement = form.complement.split_whitespace().collect::<Vec<_>>().join(" ");
    if complement.chars().count() > 60 {
        return Err(invalid("Use até 60 caracteres no complemento."));
    }
    Ok(AddressForm {
        label: if label.is_empty() {
            "Residencial".to_string()
        } else {
            required(label, "o tipo do endereço", 30)?
        },
        cep: parse_cep(&form.cep)?,
        street: required(&form.street, "a rua", 120)?,
        number: required(&form.number, "o número (ou s/n)", 10)?,
        complement,
        district: required(&form.district, "o bairro", 80)?,
        city: required(&form.city, "a cidade", 80)?,
        state,
    })
}

fn values(form: &AddressForm) -> AddressValues<'_> {
    AddressValues {
        label: &form.label,
        cep: &form.cep,
        street: &form.street,
        number: &form.number,
        complement: (!form.complement.is_empty()).then_some(form.complement.as_str()),
        district: &form.district,
        city: &form.city,
        state: &form.state,
    }
}

fn address_of(row: AddressRow) -> Address {
    Address {
        id: row.id,
        label: row.label,
        cep: format_cep(&row.cep),
        street: row.street,
        number: row.number,
        complement: row.complement,
        district: row.district,
        city: row.city,
        state: row.state,
    }
}

/// A pending e-mail or mobile change: the code went to the new destination.
#[derive(Debug, Clone)]
pub struct PendingContactChange {
    pub id: String,
    pub expires_at: i64,
}

impl Portal {
    /// Starts changing the e-mail (`Channel::Email`) or the mobile (`Channel::Sms`): checks the
    /// new value and sends a code to it. Nothing changes until that code comes back.
    #[tracing::instrument(skip_all, fields(person_id = person_id, ip = origin.ip.as_deref()))]
    pub async fn request_contact_change(
        &self,
        person_id: i64,
        channel: Channel,
        new_value: &str,
        origin: &RequestOrigin,
    ) -> Result<PendingContactChange, ProfileError> {
        use crate::auth::codes::CODE_LIFETIME_SECONDS;
        use crate::ratelimit::{CODE_SEND_PER_DESTINATION, CODE_SEND_PER_IP, CONTACT_CHANGE_PER_ACCOUNT};
        let now = self.now();
        let account = self.store.account_of(person_id).await?.ok_or(ProfileError::NotFound)?;
        let value = match channel {
            Channel::Email => {
                let email =
                    crate::registration::service::parse_email(new_value).map_err(ProfileError::Invalid)?;
                if email == account.email {
                    return Err(invalid("Este já é o e-mail do seu cadastro."));
                }
                // Whether another account has it is told only at confirmation, to whoever
                // proves they read that mailbox: answering here would reveal who is a customer.
                email
            }
            Channel::Sms => {
                let phone =
                    Phone::parse(new_value).map_err(|error| ProfileError::Invalid(error.to_string()))?;
                if !phone.is_mobile() {
                    return Err(invalid(
                        "Informe um celular (9 dígitos, começando com 9): o código vai por SMS.",
                    ));
                }
                phone.digits().to_string()
            }
        };
        let limited = |retry: crate::ratelimit::RetryAfter| {
            ProfileError::Invalid(format!(
                "Muitos pedidos de código. Tente de novo em {} minutos.",
                (retry.0 + 59) / 60
            ))
        };
        self.store
            .hit_rate_limit(&CONTACT_CHANGE_PER_ACCOUNT, &format!("person:{person_id}"), now)
            .await?
            .map_err(limited)?;
        self.store
            .hit_rate_limit(&CODE_SEND_PER_IP, origin.ip.as_deref().unwrap_or("sem-ip"), now)
            .await?
            .map_err(limited)?;
        self.store
            .hit_rate_limit(&CODE_SEND_PER_DESTINATION, &format!("{}:{value}", channel.code()), now)
            .await?
            .map_err(limited)?;
        let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000));
        let mut random = [0u8; 16];
        rand::rngs::OsRng.fill(&mut random);
        let id = hex::encode(random);
        let expires_at = now + CODE_LIFETIME_SECONDS;
        let hash = self.code_hash(&id, &code);
        self.store
            .insert_contact_change(&id, person_id, channel.code(), &value, &hash, now, expires_at)
            .await?;
        let minutes = CODE_LIFETIME_SECONDS / 60;
        self.notify(&templates::contact_code(channel, &value, &account.name, &code, minutes)).await?;
        self.store
            .record_audit(
                now,
                Actor::Person(person_id),
                "contact_change_requested",
                origin.ip.as_deref(),
                channel.code(),
            )
            .await?;
        Ok(PendingContactChange { id, expires_at })
    }

    /// Confirms a change with the code sent to the new destination; wrong codes count towards
    /// burning it (5 tries). The old e-mail is told when the e-mail changes.
    #[tracing::instrument(skip_all, fields(person_id = person_id, ip = origin.ip.as_deref()))]
    pub async fn confirm_contact_change(
        &self,
        person_id: i64,
        change_id: &str,
        code: &str,
        origin: &RequestOrigin,
    ) -> Result<(), ProfileError> {
        use crate::auth::codes::MAX_CODE_ATTEMPTS;
        let now = self.now();
        let wrong = || invalid("Código inválido ou expirado. Confira os 6 dígitos ou peça um novo código.");
        self.store
            .hit_rate_limit(
                &crate::ratelimit::CODE_CHECK_PER_IP,
                origin.ip.as_deref().unwrap_or("sem-ip"),
                now,
            )
            .await?
            .map_err(|_| wrong())?;
        let change = self
            .store
            .live_contact_change(person_id, change_id, now, MAX_CODE_ATTEMPTS)
            .await?
            .ok_or_else(wrong)?;
        if !self.store.reserve_contact_change_attempt(change.id, MAX_CODE_ATTEMPTS).await? {
            return Err(wrong());
        }
        let code = code.trim();
        if code.len() != 6 || self.code_hash(change_id, code) != change.code_hash {
            return Err(wrong());
        }
        let before = self.store.account_of(person_id).await?.ok_or(ProfileError::NotFound)?;
        match self.store.apply_contact_change(&change, person_id, now).await? {
            ContactChangeApplied::Yes => {}
            ContactChangeApplied::AlreadyUsed => return Err(wrong()),
            ContactChangeApplied::AddressTaken => {
                // Also when someone registered the address after the code was sent.
                self.store
                    .record_audit(
                        now,
                        Actor::Person(person_id),
                        "email_change_refused",
                        origin.ip.as_deref(),
                        "address in another account",
                    )
                    .await?;
                self.notify(&templates::email_claimed_by_another_account(&change.new_value)).await?;
                return Err(ProfileError::AddressTaken);
            }
        }
        let action = if change.channel == "email" { "email_changed" } else { "phone_changed" };
        self.store.record_audit(now, Actor::Person(person_id), action, origin.ip.as_deref(), "").await?;
        if change.channel == "email" {
            self.notify(&templates::email_changed(&before.email, &before.name, &change.new_value)).await?;
        }
        Ok(())
    }

    /// The person's own data and addresses.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_data(&self, person_id: i64) -> Result<MyData, ProfileError> {
        let row = self.store.person_row(person_id).await?.ok_or(ProfileError::NotFound)?;
        let addresses = self.store.addresses_of(person_id).await?.into_iter().map(address_of).collect();
        Ok(MyData {
            kind: row.kind,
            name: row.name,
            trade_name: row.trade_name,
            document: TaxId::from_canonical(&row.document).map_or(row.document.clone(), |id| id.to_string()),
            secondary_document: row.secondary_document,
            birth_date: row.birth_date.as_deref().and_then(parse_iso_date).map(format_date),
            birth_date_iso: row.birth_date,
            gender: row.gender,
            email: row.email,
            phone: row
                .phone
                .as_deref()
                .and_then(|phone| Phone::parse(phone).ok())
                .map(|phone| phone.to_string()),
            phone_verified: row.phone_verified != 0,
            addresses,
        })
    }

    /// Changes birth date, gender and RG/inscrição estadual, with the registration rules.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn update_personal_data(
        &self,
        person_id: i64,
        form: &PersonalDataForm,
    ) -> Result<(), ProfileError> {
        let birth_date = match form.birth_date.trim() {
            "" => None,
            text => {
                let date = parse_iso_date(text)
                    .ok_or_else(|| invalid("Data inválida: use o formato AAAA-MM-DD (ex.: 1994-11-07)."))?;
                if date >= today_in_sao_paulo(self.clock.now()) || date.year() < 1900 {
                    return Err(invalid("A data de nascimento deve ser anterior a hoje."));
                }
                Some(iso_date(date))
            }
        };
        let gender = match form.gender.trim().to_lowercase().as_str() {
            "" => None,
            "m" => Some("m"),
            "f" => Some("f"),
            _ => return Err(invalid("Escolha masculino, feminino ou deixe sem informar.")),
        };
        let secondary = form.secondary_document.split_whitespace().collect::<Vec<_>>().join(" ");
        if secondary.chars().count() > 30 {
            return Err(invalid("Use até 30 caracteres no RG ou inscrição estadual."));
        }
        self.store
            .update_personal_data(
                person_id,
                birth_date.as_deref(),
                gender,
                (!secondary.is_empty()).then_some(&secondary),
            )
            .await?;
        self.store
            .record_audit(self.now(), Actor::Person(person_id), "personal_data_changed", None, "")
            .await?;
        Ok(())
    }

    /// One address of the person; anyone else's is [`ProfileError::NotFound`].
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_address(&self, person_id: i64, address_id: i64) -> Result<Address, ProfileError> {
        let rows = self.store.addresses_of(person_id).await?;
        rows.into_iter().find(|row| row.id == address_id).map(address_of).ok_or(ProfileError::NotFound)
    }

    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn add_address(&self, person_id: i64, form: &AddressForm) -> Result<i64, ProfileError> {
        let checked = check_address(form)?;
        let id = self.store.insert_address(person_id, &values(&checked), self.now()).await?;
        self.store.record_audit(self.now(), Actor::Person(person_id), "address_added", None, "").await?;
        Ok(id)
    }

    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn update_address(
        &self,
        person_id: i64,
        address_id: i64,
        form: &AddressForm,
    ) -> Result<(), ProfileError> {
        let checked = check_address(form)?;
        if !self.store.update_address(person_id, address_id, &values(&checked)).await? {
            return Err(ProfileError::NotFound);
        }
        self.store.record_audit(self.now(), Actor::Person(person_id), "address_changed", None, "").await?;
        Ok(())
    }

    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn remove_address(&self, person_id: i64, address_id: i64) -> Result<(), ProfileError> {
        if !self.store.delete_address(person_id, address_id).await? {
            return Err(ProfileError::NotFound);
        }
        self.store.record_audit(self.now(), Actor::Person(person_id), "address_removed", None, "").await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> AddressForm {
        AddressForm {
            label: String::new(),
            cep: "80.010-000".into(),
            street: "Rua  XV de Novembro".into(),
            number: "1000".into(),
            complement: "ap. 12".into(),
            district: "Centro".into(),
            city: "Curitiba".into(),
            state: "pr".into(),
        }
    }

    #[test]
    fn addresses_are_checked_and_made_canonical() {
        let checked = check_address(&form()).unwrap();
        assert_eq!((checked.cep.as_str(), checked.state.as_str()), ("80010000", "PR"));
        assert_eq!((checked.label.as_str(), checked.street.as_str()), ("Residencial", "Rua XV de Novembro"));
        for (change, message) in [
            (AddressForm { cep: "8001-000".into(), ..form() }, "CEP inválido"),
            (AddressForm { cep: "8001O-000".into(), ..form() }, "CEP inválido"),
            (AddressForm { cep: "00000-000".into(), ..form() }, "CEP inválido"),
            (AddressForm { state: "XX".into(), ..form() }, "Escolha a UF"),
            (AddressForm { street: " ".into(), ..form() }, "Informe a rua"),
            (AddressForm { complement: "x".repeat(61), ..form() }, "complemento"),
        ] {
            match check_address(&change) {
                Err(ProfileError::Invalid(text)) => assert!(text.contains(message), "{text}"),
                other => panic!("{change:?} gave {other:?}"),
            }
        }
        assert_eq!(format_cep("80010000"), "80010-000");
    }
}
