use serde::{Deserialize, Serialize};

use crate::br::Centavos;

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DevelopmentStage {
    Launch,
    UnderConstruction,
    Delivered,
}

impl DevelopmentStage {
    pub fn from_code(code: &str) -> Self {
        match code {
            "lancamento" => Self::Launch,
            "entregue" => Self::Delivered,
            _ => Self::UnderConstruction,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Launch => "Lançamento",
            Self::UnderConstruction => "Em obras",
            Self::Delivered => "Entregue",
        }
    }
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContractStatus {
    AwaitingSignature,
    Active,
    PaidOff,
    Cancelled,
}

impl ContractStatus {
    pub fn from_code(code: &str) -> Self {
        match code {
            "em_assinatura" => Self::AwaitingSignature,
            "quitado" => Self::PaidOff,
            "distratado" => Self::Cancelled,
            _ => Self::Active,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AwaitingSignature => "Em assinatura",
            Self::Active => "Ativo",
            Self::PaidOff => "Quitado",
            Self::Cancelled => "Distratado",
        }
    }

    /// A CSS modifier for the status badge.
    pub fn tone(self) -> &'static str {
        match self {
            Self::AwaitingSignature => "warning",
            Self::Active => "info",
            Self::PaidOff => "success",
            Self::Cancelled => "muted",
        }
    }
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartyRole {
    Holder,
    CoBuyer,
}

impl PartyRole {
    pub fn from_code(code: &str) -> Self {
        if code == "cocomprador" {
            Self::CoBuyer
        } else {
            Self::Holder
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Holder => "Titular",
            Self::CoBuyer => "Cocomprador",
        }
    }
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevelopmentSummary {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub city: String,
    pub state: String,
    pub stage: DevelopmentStage,
    pub progress_percent: i64,
    /// `dd/mm/aaaa`, when known.
    pub expected_delivery: Option<String>,
    pub delivered_on: Option<String>,
    /// The buyer is the síndico of this empreendimento.
    pub is_syndic: bool,
    /// Progress stage by stage, in construction order.
    pub stages: Vec<ConstructionStage>,
    /// The newest photos of the works (at most [`RECENT_PHOTOS`]), newest first.
    pub recent_photos: Vec<WorksPhoto>,
    /// How many photos the gallery has in all.
    pub photo_count: i64,
}

/// How many photos "Meu Imóvel" shows per empreendimento before linking to the gallery.
pub const RECENT_PHOTOS: usize = 4;

/// One dated photo of the works, as the buyer sees it.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorksPhoto {
    pub id: i64,
    pub development_id: i64,
    /// `dd/mm/aaaa`.
    pub taken_on: String,
    /// `aaaa-mm-dd`, for `<time datetime>` and the API.
    pub taken_on_iso: String,
    /// What the photo shows; also its alt text.
    pub caption: String,
    pub width: i64,
    pub height: i64,
    pub thumbnail_width: i64,
    pub thumbnail_height: i64,
}

impl WorksPhoto {
    pub fn url(&self) -> String {
        format!("/meu-imovel/fotos/{}", self.id)
    }

    pub fn thumbnail_url(&self) -> String {
        format!("/meu-imovel/fotos/{}/miniatura", self.id)
    }
}

/// Every photo of one empreendimento's works, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorksGallery {
    pub development_id: i64,
    pub development_name: String,
    pub photos: Vec<WorksPhoto>,
}

/// The two files kept per photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoSize {
    Full,
    Thumbnail,
}

/// One stage of the works and how far it is.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConstructionStage {
    pub name: String,
    pub percent: i64,
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSummary {
    pub id: i64,
    pub block: Option<String>,
    pub number: String,
    pub floor: i64,
    pub kind: String,
    /// `72,50 m²`.
    pub private_area: String,
    pub parking_spaces: i64,
}

impl UnitSummary {
    /// `Torre A · Apto 1204` or `Apto 12`.
    pub fn label(&self) -> String {
        Self::label_of(self.block.as_deref(), &self.kind, &self.number)
    }

    pub fn label_of(block: Option<&str>, kind: &str, number: &str) -> String {
        match block {
            Some(block) => format!("{block} · {kind} {number}"),
            None => format!("{kind} {number}"),
        }
    }
}

/// Where the buyer stands with the installments of one contract.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentPosition {
    pub total: Centavos,
    pub paid: Centavos,
    pub balance: Centavos,
    pub installments_paid: i64,
    pub installments_open: i64,
    pub installments_overdue: i64,
    pub overdue_amount: Centavos,
    /// Next open installment: `dd/mm/aaaa` and its amount.
    #[cfg_attr(feature = "server", schema(value_type = Option<Vec<serde_json::Value>>, example = json!(["10/01/2027", 150000])))]
    pub next_due: Option<(String, Centavos)>,
    /// The id of that installment (its boleto).
    pub next_due_installment: Option<i64>,
    /// Its due date as `aaaa-mm-dd`, which sorts.
    pub next_due_iso: Option<String>,
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractSummary {
    pub id: i64,
    pub number: String,
    pub status: ContractStatus,
    pub role: PartyRole,
    pub signed_on: String,
    pub development: DevelopmentSummary,
    pub unit: UnitSummary,
    pub position: PaymentPosition,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractParty {
    pub name: String,
    pub role: PartyRole,
    /// Masked for co-buyers' privacy: `***.444.777-**`.
    pub document_masked: String,
    /// `60 %` when staff set the buyers' parts (equal parts otherwise, not shown).
    pub share: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractDetail {
    pub summary: ContractSummary,
    pub parties: Vec<ContractParty>,
}

/// Everything the buyer has, grouped by empreendimento for "Meu Imóvel".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProperty {
    pub contracts: Vec<ContractSummary>,
}

impl MyProperty {
    /// Empreendimentos in first-seen order, each with its contracts.
    pub fn by_development(&self) -> Vec<(DevelopmentSummary, Vec<ContractSummary>)> {
        let mut groups: Vec<(DevelopmentSummary, Vec<ContractSummary>)> = Vec::new();
        for contract in &self.contracts {
            match groups.iter_mut().find(|(dev, _)| dev.id == contract.development.id) {
                Some((_, list)) => list.push(contract.clone()),
                None => groups.push((contract.development.clone(), vec![contract.clone()])),
            }
        }
        groups
    }

    /// What the buyer owes across all contracts: the overdue installments and the next one due.
    pub fn money_summary(&self) -> MoneySummary {
        let positions = self.contracts.iter().map(|contract| &contract.position);
        let next_due = self
            .contracts
            .iter()
            .filter_map(|contract| {
                let (date, amount) = contract.position.next_due.clone()?;
                let installment = contract.position.next_due_installment?;
                let iso = contract.position.next_due_iso.clone()?;
                // The contract is named only when there is more than one to tell apart.
                let contract_number = (self.contracts.len() > 1).then(|| contract.number.clone());
                Some((iso, NextDue { date, amount, installment, contract_number }))
            })
            .min_by(|(a, _), (b, _)| a.cmp(b))
            .map(|(_, next)| next);
        MoneySummary {
            overdue_count: positions.clone().map(|position| position.installments_overdue).sum(),
            overdue_amount: positions.map(|position| position.overdue_amount).sum(),
            next_due,
        }
    }
}

/// The headline of Meu Imóvel: what is owed now and what comes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneySummary {
    pub overdue_count: i64,
    pub overdue_amount: Centavos,
    pub next_due: Option<NextDue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextDue {
    /// `dd/mm/aaaa`.
    pub date: String,
    pub amount: Centavos,
    pub installment: i64,
    pub contract_number: Option<String>,
}

/// Masks a stored CPF/CNPJ, keeping the middle visible as Brazilian receipts do.
pub fn mask_document(canonical: &str) -> String {
    match canonical.len() {
        11 => format!("***.{}.{}-**", &canonical[3..6], &canonical[6..9]),
        14 => format!("**.{}.{}/****-**", &canonical[2..5], &canonical[5..8]),
        _ => "***".to_string(),
    }
}

/// `7250` hundredths of m² → `72,50 m²`.
pub fn format_area(centi_m2: i64) -> String {
    format!("{},{:02} m²", centi_m2 / 100, centi_m2 % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_documents_and_formats_area() {
        assert_eq!(mask_document("11144477735"), "***.444.777-**");
        assert_eq!(mask_document("12ABC34501DE35"), "**.ABC.345/****-**");
        assert_eq!(format_area(7250), "72,50 m²");
        assert_eq!(format_area(4005), "40,05 m²");
    }
}
