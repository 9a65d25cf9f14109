use super::model::*;
use super::store::{CompanyRecord, CompanyValues};
use crate::br::Cnpj;
use crate::branding::{
    check_logo, parse_company_name, parse_support_email, parse_whatsapp, BrandColour, SupportPhone,
};
use crate::records::rules::{refuse, FieldErrors};
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::store::StoreError;
use crate::Portal;

/// The setting naming the company whose brand the portal shows.
const BRAND_COMPANY: &str = "brand_company";

fn optional(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|text| !text.is_empty())
}

fn subject_of(company_id: i64) -> String {
    format!("company:{company_id}")
}

fn form_of(record: &CompanyRecord) -> CompanyForm {
    CompanyForm {
        name: record.name.clone(),
        cnpj: Cnpj::display_stored(&record.cnpj),
        email: record.contact_email.clone().unwrap_or_default(),
        phone: record.contact_phone.clone().unwrap_or_default(),
        whatsapp: record.contact_whatsapp.clone().unwrap_or_default(),
        colour: record.brand_colour.clone().unwrap_or_default(),
    }
}

fn row_of(record: &CompanyRecord, brand: Option<i64>) -> CompanyRow {
    let form = form_of(record);
    CompanyRow {
        id: record.id,
        name: record.name.clone(),
        cnpj: form.cnpj,
        contact: [form.email, form.phone, form.whatsapp.clone()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect(),
        colour: record.brand_colour.clone(),
        has_logo: record.logo_key.is_some(),
        is_brand: brand == Some(record.id),
        developments: record.developments,
    }
}

fn brand_of(record: &CompanyRecord) -> CompanyBrand {
    CompanyBrand {
        company_id: record.id,
        name: record.name.clone(),
        colour: record.brand_colour.as_deref().and_then(|hex| BrandColour::parse(hex).ok()),
        phone: record.contact_phone.as_deref().and_then(|phone| SupportPhone::parse(phone).ok()),
        whatsapp: record.contact_whatsapp.as_deref().and_then(|phone| parse_whatsapp(phone).ok()),
        email: record.contact_email.clone(),
        logo: record.logo_key.clone().zip(record.logo_type.clone()),
    }
}

impl Portal {
    async fn brand_company_id(&self) -> Result<Option<i64>, StoreError> {
        Ok(self.store.setting(BRAND_COMPANY).await?.and_then(|id| id.parse().ok()))
    }

    /// Reads the brand company again (each process every few seconds, and after a change).
    pub async fn refresh_brand(&self) -> Result<(), StoreError> {
        let brand = match self.brand_company_id().await? {
            Some(id) => self.store.company_record(id).await?.map(|record| brand_of(&record)),
            None => None,
        };
        *self.brand.write().unwrap_or_else(std::sync::PoisonError::into_inner) = brand;
        Ok(())
    }

    /// The brand company as last read, if staff chose one.
    pub fn brand_company(&self) -> Option<CompanyBrand> {
        self.brand.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// The brand company's logo file and type, if it has one.
    pub async fn brand_logo(&self) -> Result<Option<(Vec<u8>, String)>, std::io::Error> {
        let Some((key, content_type)) = self.brand_company().and_then(|brand| brand.logo) else {
            return Ok(None);
        };
        Ok(Some((self.storage.get(&key).await?, content_type)))
    }

    /// Every company, for Configurações.
    pub async fn staff_company_list(&self, staff: &CurrentStaff) -> Result<Vec<CompanyRow>, StaffError> {
        staff.require(Permission::ManageSettings)?;
        let brand = self.brand_company_id().await?;
        Ok(self.store.company_records().await?.iter().map(|record| row_of(record, brand)).collect())
    }

    /// A company's page.
    pub async fn staff_company(&self, staff: &CurrentStaff, id: i64) -> Result<CompanyDetail, StaffError> {
        staff.require(Permission::ManageSettings)?;
        let record = self.store.company_record(id).await?.ok_or(StaffError::NotFound)?;
        let brand = self.brand_company_id().await?;
        Ok(CompanyDetail { row: row_of(&record, brand), form: form_of(&record) })
    }

    /// Creates (`id` None) or changes a company; each broken rule under its field; audited
    /// before → after. Its id.
    pub async fn save_company(
        &self,
        staff: &CurrentStaff,
        id: Option<i64>,
        form: &CompanyForm,
    ) -> Result<i64, StaffError> {
        staff.require(Permission::ManageSettings)?;
        let before = match id {
            Some(id) => Some(self.store.company_record(id).await?.ok_or(StaffError::NotFound)?),
            None => None,
        };
        let mut errors = FieldErrors::new();
        let name = parse_company_name(&form.name).unwrap_or_else(|_| {
            refuse(&mut errors, "name", "Informe a razão social ou o nome da empresa, até 60 caracteres.");
            String::new()
        });
        let cnpj = match Cnpj::parse(&form.cnpj) {
            Ok(cnpj) => cnpj.as_str().to_string(),
            Err(_) => {
                refuse(&mut errors, "cnpj", "CNPJ inválido: confira os dígitos.");
                String::new()
            }
        };
        let email = optional(&form.email).and_then(|email| match parse_support_email(email) {
            Ok(email) => Some(email),
            Err(_) => {
                refuse(&mut errors, "email", "E-mail inválido: confira o endereço.");
                None
            }
        });
        let phone = optional(&form.phone).and_then(|phone| match SupportPhone::parse(phone) {
            Ok(phone) => Some(phone.to_string()),
            Err(_) => {
                refuse(&mut errors, "phone", "Telefone inválido: use DDD e número, ou 0800.");
                None
            }
        });
        let whatsapp = optional(&form.whatsapp).and_then(|phone| match parse_whatsapp(phone) {
            Ok(phone) => Some(phone.to_string()),
            Err(_) => {
                refuse(&mut errors, "whatsapp", "O WhatsApp deve ser um celular com DDD.");
                None
            }
        });
        let colour = optional(&form.colour).and_then(|colour| match BrandColour::parse(colour) {
            Ok(colour) => Some(colour.hex),
            Err(error) => {
                refuse(
                    &mut errors,
                    "colour",
                    &format!("Cor inválida: {error}. Use #rrggbb escura o bastante para texto branco."),
                );
                None
            }
        });
        if !errors.is_empty() {
            return Err(StaffError::Fields(errors));
        }
        let values = CompanyValues {
            name: &name,
            cnpj: &cnpj,
            email: email.as_deref(),
            phone: phone.as_deref(),
            whatsapp: whatsapp.as_deref(),
            colour: colour.as_deref(),
        };
        let saved = match self.store.save_company(id, &values).await {
            Ok(saved) => saved,
            Err(error) if crate::store::is_unique_violation(&error) => {
                let mut errors = FieldErrors::new();
                refuse(&mut errors, "cnpj", "Já existe uma empresa com este CNPJ.");
                return Err(StaffError::Fields(errors));
            }
            Err(error) => return Err(error.into()),
        };
        let after = CompanyForm {
            name,
            cnpj: Cnpj::display_stored(&cnpj),
            email: email.unwrap_or_default(),
            phone: phone.unwrap_or_default(),
            whatsapp: whatsapp.unwrap_or_default(),
            colour: colour.unwrap_or_default(),
        };
        let (action, detail) = match &before {
            None => ("company_created", format!("{}; CNPJ {}", after.name, after.cnpj)),
            Some(record) => {
                let old = form_of(record);
                let detail = crate::records::rules::changes(&[
                    ("nome", old.name, after.name.clone()),
                    ("CNPJ", old.cnpj, after.cnpj.clone()),
                    ("e-mail", old.email, after.email.clone()),
                    ("telefone", old.phone, after.phone.clone()),
                    ("WhatsApp", old.whatsapp, after.whatsapp.clone()),
                    ("cor", old.colour, after.colour.clone()),
                ]);
                if detail.is_empty() {
                    return Ok(saved);
                }
                ("company_updated", detail)
            }
        };
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                action,
                staff.ip.as_deref(),
                &subject_of(saved),
                &detail,
            )
            .await?;
        self.refresh_brand().await?;
        Ok(saved)
    }

    /// Sets a company's logo (PNG, JPEG or WebP that decodes, up to 256 KB; never SVG), or
    /// removes it (`bytes` None).
    pub async fn set_company_logo(
        &self,
        staff: &CurrentStaff,
        id: i64,
        bytes: Option<&[u8]>,
    ) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        let record = self.store.company_record(id).await?.ok_or(StaffError::NotFound)?;
        let (stored, detail) = match bytes {
            Some(bytes) => {
                let content_type = check_logo(bytes).map_err(|error| {
                    StaffError::Invalid(format!(
                        "Logo recusado: {error}. Envie PNG, JPG ou WEBP de até 256 KB."
                    ))
                })?;
                let extension = content_type.rsplit('/').next().unwrap_or("img");
                let key = self.storage.put(extension, bytes).await.map_err(StaffError::Storage)?;
                (Some((key, content_type)), "logo novo")
            }
            None => (None, "logo retirado"),
        };
        self.store.set_company_logo(id, stored.as_ref().map(|(key, kind)| (key.as_str(), *kind))).await?;
        if let Some(old) = record.logo_key {
            // Nothing refers to the old file any more.
            if let Err(error) = self.storage.delete(&old).await {
                tracing::warn!(%error, "could not delete a replaced logo");
            }
        }
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "company_logo_set",
                staff.ip.as_deref(),
                &subject_of(id),
                detail,
            )
            .await?;
        self.refresh_brand().await?;
        Ok(())
    }

    /// Makes a company's name, logo, colour and contacts the portal's brand (`None`: back to
    /// the configuration's).
    pub async fn set_brand_company(&self, staff: &CurrentStaff, id: Option<i64>) -> Result<(), StaffError> {
        staff.require(Permission::ManageSettings)?;
        let detail = match id {
            Some(id) => self.store.company_record(id).await?.ok_or(StaffError::NotFound)?.name,
            None => "a da configuração".to_string(),
        };
        let value = id.map(|id| id.to_string()).unwrap_or_default();
        self.store.put_setting(BRAND_COMPANY, &value, self.now()).await?;
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "brand_company_set",
                staff.ip.as_deref(),
                &format!("setting:{BRAND_COMPANY}"),
                &format!("marca do portal: {detail}"),
            )
            .await?;
        self.refresh_brand().await?;
        Ok(())
    }
}
