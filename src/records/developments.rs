//! Empreendimentos in the back office: list, page, create, edit, construction stages, blocks,
//! and photos of the works.

use super::model::*;
use super::rules::{area_text, changes, refuse, tidy, whole_number, FieldErrors};
use super::store::{DevelopmentRecord, NewDevelopmentRow};
use crate::br::TaxId;
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::time_br::{display_iso_date, today_in_sao_paulo};
use crate::Portal;

pub(crate) fn subject_of(development_id: i64) -> String {
    format!("development:{development_id}")
}

fn form_of(record: &DevelopmentRecord, syndic: Option<&str>) -> DevelopmentForm {
    DevelopmentForm {
        company: record.company_id.to_string(),
        name: record.name.clone(),
        address: record.address.clone(),
        neighborhood: record.neighborhood.clone(),
        city: record.city.clone(),
        state: record.state.clone(),
        stage: record.stage.clone(),
        progress: record.progress_percent.to_string(),
        expected_delivery: record.expected_delivery.clone().unwrap_or_default(),
        delivered_on: record.delivered_on.clone().unwrap_or_default(),
        syndic: syndic
            .map(|document| TaxId::from_canonical(document).map_or(document.to_string(), |d| d.to_string()))
            .unwrap_or_default(),
        listing_description: record.listing_description.clone(),
    }
}

/// A valid empreendimento form, with the síndico's person id.
struct ValidDevelopment {
    company_id: i64,
    name: String,
    address: String,
    neighborhood: String,
    city: String,
    state: String,
    stage: String,
    progress: i64,
    expected_delivery: Option<String>,
    delivered_on: Option<String>,
    syndic: Option<i64>,
    listing_description: String,
}

impl ValidDevelopment {
    fn row(&self) -> NewDevelopmentRow<'_> {
        NewDevelopmentRow {
            company_id: self.company_id,
            name: &self.name,
            address: &self.address,
            neighborhood: &self.neighborhood,
            city: &self.city,
            state: &self.state,
            stage: &self.stage,
            progress: self.progress,
            expected_delivery: self.expected_delivery.as_deref(),
            delivered_on: self.delivered_on.as_deref(),
            syndic: self.syndic,
            listing_description: &self.listing_description,
        }
    }
}

impl Portal {
    async fn check_development(&self, form: &DevelopmentForm) -> Result<ValidDevelopment, StaffError> {
        let mut errors = FieldErrors::new();
        let companies = self.store.companies().await?;
        let company_id =
            form.company.trim().parse::<i64>().ok().filter(|id| companies.iter().any(|(c, _)| c == id));
        if company_id.is_none() {
            refuse(&mut errors, "company", "Escolha a empresa (SPE) do empreendimento.");
        }
        let name = tidy(&form.name);
        if !(3..=120).contains(&name.chars().count()) {
            refuse(&mut errors, "name", "Informe o nome do empreendimento, de 3 a 120 caracteres.");
        }
        let address = tidy(&form.address);
        if !(5..=200).contains(&address.chars().count()) {
            refuse(
                &mut errors,
                "address",
                "Informe o endereço (rua, número, bairro), de 5 a 200 caracteres.",
            );
        }
        let neighborhood = tidy(&form.neighborhood);
        if neighborhood.chars().count() > 80 {
            refuse(&mut errors, "neighborhood", "O bairro pode ter até 80 caracteres.");
        }
        let city = tidy(&form.city);
        if !(2..=80).contains(&city.chars().count()) {
            refuse(&mut errors, "city", "Informe a cidade.");
        }
        let listing_description = form.listing_description.trim().replace("\r\n", "\n");
        if listing_description.chars().count() > 2000 {
            refuse(
                &mut errors,
                "listing_description",
                "A descrição para anúncios pode ter até 2.000 caracteres.",
            );
        }
        let state = form.state.trim().to_uppercase();
        if !STATES.contains(&state.as_str()) {
            refuse(&mut errors, "state", "Escolha a UF.");
        }
        let stage = form.stage.trim().to_string();
        if !STAGES.iter().any(|(code, _)| *code == stage) {
            refuse(&mut errors, "stage", "Escolha a fase: lançamento, em obras ou entregue.");
        }
        let progress = whole_number(
            &mut errors,
            "progress",
            &form.progress,
            0..=100,
            "Informe o andamento da obra de 0 a 100 %.",
        );
        let date = |errors: &mut FieldErrors, field: &str, text: &str| {
            if text.trim().is_empty() {
                return None;
            }
            let parsed = super::rules::parse_form_date(text);
            if parsed.is_none() {
                refuse(errors, field, "Informe a data como dd/mm/aaaa.");
            }
            parsed
        };
        let expected_delivery = date(&mut errors, "expected_delivery", &form.expected_delivery);
        let delivered_on = date(&mut errors, "delivered_on", &form.delivered_on);
        let today = today_in_sao_paulo(self.clock.now());
        match (stage.as_str(), delivered_on) {
            ("entregue", None) if !errors.contains_key("delivered_on") => {
                refuse(&mut errors, "delivered_on", "Informe o dia da entrega das chaves.")
            }
            ("entregue", Some(day)) if day > today => {
                refuse(&mut errors, "delivered_on", "A entrega não pode ser depois de hoje.")
            }
            ("entregue", _) => {}
            (_, Some(_)) => refuse(
                &mut errors,
                "delivered_on",
                "Só informe a data de entrega quando a fase for “Entregue”.",
            ),
            _ => {}
        }
        let syndic = if form.syndic.trim().is_empty() {
            None
        } else {
            match TaxId::parse(&form.syndic) {
                Ok(document) => match self.store.person_by_document(document.canonical()).await? {
                    Some(person) => Some(person.id),
                    None => {
                        refuse(
                            &mut errors,
                            "syndic",
                            "Ninguém com este CPF/CNPJ: cadastre o síndico em Pessoas antes.",
                        );
                        None
                    }
                },
                Err(_) => {
                    refuse(&mut errors, "syndic", "CPF ou CNPJ inválido: confira os dígitos.");
                    None
                }
            }
        };
        if !errors.is_empty() {
            return Err(StaffError::Fields(errors));
        }
        Ok(ValidDevelopment {
            company_id: company_id.unwrap_or_default(),
            name,
            address,
            neighborhood,
            city,
            state,
            stage,
            progress,
            expected_delivery: expected_delivery.map(crate::time_br::iso_date),
            delivered_on: delivered_on.map(crate::time_br::iso_date),
            syndic,
            listing_description,
        })
    }

    pub(crate) async fn development_in_scope(
        &self,
        staff: &CurrentStaff,
        development_id: i64,
    ) -> Result<DevelopmentRecord, StaffError> {
        self.store.development_for_staff(&staff.scope, development_id).await?.ok_or(StaffError::NotFound)
    }

    /// The empreendimentos `staff` may see, with their units by status.
    pub async fn staff_development_list(
        &self,
        staff: &CurrentStaff,
    ) -> Result<Vec<DevelopmentRow>, StaffError> {
        staff.require(Permission::ViewRecords)?;
        Ok(self
            .store
            .developments_for_staff(&staff.scope)
            .await?
            .into_iter()
            .map(|record| DevelopmentRow {
                id: record.id,
                place: format!("{}/{}", record.city, record.state),
                stage: stage_label(&record.stage).to_string(),
                progress: record.progress_percent,
                units: record.units,
                available: record.available,
                sold: record.sold,
                name: record.name,
            })
            .collect())
    }

    /// The companies (SPEs) an empreendimento may belong to.
    pub async fn staff_companies(&self, staff: &CurrentStaff) -> Result<Vec<CompanyChoice>, StaffError> {
        staff.require(Permission::ViewRecords)?;
        Ok(self.store.companies().await?)
    }

    /// An empreendimento's page: data, stages, blocks, units and photos.
    pub async fn staff_development(
        &self,
        staff: &CurrentStaff,
        development_id: i64,
    ) -> Result<DevelopmentDetail, StaffError> {
        staff.require(Permission::ViewRecords)?;
        let record = self.development_in_scope(staff, development_id).await?;
        let syndics = self.store.syndics_of(development_id).await?;
        let units = self.store.units_of_development(development_id).await?;
        Ok(DevelopmentDetail {
            id: record.id,
            company: record.company.clone(),
            address: format!("{} – {}/{}", record.address, record.city, record.state),
            stage: stage_label(&record.stage).to_string(),
            progress: record.progress_percent,
            expected_delivery: record.expected_delivery.as_deref().map(display_iso_date),
            delivered_on: record.delivered_on.as_deref().map(display_iso_date),
            syndics: syndics.iter().map(|(name, _)| name.clone()).collect(),
            stages: self
                .store
                .stages_of(development_id)
                .await?
                .into_iter()
                .map(|(name, percent)| StageLine { name, percent: percent.to_string() })
                .collect(),
            blocks: self
                .store
                .blocks_of(development_id)
                .await?
                .into_iter()
                .map(|(id, name, units)| BlockRow { id, name, units })
                .collect(),
            units: units.into_iter().map(super::units::row_of).collect(),
            photos: self
                .store
                .photos_of_development(development_id)
                .await?
                .into_iter()
                .map(|(id, caption, taken_on)| StaffPhoto {
                    id,
                    caption,
                    taken_on: display_iso_date(&taken_on),
                })
                .collect(),
            can_edit: staff.may(Permission::EditRecords),
            form: form_of(&record, syndics.first().map(|(_, document)| document.as_str())),
            name: record.name,
        })
    }

    /// Creates an empreendimento; each broken rule comes back under its field.
    pub async fn create_development(
        &self,
        staff: &CurrentStaff,
        form: &DevelopmentForm,
    ) -> Result<i64, StaffError> {
        staff.require(Permission::EditRecords)?;
        if !staff.may_create_developments() {
            return Err(StaffError::Forbidden);
        }
        let valid = self.check_development(form).await?;
        let id = self.store.save_staff_development(None, &valid.row()).await?;
        let detail = format!("{}; {}", valid.name, stage_label(&valid.stage));
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "development_created",
                staff.ip.as_deref(),
                &subject_of(id),
                &detail,
            )
            .await?;
        Ok(id)
    }

    /// Changes an empreendimento's data; audited with each changed field.
    pub async fn update_development(
        &self,
        staff: &CurrentStaff,
        development_id: i64,
        form: &DevelopmentForm,
    ) -> Result<(), StaffError> {
        staff.require(Permission::EditRecords)?;
        let before = self.development_in_scope(staff, development_id).await?;
        let syndics = self.store.syndics_of(development_id).await?;
        let before_form = form_of(&before, syndics.first().map(|(_, document)| document.as_str()));
        let valid = self.check_development(form).await?;
        let after_form = form_of(
            &DevelopmentRecord {
                company_id: valid.company_id,
                name: valid.name.clone(),
                address: valid.address.clone(),
                neighborhood: valid.neighborhood.clone(),
                city: valid.city.clone(),
                state: valid.state.clone(),
                stage: valid.stage.clone(),
                progress_percent: valid.progress,
                expected_delivery: valid.expected_delivery.clone(),
                delivered_on: valid.delivered_on.clone(),
                listing_description: valid.listing_description.clone(),
                ..before
            },
            None,
        );
        let syndic_before = syndics.first().map(|(name, _)| name.clone()).unwrap_or_default();
        let syndic_after = match valid.syndic {
            Some(_) if !form.syndic.trim().is_empty() => {
                let canonical =
                    TaxId::parse(&form.syndic).map(|d| d.canonical().to_string()).unwrap_or_default();
                if syndics.first().is_some_and(|(_, document)| *document == canonical) {
                    syndic_before.clone()
                } else {
                    format!("CPF/CNPJ {}", form.syndic.trim())
                }
            }
            _ => String::new(),
        };
        let detail = changes(&[
            ("empresa", before_form.company.clone(), after_form.company.clone()),
            ("nome", before_form.name.clone(), after_form.name.clone()),
            ("endereço", before_form.address.clone(), after_form.address.clone()),
            ("bairro", before_form.neighborhood.clone(), after_form.neighborhood.clone()),
            ("cidade", before_form.city.clone(), after_form.city.clone()),
            (
                "descrição para anúncios",
                before_form.listing_description.clone(),
                after_form.listing_description.clone(),
            ),
            ("UF", before_form.state.clone(), after_form.state.clone()),
            ("fase", stage_label(&before_form.stage).into(), stage_label(&after_form.stage).into()),
            ("andamento %", before_form.progress.clone(), after_form.progress.clone()),
            (
                "previsão de entrega",
                before_form.expected_delivery.clone(),
                after_form.expected_delivery.clone(),
            ),
            ("entregue em", before_form.delivered_on.clone(), after_form.delivered_on.clone()),
            ("síndico", syndic_before, syndic_after),
        ]);
        if detail.is_empty() {
            return Ok(());
        }
        self.store.save_staff_development(Some(development_id), &valid.row()).await?;
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "development_updated",
                staff.ip.as_deref(),
                &subject_of(development_id),
                &detail,
            )
            .await?;
        Ok(())
    }
}

/// Area text for a form (re-exported for the units service).
pub(crate) fn area_for_form(centi_m2: i64) -> String {
    area_text(centi_m2)
}
