//! Contratos in the back office: list, page, create with their parties, status changes with a
//! reason, buyers' parts, the payment plan (previewed, then saved whole) and unpaid
//! installments. Contracts and parties need `EditRecords`; money (plan, installments) needs
//! `EditFinance`, so atendimento keeps buyers' records and financeiro the amounts.

use super::contract_model::*;
use super::contract_store::{ContractRecord, InstallmentRecord, NewContract};
use super::rules::changes;
use super::rules::{money_text, parse_form_date, parse_money, refuse, tidy, FieldErrors};
use crate::br::{Centavos, TaxId};
use crate::paging::PageRequest;
use crate::property::{ShareError, UnitSummary};
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::store::is_unique_violation;
use crate::time_br::{display_iso_date, format_timestamp, iso_date, today_in_sao_paulo};
use crate::Portal;

pub(crate) fn subject_of(contract_id: i64) -> String {
    format!("contract:{contract_id}")
}

pub(super) fn money(cents: i64) -> String {
    Centavos(cents).to_string()
}

fn unit_label(record: &ContractRecord) -> String {
    UnitSummary::label_of(record.block.as_deref(), &record.kind, &record.unit_number)
}

pub(super) fn line_of(record: &InstallmentRecord) -> InstallmentLine {
    InstallmentLine {
        id: record.id,
        number: record.number,
        kind: installment_kind_label(&record.kind).to_string(),
        due_on: display_iso_date(&record.due_on),
        amount: money(record.due_cents()),
        correction: (record.correction_cents != 0)
            .then(|| format!("{} + correção {}", money(record.amount_cents), money(record.correction_cents))),
        paid: record.paid_on.as_deref().map(|day| {
            format!(
                "Paga em {} ({})",
                display_iso_date(day),
                money(record.paid_cents.unwrap_or(record.due_cents()))
            )
        }),
    }
}

fn fields(field: &str, message: &str) -> StaffError {
    let mut errors = FieldErrors::new();
    refuse(&mut errors, field, message);
    StaffError::Fields(errors)
}

impl Portal {
    pub(crate) async fn contract_in_scope(
        &self,
        staff: &CurrentStaff,
        contract_id: i64,
    ) -> Result<ContractRecord, StaffError> {
        self.store.contract_for_staff(&staff.scope, contract_id).await?.ok_or(StaffError::NotFound)
    }

    /// One page of the contracts in scope, searched by number or buyer's name.
    pub async fn staff_contracts(
        &self,
        staff: &CurrentStaff,
        filter: &ContractFilter,
    ) -> Result<ContractList, StaffError> {
        staff.require(Permission::ViewRecords)?;
        let search = tidy(&filter.search).to_lowercase().replace(['%', '_'], "");
        let search = if search.is_empty() { search } else { format!("%{search}%") };
        let status = if CONTRACT_STATUSES.iter().any(|(code, _)| *code == filter.status) {
            &filter.status
        } else {
            ""
        };
        let page = PageRequest::new(Some(filter.page), Some(u64::from(CONTRACTS_PER_PAGE)));
        let (order, order_sql) =
            crate::paging::order_by(&filter.order, &CONTRACT_ORDERS, "-assinatura", "c.id");
        let found = self.store.contracts_page(&staff.scope, &search, status, &order_sql, page).await?;
        Ok(ContractList {
            rows: found
                .items
                .iter()
                .map(|record| ContractRow {
                    id: record.id,
                    number: record.number.clone(),
                    development: record.development.clone(),
                    unit: unit_label(record),
                    buyers: match (&record.titular, record.co_buyers) {
                        (Some(name), 0) => name.clone(),
                        (Some(name), 1) => format!("{name} e mais 1"),
                        (Some(name), more) => format!("{name} e mais {more}"),
                        (None, _) => "Sem titular".to_string(),
                    },
                    status: record.status.clone(),
                    status_label: contract_status_label(&record.status).to_string(),
                    total: money(record.total_cents),
                    signed_on: display_iso_date(&record.signed_on),
                })
                .collect(),
            total: found.total,
            order,
            page: page.number(),
            pages: (found.total.max(0) as u64).div_ceil(u64::from(CONTRACTS_PER_PAGE)).max(1),
        })
    }

    /// A contract's page: parties, installments and trail.
    pub async fn staff_contract(
        &self,
        staff: &CurrentStaff,
        contract_id: i64,
    ) -> Result<ContractDetail, StaffError> {
        staff.require(Permission::ViewRecords)?;
        let record = self.contract_in_scope(staff, contract_id).await?;
        let installments = self.store.installments_of_contract(contract_id).await?;
        let parties = self.contract_shares(contract_id).await.map_err(share_refusal)?;
        let trail = self
            .store
            .trail_of_subject(&subject_of(contract_id), 50)
            .await?
            .into_iter()
            .map(|(at, kind, name, action, detail)| RecordTrailEntry {
                at: format_timestamp(at),
                who: match (kind.as_str(), name) {
                    ("staff", Some(name)) => name,
                    ("system", _) => "sistema".to_string(),
                    _ => "outro".to_string(),
                },
                action: crate::audit::action_label(&action).to_string(),
                detail,
            })
            .collect();
        Ok(ContractDetail {
            id: record.id,
            number: record.number.clone(),
            development_id: record.development_id,
            development: record.development.clone(),
            unit_id: record.unit_id,
            unit: unit_label(&record),
            status_label: contract_status_label(&record.status).to_string(),
            status: record.status.clone(),
            signed_on: display_iso_date(&record.signed_on),
            total: money(record.total_cents),
            parties: parties
                .into_iter()
                .map(|party| PartyLine {
                    person_id: party.person_id,
                    name: party.name,
                    role: if party.role == "titular" { "Titular" } else { "Cocomprador" }.to_string(),
                    share: party.share_basis_points.map(money_text),
                })
                .collect(),
            installments_total: money(installments.iter().map(|line| line.amount_cents).sum()),
            correction: self.contract_correction_view(contract_id).await?,
            installments: installments.iter().map(line_of).collect(),
            trail,
            can_edit: staff.may(Permission::EditRecords),
            can_plan: staff.may(Permission::EditFinance),
        })
    }

    /// The unit a new contract is for, if in scope and without a contract in force.
    pub async fn staff_contract_unit(
        &self,
        staff: &CurrentStaff,
        unit_id: i64,
    ) -> Result<ContractUnit, StaffError> {
        staff.require(Permission::EditRecords)?;
        let unit = self.store.unit_for_staff(&staff.scope, unit_id).await?.ok_or(StaffError::NotFound)?;
        Ok(ContractUnit {
            id: unit.id,
            label: UnitSummary::label_of(unit.block.as_deref(), &unit.kind, &unit.number),
            development: unit.development,
            development_id: unit.development_id,
        })
    }

    /// Creates a contract for a unit in scope, with its titular and co-buyers (registered,
    /// confirmed people); the unit becomes vendida.
    pub async fn create_contract(
        &self,
        staff: &CurrentStaff,
        form: &ContractForm,
    ) -> Result<i64, StaffError> {
        staff.require(Permission::EditRecords)?;
        let unit_id = form.unit.trim().parse::<i64>().map_err(|_| StaffError::NotFound)?;
        let unit = self.store.unit_for_staff(&staff.scope, unit_id).await?.ok_or(StaffError::NotFound)?;
        let mut errors = FieldErrors::new();
        let unit_taken = "Esta unidade já tem contrato em vigor: registre o distrato dele antes.";
        if unit.contract_id.is_some() {
            refuse(&mut errors, "unit", unit_taken);
        }
        let number = tidy(&form.number).to_uppercase();
        if !(3..=30).contains(&number.chars().count()) {
            refuse(&mut errors, "number", "Informe o número do contrato, de 3 a 30 caracteres.");
        }
        let signed_on = parse_form_date(&form.signed_on);
        match signed_on {
            None => refuse(&mut errors, "signed_on", "Informe a data da assinatura como dd/mm/aaaa."),
            Some(day) if day > today_in_sao_paulo(self.clock.now()) => {
                refuse(&mut errors, "signed_on", "A assinatura não pode ser depois de hoje.")
            }
            Some(_) => {}
        }
        let total = parse_money(&form.total);
        if total.is_none() {
            refuse(&mut errors, "total", "Informe o valor total em reais, por exemplo 350.000,00.");
        }
        let status = form.status.trim();
        if !["em_assinatura", "ativo"].contains(&status) {
            refuse(&mut errors, "status", "Um contrato começa em assinatura ou ativo.");
        }
        let mut parties = Vec::new();
        let mut names = Vec::new();
        for (field, text) in [
            ("titular", &form.titular),
            ("co_buyer1", &form.co_buyer1),
            ("co_buyer2", &form.co_buyer2),
            ("co_buyer3", &form.co_buyer3),
        ] {
            if text.trim().is_empty() {
                if field == "titular" {
                    refuse(&mut errors, field, "Informe o CPF ou CNPJ do titular.");
                }
                continue;
            }
            let Ok(document) = TaxId::parse(text) else {
                refuse(&mut errors, field, "CPF ou CNPJ inválido: confira os dígitos.");
                continue;
            };
            match self.store.party_candidate(document.canonical()).await? {
                None => refuse(&mut errors, field, "Ninguém com este CPF/CNPJ: cadastre a pessoa em Pessoas antes."),
                Some(person) if person.unconfirmed == 1 => refuse(
                    &mut errors,
                    field,
                    "Esta pessoa se cadastrou pelo site e ainda não foi confirmada: confirme o cadastro em Pessoas antes.",
                ),
                Some(person) if parties.contains(&person.id) => {
                    refuse(&mut errors, field, "Esta pessoa já está no contrato.")
                }
                Some(person) => {
                    parties.push(person.id);
                    names.push(person.name);
                }
            }
        }
        if !errors.is_empty() {
            return Err(StaffError::Fields(errors));
        }
        let signed_on = iso_date(signed_on.expect("checked"));
        let total_cents = total.expect("checked");
        let contract = NewContract {
            number: &number,
            unit_id,
            status,
            signed_on: &signed_on,
            total_cents,
            parties: &parties,
        };
        let id = match self.store.insert_staff_contract(&contract).await {
            Ok(id) => id,
            Err(error) if is_unique_violation(&error) => {
                // The number, or a contract for this unit created a moment ago.
                let unit_now = self.store.unit_for_staff(&staff.scope, unit_id).await?;
                return Err(if unit_now.is_some_and(|unit| unit.contract_id.is_some()) {
                    fields("unit", unit_taken)
                } else {
                    fields("number", "Já existe um contrato com este número.")
                });
            }
            Err(error) => return Err(error.into()),
        };
        let detail = format!(
            "{number}; {}; {}; {}; compradores: {}",
            UnitSummary::label_of(unit.block.as_deref(), &unit.kind, &unit.number),
            contract_status_label(status),
            money(total_cents),
            names.join(", ")
        );
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "contract_created",
                staff.ip.as_deref(),
                &subject_of(id),
                &detail,
            )
            .await?;
        Ok(id)
    }

    /// Moves a contract to `to` with a reason (audited); a distrato frees the unit.
    pub async fn set_contract_status(
        &self,
        staff: &CurrentStaff,
        contract_id: i64,
        to: &str,
        reason: &str,
    ) -> Result<(), StaffError> {
        staff.require(Permission::EditRecords)?;
        let record = self.contract_in_scope(staff, contract_id).await?;
        let mut errors = FieldErrors::new();
        if !next_statuses(&record.status).contains(&to) {
            refuse(&mut errors, "status", "Esta mudança de situação não é possível para este contrato.");
        }
        let reason = tidy(reason);
        if !(5..=500).contains(&reason.chars().count()) {
            refuse(&mut errors, "reason", "Explique o motivo em 5 a 500 caracteres: ele fica no histórico.");
        }
        if !errors.is_empty() {
            return Err(StaffError::Fields(errors));
        }
        if !self.store.set_contract_status(contract_id, record.unit_id, &record.status, to).await? {
            return Err(fields("status", "A situação mudou enquanto você editava: confira e tente de novo."));
        }
        let detail = format!(
            "{}; motivo: {reason}",
            changes(&[(
                "situação",
                contract_status_label(&record.status).into(),
                contract_status_label(to).into()
            )])
        );
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "contract_status_set",
                staff.ip.as_deref(),
                &subject_of(contract_id),
                &detail,
            )
            .await?;
        self.emit_webhook(crate::partners::WebhookEvent::ContractChanged, &[("contrato_id", contract_id)])
            .await;
        Ok(())
    }

    /// Sets each buyer's part (`shares` in the parties' order, `50` or `33,34`), or equal parts.
    pub async fn staff_set_shares(
        &self,
        staff: &CurrentStaff,
        contract_id: i64,
        shares: Option<&[String]>,
    ) -> Result<(), StaffError> {
        staff.require(Permission::EditRecords)?;
        self.contract_in_scope(staff, contract_id).await?;
        let parsed = match shares {
            None => None,
            Some(texts) => {
                let parties = self.contract_shares(contract_id).await.map_err(share_refusal)?;
                let mut parts = Vec::new();
                for (index, party) in parties.iter().enumerate() {
                    let text = texts.get(index).map(|text| text.trim().trim_end_matches('%').trim());
                    match text.and_then(super::rules::parse_percent) {
                        Some(part) => parts.push((party.person_id, part)),
                        None => {
                            return Err(fields(
                                &format!("share{index}"),
                                "Informe a parte em %, de 0,01 a 100, por exemplo 50 ou 33,34.",
                            ))
                        }
                    }
                }
                Some(parts)
            }
        };
        self.set_party_shares_from(contract_id, parsed.as_deref(), staff.actor(), staff.ip.as_deref())
            .await
            .map_err(share_refusal)?;
        self.emit_webhook(crate::partners::WebhookEvent::ContractChanged, &[("contrato_id", contract_id)])
            .await;
        Ok(())
    }
}

fn share_refusal(error: ShareError) -> StaffError {
    match error {
        ShareError::ContractNotFound => StaffError::NotFound,
        ShareError::Store(error) => StaffError::Store(error),
        other => fields("shares", &other.to_string()),
    }
}
