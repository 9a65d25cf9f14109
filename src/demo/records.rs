//! The demo's records, created through the back office's own use cases (as the demo admin), so
//! the demo is what a construction company would load from `/equipe`.

use time::Date;

use super::DemoError;
use crate::documents::NewDocumentUpload;
use crate::records::rules::{area_text, money_text};
use crate::records::{ContractForm, DevelopmentForm, StageLine, UnitBatchForm};
use crate::staff::CurrentStaff;
use crate::time_br::iso_date;
use crate::Portal;

/// An empreendimento as the demo describes it.
pub(super) struct DemoDevelopment<'a> {
    pub company: i64,
    pub name: &'a str,
    pub address: &'a str,
    pub neighborhood: &'a str,
    pub listing_description: &'a str,
    pub place: (&'a str, &'a str),
    pub stage: (&'a str, i64),
    pub delivery: (Option<String>, Option<String>),
    pub syndic: Option<String>,
    pub stages: &'a [(&'a str, i64)],
}

impl Portal {
    pub(super) async fn demo_development(
        &self,
        admin: &CurrentStaff,
        development: DemoDevelopment<'_>,
    ) -> Result<i64, DemoError> {
        let form = DevelopmentForm {
            company: development.company.to_string(),
            name: development.name.into(),
            address: development.address.into(),
            neighborhood: development.neighborhood.into(),
            listing_description: development.listing_description.into(),
            city: development.place.0.into(),
            state: development.place.1.into(),
            stage: development.stage.0.into(),
            progress: development.stage.1.to_string(),
            expected_delivery: development.delivery.0.unwrap_or_default(),
            delivered_on: development.delivery.1.unwrap_or_default(),
            syndic: development.syndic.unwrap_or_default(),
        };
        let id = self.create_development(admin, &form).await?;
        let stages: Vec<StageLine> = development
            .stages
            .iter()
            .map(|(name, percent)| StageLine { name: (*name).into(), percent: percent.to_string() })
            .collect();
        self.set_development_stages(admin, id, &stages).await?;
        Ok(id)
    }

    pub(super) async fn demo_block(
        &self,
        admin: &CurrentStaff,
        development: i64,
        name: &str,
    ) -> Result<i64, DemoError> {
        self.save_block(admin, development, None, name).await?;
        let blocks = self.store.blocks_of(development).await?;
        Ok(blocks
            .into_iter()
            .find(|(_, block, _)| block == name)
            .map(|(id, _, _)| id)
            .expect("the block just saved"))
    }

    /// One apartment, numbered `number` on `floor`; its id.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn demo_unit(
        &self,
        admin: &CurrentStaff,
        development: i64,
        block: i64,
        number: &str,
        floor: i64,
        area_centi_m2: i64,
        parking: i64,
    ) -> Result<i64, DemoError> {
        let form = UnitBatchForm {
            block: block.to_string(),
            floor_from: floor.to_string(),
            floor_to: floor.to_string(),
            per_floor: "1".into(),
            numbering: "sequencial".into(),
            first_number: number.into(),
            kind: "Apartamento".into(),
            area: area_text(area_centi_m2),
            parking: parking.to_string(),
        };
        self.create_units(admin, development, &form).await?;
        let units = self.store.units_of_development(development).await?;
        Ok(units
            .into_iter()
            .find(|unit| unit.number == number && unit.block_id == Some(block))
            .map(|unit| unit.id)
            .expect("the unit just created"))
    }

    /// A contract in force for `unit`, `buyers` by CPF/CNPJ (the titular first); its id.
    pub(super) async fn demo_contract(
        &self,
        admin: &CurrentStaff,
        unit: i64,
        number: &str,
        signed_on: Date,
        total_cents: i64,
        buyers: &[String],
    ) -> Result<i64, DemoError> {
        let buyer = |index: usize| buyers.get(index).cloned().unwrap_or_default();
        let form = ContractForm {
            unit: unit.to_string(),
            number: number.into(),
            signed_on: iso_date(signed_on),
            total: money_text(total_cents),
            status: "ativo".into(),
            titular: buyer(0),
            co_buyer1: buyer(1),
            co_buyer2: buyer(2),
            co_buyer3: buyer(3),
        };
        Ok(self.create_contract(admin, &form).await?)
    }

    /// A PDF published to a record (`contrato`, `empreendimento` or `condominio`).
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn demo_document(
        &self,
        admin: &CurrentStaff,
        scope: &str,
        id: i64,
        kind: &str,
        title: &str,
        file_name: &str,
        pdf: &[u8],
    ) -> Result<(), DemoError> {
        let upload = NewDocumentUpload { scope, id, kind, title, file_name, bytes: pdf, notify: false };
        self.publish_document(admin, upload).await?;
        Ok(())
    }
}
