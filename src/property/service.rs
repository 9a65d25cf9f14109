use super::model::*;
use super::store::{ContractRow, InstallmentRow};
use crate::br::Centavos;
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

fn payment_position(total: i64, installments: &[&InstallmentRow], today_iso: &str) -> PaymentPosition {
    let paid: i64 = installments.iter().filter_map(|i| i.paid_cents).sum();
    let open: Vec<&&InstallmentRow> = installments.iter().filter(|i| i.paid_on.is_none()).collect();
    let overdue: Vec<&&InstallmentRow> =
        open.iter().copied().filter(|i| i.due_on.as_str() < today_iso).collect();
    let next_due = open
        .iter()
        .find(|i| i.due_on.as_str() >= today_iso)
        .map(|i| (display_iso_date(&i.due_on), Centavos(i.amount_cents)));
    PaymentPosition {
        total: Centavos(total),
        paid: Centavos(paid),
        balance: Centavos(total - paid),
        installments_paid: (installments.len() - open.len()) as i64,
        installments_open: open.len() as i64,
        installments_overdue: overdue.len() as i64,
        overdue_amount: Centavos(overdue.iter().map(|i| i.amount_cents).sum()),
        next_due,
    }
}

fn summary(row: ContractRow, installments: &[InstallmentRow], today_iso: &str) -> ContractSummary {
    let mine: Vec<&InstallmentRow> =
        installments.iter().filter(|i| i.contract_id == row.contract_id).collect();
    ContractSummary {
        id: row.contract_id,
        number: row.number,
        status: ContractStatus::from_code(&row.status),
        role: PartyRole::from_code(&row.role),
        signed_on: display_iso_date(&row.signed_on),
        position: payment_position(row.total_cents, &mine, today_iso),
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
        let rows = self.store.contracts_of_person(person_id).await?;
        let installments = self.store.installments_of_person(person_id).await?;
        let today = self.today_iso();
        let mut contracts: Vec<ContractSummary> =
            rows.into_iter().map(|row| summary(row, &installments, &today)).collect();
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
        let rows = self.store.contract_page_of_person(person_id, page).await?;
        let installments = self.store.installments_of_person(person_id).await?;
        let today = self.today_iso();
        let mut contracts = rows.map(|row| summary(row, &installments, &today));
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
        let photos = self.store.photos_visible_to(person_id).await?;
        for contract in contracts {
            contract.development.stages = stages
                .iter()
                .filter(|stage| stage.development_id == contract.development.id)
                .map(|stage| ConstructionStage { name: stage.name.clone(), percent: stage.percent })
                .collect();
            let mut of_development =
                photos.iter().filter(|photo| photo.development_id == contract.development.id);
            contract.development.recent_photos =
                of_development.by_ref().take(RECENT_PHOTOS).cloned().map(WorksPhoto::from).collect();
            contract.development.photo_count =
                (contract.development.recent_photos.len() + of_development.count()) as i64;
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
        let row =
            self.store.contract_of_person(person_id, contract_id).await?.ok_or(PropertyError::NotFound)?;
        let installments = self.store.installments_of_person(person_id).await?;
        let parties = self
            .store
            .parties_visible_to(person_id, contract_id)
            .await?
            .into_iter()
            .map(|party| ContractParty {
                name: party.name,
                role: PartyRole::from_code(&party.role),
                document_masked: mask_document(&party.document),
            })
            .collect();
        let mut summaries = [summary(row, &installments, &self.today_iso())];
        self.fill_works(person_id, &mut summaries).await?;
        let [summary] = summaries;
        Ok(ContractDetail { summary, parties })
    }
}
