//! Unidades in the back office: many at once, one edited, and the commercial status partner
//! listings read.

use super::developments::{area_for_form, subject_of};
use super::model::*;
use super::rules::{changes, money_text};
use super::rules::{check_batch, check_unit, refuse, FieldErrors};
use super::store::UnitRecord;
use crate::property::format_area;
use crate::property::UnitSummary;
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::store::is_unique_violation;
use crate::Portal;

pub(crate) fn row_of(record: UnitRecord) -> UnitRow {
    UnitRow {
        id: record.id,
        development_id: record.development_id,
        label: UnitSummary::label_of(record.block.as_deref(), &record.kind, &record.number),
        block: record.block,
        number: record.number,
        floor: record.floor,
        kind: record.kind,
        area: format_area(record.private_area_centi_m2),
        parking: record.parking_spaces,
        price: record.list_price_cents.map(|cents| crate::br::Centavos(cents).to_string()),
        bedrooms: record.bedrooms,
        bathrooms: record.bathrooms,
        status_label: unit_status_label(&record.status).to_string(),
        status: record.status,
        contract: record.contract_id.zip(record.contract_number),
    }
}

fn form_of(record: &UnitRecord) -> UnitForm {
    UnitForm {
        block: record.block_id.map(|id| id.to_string()).unwrap_or_default(),
        number: record.number.clone(),
        floor: record.floor.to_string(),
        kind: record.kind.clone(),
        area: area_for_form(record.private_area_centi_m2),
        parking: record.parking_spaces.to_string(),
        price: record.list_price_cents.map(money_text).unwrap_or_default(),
        bedrooms: record.bedrooms.map(|count| count.to_string()).unwrap_or_default(),
        bathrooms: record.bathrooms.map(|count| count.to_string()).unwrap_or_default(),
    }
}

fn taken(numbers: &[String]) -> StaffError {
    let mut errors = FieldErrors::new();
    let shown: Vec<&str> = numbers.iter().take(10).map(String::as_str).collect();
    let more = if numbers.len() > 10 { format!(" e mais {}", numbers.len() - 10) } else { String::new() };
    refuse(
        &mut errors,
        "floor_from",
        &format!("Já existem unidades com estes números neste bloco: {}{more}.", shown.join(", ")),
    );
    StaffError::Fields(errors)
}

impl Portal {
    async fn unit_in_scope(&self, staff: &CurrentStaff, unit_id: i64) -> Result<UnitRecord, StaffError> {
        self.store.unit_for_staff(&staff.scope, unit_id).await?.ok_or(StaffError::NotFound)
    }

    async fn block_ids(&self, development_id: i64) -> Result<Vec<i64>, StaffError> {
        Ok(self.store.blocks_of(development_id).await?.into_iter().map(|(id, _, _)| id).collect())
    }

    /// Creates the units of a batch (floors × units per floor), all or none; returns how many.
    pub async fn create_units(
        &self,
        staff: &CurrentStaff,
        development_id: i64,
        form: &UnitBatchForm,
    ) -> Result<usize, StaffError> {
        staff.require(Permission::EditRecords)?;
        self.development_in_scope(staff, development_id).await?;
        let batch = check_batch(form, &self.block_ids(development_id).await?).map_err(StaffError::Fields)?;
        let existing = self.store.taken_unit_numbers(development_id, batch.block).await?;
        let clashes: Vec<String> = batch
            .units
            .iter()
            .filter(|(_, number)| existing.contains(number))
            .map(|(_, n)| n.clone())
            .collect();
        if !clashes.is_empty() {
            return Err(taken(&clashes));
        }
        match self.store.insert_unit_batch(development_id, &batch).await {
            // Someone else created one of these numbers a moment ago: nothing was kept.
            Err(error) if is_unique_violation(&error) => {
                let existing = self.store.taken_unit_numbers(development_id, batch.block).await?;
                let clashes: Vec<String> = batch
                    .units
                    .iter()
                    .filter(|(_, n)| existing.contains(n))
                    .map(|(_, n)| n.clone())
                    .collect();
                return Err(taken(&clashes));
            }
            other => other?,
        }
        let first = batch.units.first().map(|(_, n)| n.as_str()).unwrap_or_default();
        let last = batch.units.last().map(|(_, n)| n.as_str()).unwrap_or_default();
        let detail = format!("{} unidades ({first} a {last}), {}", batch.units.len(), batch.kind);
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "units_created",
                staff.ip.as_deref(),
                &subject_of(development_id),
                &detail,
            )
            .await?;
        Ok(batch.units.len())
    }

    /// A unit's page.
    pub async fn staff_unit(&self, staff: &CurrentStaff, unit_id: i64) -> Result<UnitDetail, StaffError> {
        staff.require(Permission::ViewRecords)?;
        let record = self.unit_in_scope(staff, unit_id).await?;
        let blocks = self
            .store
            .blocks_of(record.development_id)
            .await?
            .into_iter()
            .map(|(id, name, units)| BlockRow { id, name, units })
            .collect();
        Ok(UnitDetail {
            development: record.development.clone(),
            blocks,
            can_edit: staff.may(Permission::EditRecords),
            form: form_of(&record),
            row: row_of(record),
        })
    }

    /// Changes a unit's data; audited with each changed field.
    pub async fn update_unit(
        &self,
        staff: &CurrentStaff,
        unit_id: i64,
        form: &UnitForm,
    ) -> Result<(), StaffError> {
        staff.require(Permission::EditRecords)?;
        let before = self.unit_in_scope(staff, unit_id).await?;
        let valid =
            check_unit(form, &self.block_ids(before.development_id).await?).map_err(StaffError::Fields)?;
        let number_taken = || {
            let mut errors = FieldErrors::new();
            refuse(&mut errors, "number", "Já existe uma unidade com este número neste bloco.");
            StaffError::Fields(errors)
        };
        let before_form = form_of(&before);
        let detail = changes(&[
            ("bloco", before_form.block.clone(), valid.block.map(|b| b.to_string()).unwrap_or_default()),
            ("número", before_form.number.clone(), valid.number.clone()),
            ("andar", before_form.floor.clone(), valid.floor.to_string()),
            ("tipo", before_form.kind.clone(), valid.kind.clone()),
            ("área m²", before_form.area.clone(), area_for_form(valid.area_centi_m2)),
            ("vagas", before_form.parking.clone(), valid.parking.to_string()),
            ("preço", before_form.price.clone(), valid.list_price_cents.map(money_text).unwrap_or_default()),
            (
                "quartos",
                before_form.bedrooms.clone(),
                valid.bedrooms.map(|n| n.to_string()).unwrap_or_default(),
            ),
            (
                "banheiros",
                before_form.bathrooms.clone(),
                valid.bathrooms.map(|n| n.to_string()).unwrap_or_default(),
            ),
        ]);
        if detail.is_empty() {
            return Ok(());
        }
        match self.store.update_unit(unit_id, &valid).await {
            Err(error) if is_unique_violation(&error) => return Err(number_taken()),
            other => other?,
        }
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "unit_updated",
                staff.ip.as_deref(),
                &format!("unit:{unit_id}"),
                &detail,
            )
            .await?;
        Ok(())
    }

    /// Sets a unit's commercial status. A unit with a contract in force stays `vendida`.
    pub async fn set_unit_status(
        &self,
        staff: &CurrentStaff,
        unit_id: i64,
        status: &str,
    ) -> Result<(), StaffError> {
        staff.require(Permission::EditRecords)?;
        let before = self.unit_in_scope(staff, unit_id).await?;
        if !UNIT_STATUSES.iter().any(|(code, _)| *code == status) {
            return Err(StaffError::Invalid("Escolha disponível, reservada ou vendida.".into()));
        }
        if before.contract_id.is_some() && status != "vendida" {
            return Err(StaffError::Invalid(
                "Esta unidade tem contrato em vigor: ela só deixa de estar vendida com o distrato.".into(),
            ));
        }
        if before.status == status {
            return Ok(());
        }
        self.store.set_unit_status(unit_id, status).await?;
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "unit_status_set",
                staff.ip.as_deref(),
                &format!("unit:{unit_id}"),
                &changes(&[(
                    "situação",
                    unit_status_label(&before.status).into(),
                    unit_status_label(status).into(),
                )]),
            )
            .await?;
        Ok(())
    }
}
