use super::model::*;
use super::photo_store::RecentPhotoRow;
use super::store::ContractRow;
use crate::br::Centavos;
use crate::finance::income_report::{percent_label, whole_shares};
use crate::paging::{PageOf, PageRequest};
use crate::store::StoreError;
use crate::time_br::{display_iso_date, iso_date, today_in_sao_paulo};
use crate::Portal;

#[derive(Debug, thiserror::Error)]
pub enum PropertyError {
    /// Also what a buyer gets for another buyer's contract: its existence is not revealed.
    #[error("contract not found")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn payment_position(row: &ContractRow) -> PaymentPosition {
    PaymentPosition {
        total: Centavos(row.total_cents),
        paid: Centavos(row.paid_cents),
        balance: Centavos(row.total_cents - row.paid_cents),
        installments_paid: row.installments_paid,
        installments_open: row.installments_open,
        installments_overdue: row.installments_overdue,
        overdue_amount: Centavos(row.overdue_cents),
        next_due_installment: row.next_due_id,
        next_due_iso: row.next_due_on.clone(),
        next_due: row
            .next_due_on
            .as_deref()
            .zip(row.next_due_cents)
            .map(|(due_on, cents)| (display_iso_date(due_on), Centavos(cents))),
    }
}

fn summary(row: ContractRow) -> ContractSummary {
    let position = payment_position(&row);
    ContractSummary {
        id: row.contract_id,
        number: row.number,
        status: ContractStatus::from_code(&row.status),
        role: PartyRole::from_code(&row.role),
        signed_on: display_iso_date(&row.signed_on),
        position,
        development: DevelopmentSummary {
            id: row.development_id,
            name: row.development_name,
            address: row.address,
            city: row.city,
            state: row.state,
            stage: DevelopmentStage::from_code(&row.stage),
            progress_percent: row.progress_percent,
            expected_delivery: row.expected_delivery.as_deref().map(display_iso_date),
            delivered_on: row.delivered_on.as_deref().map(display_iso_date),
            is_syndic: row.is_syndic != 0,
            stages: Vec::new(),
            recent_photos: Vec::new(),
            photo_count: 0,
        },
        unit: UnitSummary {
            id: row.unit_id,
            block: row.block_name,
            number: row.unit_number,
            floor: row.floor,
            kind: row.unit_kind,
            private_area: format_area(row.private_area_centi_m2),
            parking_spaces: row.parking_spaces,
        },
    }
}

impl Portal {
    pub(crate) fn today_iso(&self) -> String {
        iso_date(today_in_sao_paulo(self.clock.now()))
    }

    /// "Meu Imóvel": every contract the buyer is party to, with its unit, empreendimento and
    /// payment position.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_property(&self, person_id: i64) -> Result<MyProperty, PropertyError> {
        let rows = self.store.contracts_of_person(person_id, &self.today_iso()).await?;
        let mut contracts: Vec<ContractSummary> = rows.into_iter().map(summary).collect();
        self.fill_works(person_id, &mut contracts).await?;
        Ok(MyProperty { contracts })
    }

    /// One page of the buyer's contracts, cut in SQL (the partner API).
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_contract_page(
        &self,
        person_id: i64,
        page: PageRequest,
    ) -> Result<PageOf<ContractSummary>, PropertyError> {
        let rows = self.store.contract_page_of_person(person_id, &self.today_iso(), page).await?;
        let mut contracts = rows.map(summary);
        self.fill_works(person_id, &mut contracts.items).await?;
        Ok(contracts)
    }

    /// Adds each empreendimento's construction stages and newest photos.
    async fn fill_works(
        &self,
        person_id: i64,
        contracts: &mut [ContractSummary],
    ) -> Result<(), PropertyError> {
        let stages = self.store.stages_visible_to(person_id).await?;
        let photos = self.store.recent_photos_visible_to(person_id, RECENT_PHOTOS as i64).await?;
        for contract in contracts {
            contract.development.stages = stages
                .iter()
                .filter(|stage| stage.development_id == contract.development.id)
                .map(|stage| ConstructionStage { name: stage.name.clone(), percent: stage.percent })
                .collect();
            let of_development: Vec<&RecentPhotoRow> =
                photos.iter().filter(|row| row.photo.development_id == contract.development.id).collect();
            contract.development.photo_count = of_development.first().map_or(0, |row| row.photo_count);
            contract.development.recent_photos =
                of_development.into_iter().map(|row| WorksPhoto::from(row.photo.clone())).collect();
        }
        Ok(())
    }

    /// One contract of the buyer; [`PropertyError::NotFound`] when it is not theirs.
    #[tracing::instrument(skip_all, fields(person_id = person_id))]
    pub async fn my_contract(
        &self,
        person_id: i64,
        contract_id: i64,
    ) -> Result<ContractDetail, PropertyError> {
        let row = self
            .store
            .contract_of_person(person_id, contract_id, &self.today_iso())
            .await?
            .ok_or(PropertyError::NotFound)?;
        let rows = self.store.parties_visible_to(person_id, contract_id).await?;
        // Parts are shown only when staff set them all and they make the whole.
        let shares = whole_shares(rows.iter().map(|party| party.share_basis_points()));
        let parties = rows
            .into_iter()
            .enumerate()
            .map(|(index, party)| ContractParty {
                share: shares.as_ref().map(|shares| percent_label(shares[index])),
                name: party.name,
                role: PartyRole::from_code(&party.role),
                document_masked: mask_document(&party.document),
            })
            .collect();
        let mut summaries = [summary(row)];
        self.fill_works(person_id, &mut summaries).await?;
        let [summary] = summaries;
        Ok(ContractDetail { summary, parties })
    }
}
