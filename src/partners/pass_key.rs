//! Seed 002's chavePasse: staff configure a partner's funcionalidades customizadas; a buyer
//! opens one from the portal's menu and is sent to its URL with a one-time pass key (2
//! minutes); the partner exchanges it for the fields chosen for that funcionalidade. A sandbox
//! funcionalidade (instance 1) is opened by staff only, and its key answers a fixed sample:
//! never a real person.

use serde_json::{json, Map, Value};

use super::admin::{origins_of, subject_of};
use super::keys::{new_nonce, pass_key_of};
use super::model::*;
use super::remote::PartnerApp;
use crate::audit::Actor;
use crate::auth::vocabulary::{new_token, token_hash};
use crate::auth::CurrentUser;
use crate::records::rules::{refuse, FieldErrors};
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::store::StoreError;
use crate::Portal;

/// A pass key lives this long (seconds).
pub const PASS_KEY_LIFETIME: i64 = 2 * 60;
/// The draft that hands a pass key's nonce to the page that sends the browser on.
const PASS_KEY_DRAFT: &str = "chave-passe";

/// Why an exchange was refused; each answers seed 002's envelope with its status.
#[derive(Debug, thiserror::Error)]
pub enum PassKeyError {
    #[error("{0}")]
    Invalid(String),
    /// Unknown chaveFuncionalidade for this partner.
    #[error("unknown feature")]
    UnknownFeature,
    /// Unknown, used or expired pass key, or one of another funcionalidade or instance.
    #[error("invalid pass key")]
    InvalidPassKey,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The exchanged data: `chaveUnica` and `integracao`.
#[derive(Debug, Clone)]
pub struct PassKeyData {
    pub unique_key: String,
    pub integration: Value,
}

fn valid_feature(
    form: &FeatureForm,
    origins: &[String],
    development: bool,
) -> Result<(String, String, i64, String), FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = form.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 40 {
        refuse(&mut errors, "name", "Informe o nome que o comprador verá no menu, até 40 caracteres.");
    }
    let target = url::Url::parse(form.target_url.trim()).ok();
    let allowed = target.as_ref().is_some_and(|url| {
        super::redirect::secure_or_local(url, development)
            && url.username().is_empty()
            && url.password().is_none()
            && url.fragment().is_none()
            && origins.contains(&url.origin().ascii_serialization())
    });
    if !allowed {
        let message = "Informe um endereço https numa das origens permitidas deste parceiro (acima).";
        refuse(&mut errors, "target_url", message);
    }
    let instance = match form.instance.as_str() {
        "1" => 1,
        "2" => 2,
        _ => {
            refuse(&mut errors, "instance", "Escolha sandbox ou produção.");
            0
        }
    };
    let mut fields = Vec::new();
    for field in &form.fields {
        match PASS_KEY_FIELDS.iter().find(|(code, _)| code == field) {
            Some((code, _)) if !fields.contains(code) => fields.push(*code),
            Some(_) => {}
            None => refuse(&mut errors, "fields", "Dado desconhecido."),
        }
    }
    if fields.is_empty() {
        refuse(&mut errors, "fields", "Marque ao menos um dado que o parceiro recebe.");
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((name, target.map(String::from).unwrap_or_default(), instance, fields.join(" ")))
}

impl Portal {
    /// Adds a funcionalidade customizada to a partner (admin only).
    pub async fn add_partner_feature(
        &self,
        staff: &CurrentStaff,
        partner_id: i64,
        form: &FeatureForm,
    ) -> Result<i64, StaffError> {
        staff.require(Permission::ManageSettings)?;
        let partner = self.store.partner_record(partner_id).await?.ok_or(StaffError::NotFound)?;
        let (name, url, instance, fields) =
            valid_feature(form, &origins_of(&partner.origins), self.is_development())
                .map_err(StaffError::Fields)?;
        let feature_key = new_token()[..32].to_string();
        let id = self
            .store
            .insert_feature(partner_id, &name, &url, &feature_key, instance, &fields, self.now())
            .await?;
        let detail = format!("{name} · {url} · instância {instance} · {fields}");
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "partner_feature_added",
                staff.ip.as_deref(),
                &subject_of(partner_id),
                &detail,
            )
            .await?;
        Ok(id)
    }

    /// Removes a funcionalidade: out of the buyers' menu, its pass keys dead.
    pub async fn remove_partner_feature(
        &self,
        staff: &CurrentStaff,
        partner_id: i64,
        feature_id: i64,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        let name = self
            .store
            .remove_feature(partner_id, feature_id, self.now())
            .await?
            .ok_or(StaffError::NotFound)?;
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "partner_feature_removed",
                staff.ip.as_deref(),
                &subject_of(partner_id),
                &name,
            )
            .await?;
        Ok(())
    }

    /// Staff open a sandbox funcionalidade as its partner will see it: a pass key that answers
    /// the fixed sample. The draft id that hands its URL, once, to `owner`.
    pub async fn sandbox_pass_key(
        &self,
        staff: &CurrentStaff,
        partner_id: i64,
        feature_id: i64,
        owner: &str,
    ) -> Result<String, StaffError> {
        staff.require(Permission::ManageSettings)?;
        let feature = self.store.live_feature(feature_id).await?.ok_or(StaffError::NotFound)?;
        if feature.partner_id != partner_id || feature.instance != 1 {
            return Err(StaffError::Invalid("Só funcionalidades de sandbox podem ser testadas aqui.".into()));
        }
        Ok(self.new_pass_key(feature_id, None, owner).await?)
    }

    /// A new pass key for the funcionalidade: only its hash is stored, and its nonce goes in a
    /// draft that `owner` reads once (see [`Portal::take_pass_key_url`]).
    async fn new_pass_key(
        &self,
        feature_id: i64,
        person_id: Option<i64>,
        owner: &str,
    ) -> Result<String, StoreError> {
        let now = self.now();
        let nonce = new_nonce();
        let pass_key = pass_key_of(&self.secret, &nonce);
        self.store
            .insert_pass_key(&token_hash(&pass_key), feature_id, person_id, now, now + PASS_KEY_LIFETIME)
            .await?;
        self.keep_draft(PASS_KEY_DRAFT, owner, &(feature_id, nonce)).await
    }

    /// The funcionalidade's URL with the pass key a draft stands for, once, for its owner.
    pub async fn take_pass_key_url(
        &self,
        feature_id: i64,
        draft: &str,
        owner: &str,
    ) -> Result<Option<String>, StoreError> {
        let Some((kept_feature, nonce)) =
            self.take_draft::<(i64, String)>(PASS_KEY_DRAFT, draft, owner).await?
        else {
            return Ok(None);
        };
        let Some(feature) = self.store.live_feature(feature_id).await?.filter(|_| kept_feature == feature_id)
        else {
            return Ok(None);
        };
        let pass_key = pass_key_of(&self.secret, &nonce);
        // The URL was checked when saved; the key is hex, safe in any query.
        Ok(Some(match url::Url::parse(&feature.target_url) {
            Ok(mut url) => {
                url.query_pairs_mut().append_pair("chavePasse", &pass_key);
                url.into()
            }
            Err(_) => format!("{}?chavePasse={pass_key}", feature.target_url),
        }))
    }

    /// The production funcionalidades a buyer may open (partners active, with the scope).
    pub async fn my_services(&self, _user: &CurrentUser) -> Result<Vec<MyService>, StoreError> {
        Ok(self
            .store
            .live_production_features()
            .await?
            .into_iter()
            .map(|feature| feature.service())
            .collect())
    }

    /// One of them, for the page that says what the partner receives before going.
    pub async fn my_service(&self, user: &CurrentUser, id: i64) -> Result<Option<MyService>, StoreError> {
        Ok(self.my_services(user).await?.into_iter().find(|service| service.id == id))
    }

    /// The buyer goes: a new pass key for them; the draft id that hands its URL to `owner` (their
    /// session), or none for a funcionalidade they cannot open.
    pub async fn open_service(
        &self,
        user: &CurrentUser,
        id: i64,
        owner: &str,
        ip: Option<&str>,
    ) -> Result<Option<String>, StoreError> {
        let Some(feature) =
            self.store.live_production_features().await?.into_iter().find(|feature| feature.id == id)
        else {
            return Ok(None);
        };
        let draft = self.new_pass_key(id, Some(user.person_id), owner).await?;
        let subject = subject_of(feature.partner_id);
        let actor = Actor::Person(user.person_id);
        self.store
            .record_audit_about(self.now(), actor, "partner_service_opened", ip, &subject, &feature.name)
            .await?;
        Ok(Some(draft))
    }

    /// Seed 002's exchange: the pass key (once, for that funcionalidade and instance) for its
    /// person's chosen fields, or the fixed sample in the sandbox.
    pub async fn exchange_pass_key(
        &self,
        partner: &PartnerApp,
        instance: &str,
        pass_key: &str,
        feature_key: &str,
    ) -> Result<PassKeyData, PassKeyError> {
        let instance = match instance.trim() {
            "1" => 1,
            "2" => 2,
            _ => {
                return Err(PassKeyError::Invalid(
                    "instanciaApp deve ser 1 (sandbox) ou 2 (produção).".into(),
                ))
            }
        };
        if pass_key.trim().is_empty() || feature_key.trim().is_empty() {
            return Err(PassKeyError::Invalid("chavePasse e chaveFuncionalidade são obrigatórios.".into()));
        }
        let feature = self
            .store
            .feature_by_key(partner.id, feature_key.trim())
            .await?
            .ok_or(PassKeyError::UnknownFeature)?;
        let now = self.now();
        let person = self
            .store
            .use_pass_key(&token_hash(pass_key.trim()), feature.id, instance, now)
            .await?
            .ok_or(PassKeyError::InvalidPassKey)?;
        let fields: Vec<&str> = feature.fields.split_whitespace().collect();
        let data = match person {
            Some(person_id) => self.integration_of(partner.id, person_id, &fields).await?,
            None => sandbox_sample(&fields),
        };
        let detail = format!("{} · instância {instance}", feature.name);
        self.store
            .record_audit_about(
                now,
                Actor::Partner(partner.id),
                "partner_pass_key_used",
                None,
                &subject_of(partner.id),
                &detail,
            )
            .await?;
        Ok(data)
    }

    async fn integration_of(
        &self,
        partner_id: i64,
        person_id: i64,
        fields: &[&str],
    ) -> Result<PassKeyData, PassKeyError> {
        let data = self.my_data(person_id).await.map_err(|_| PassKeyError::InvalidPassKey)?;
        let mut integration = Map::new();
        for field in fields {
            let value = match *field {
                "cpf_cnpj" => {
                    json!(data.document.chars().filter(char::is_ascii_alphanumeric).collect::<String>())
                }
                "nome" => json!(data.name),
                "email" => json!(data.email),
                "telefone" => json!(data
                    .phone
                    .as_deref()
                    .map(|phone| phone.chars().filter(char::is_ascii_digit).collect::<String>())),
                "contratos" | "unidades" => {
                    let property =
                        self.my_property(person_id).await.map_err(|_| PassKeyError::InvalidPassKey)?;
                    let list: Vec<Value> = property
                        .contracts
                        .iter()
                        .map(|contract| match *field {
                            "contratos" => json!({ "id": contract.id, "numero": contract.number, "empreendimento": contract.development.name, "unidade": contract.unit.label() }),
                            _ => json!({ "id": contract.unit.id, "descricao": contract.unit.label(), "empreendimento": contract.development.name, "tipo": contract.unit.kind }),
                        })
                        .collect();
                    json!(list)
                }
                _ => continue,
            };
            integration.insert((*field).to_string(), value);
        }
        Ok(PassKeyData {
            unique_key: self.pseudonym(partner_id, person_id),
            integration: Value::Object(integration),
        })
    }

    /// A stable id of the person for this partner only: partners cannot match people across
    /// each other by it, and it says nothing about the person.
    fn pseudonym(&self, partner_id: i64, person_id: i64) -> String {
        use hmac::{Hmac, Mac};
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&self.secret).expect("HMAC takes any key length");
        mac.update(format!("partner-person:{partner_id}:{person_id}").as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }
}

/// The sandbox's answer: the same shape, obviously not a person.
fn sandbox_sample(fields: &[&str]) -> PassKeyData {
    let mut integration = Map::new();
    for field in fields {
        let value = match *field {
            "cpf_cnpj" => json!("00000000191"),
            "nome" => json!("Pessoa de Teste (sandbox)"),
            "email" => json!("sandbox@exemplo.com.br"),
            "telefone" => json!("41900000000"),
            "contratos" => {
                json!([{ "id": 0, "numero": "SANDBOX-0001", "empreendimento": "Empreendimento de Teste", "unidade": "Apto 101" }])
            }
            "unidades" => {
                json!([{ "id": 0, "descricao": "Apto 101", "empreendimento": "Empreendimento de Teste", "tipo": "Apartamento" }])
            }
            _ => continue,
        };
        integration.insert((*field).to_string(), value);
    }
    PassKeyData { unique_key: "sandbox".into(), integration: Value::Object(integration) }
}

impl super::feature_store::FeatureRecord {
    fn service(self) -> MyService {
        let host = url::Url::parse(&self.target_url)
            .ok()
            .and_then(|url| url.host_str().map(String::from))
            .unwrap_or_default();
        MyService {
            id: self.id,
            name: self.name,
            partner: self.partner_name,
            host,
            fields: self
                .fields
                .split_whitespace()
                .map(|code| pass_key_field_label(code).to_string())
                .collect(),
        }
    }
}
