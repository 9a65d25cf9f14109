//! A contract's payment plan (previewed, then saved whole) and its unpaid installments: money,
//! so `EditFinance` (financeiro, admin).

use super::contract_model::*;
use super::contract_store::{ContractRecord, InstallmentRecord};
use super::contracts::{line_of, money, subject_of};
use super::plan::{check_plan, PlannedInstallment};
use super::rules::{changes, money_text, parse_form_date, parse_money, refuse, FieldErrors};
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::time_br::{display_iso_date, iso_date};
use crate::Portal;

impl Portal {
    /// Checks a plan for a contract in scope and says what saving it would add.
    pub async fn preview_plan(
        &self,
        staff: &CurrentStaff,
        contract_id: i64,
        form: &PlanForm,
    ) -> Result<PlanPreview, StaffError> {
        staff.require(Permission::EditFinance)?;
        let record = self.contract_in_scope(staff, contract_id).await?;
        let plan = check_plan(form).map_err(StaffError::Fields)?;
        let existing = self.store.installments_of_contract(contract_id).await?;
        let last = existing.iter().map(|line| line.number).max().unwrap_or(0);
        let plan_total: i64 = plan.iter().map(|line| line.amount_cents).sum();
        let after = plan_total + existing.iter().map(|line| line.amount_cents).sum::<i64>();
        Ok(PlanPreview {
            lines: plan
                .iter()
                .enumerate()
                .map(|(index, line)| {
                    (
                        last + 1 + index as i64,
                        installment_kind_label(&line.kind).to_string(),
                        crate::time_br::format_date(line.due_on),
                        money(line.amount_cents),
                    )
                })
                .collect(),
            plan_total: money(plan_total),
            installments_after: money(after),
            contract_total: money(record.total_cents),
            matches_contract: after == record.total_cents,
        })
    }

    /// Saves a plan's installments after the contract's last, all or none; how many.
    pub async fn add_plan(
        &self,
        staff: &CurrentStaff,
        contract_id: i64,
        form: &PlanForm,
    ) -> Result<usize, StaffError> {
        staff.require(Permission::EditFinance)?;
        let record = self.contract_in_scope(staff, contract_id).await?;
        if record.status == "distratado" {
            return Err(StaffError::Invalid("Este contrato foi distratado: não recebe parcelas.".into()));
        }
        let plan: Vec<PlannedInstallment> = check_plan(form).map_err(StaffError::Fields)?;
        self.store.append_installments(contract_id, &plan).await?;
        self.recompute_contract_correction(contract_id).await?;
        let first = plan.first().map(|line| crate::time_br::format_date(line.due_on)).unwrap_or_default();
        let detail = format!(
            "{} parcela(s) {} de {} a partir de {first}",
            plan.len(),
            installment_kind_label(&plan[0].kind).to_lowercase(),
            money(plan[0].amount_cents)
        );
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "installments_planned",
                staff.ip.as_deref(),
                &subject_of(contract_id),
                &detail,
            )
            .await?;
        Ok(plan.len())
    }

    pub(crate) async fn installment_in_scope(
        &self,
        staff: &CurrentStaff,
        installment_id: i64,
    ) -> Result<(InstallmentRecord, ContractRecord), StaffError> {
        let line = self.store.installment(installment_id).await?.ok_or(StaffError::NotFound)?;
        let contract = self.contract_in_scope(staff, line.contract_id).await?;
        Ok((line, contract))
    }

    /// An installment's page (with its 2ª via, when it has one).
    pub async fn staff_installment(
        &self,
        staff: &CurrentStaff,
        installment_id: i64,
    ) -> Result<InstallmentDetail, StaffError> {
        staff.require(Permission::ViewRecords)?;
        let (line, contract) = self.installment_in_scope(staff, installment_id).await?;
        let (payment, bank_status) =
            self.payment_record(installment_id, line.paid_on.as_deref(), line.paid_cents).await?;
        let today = crate::time_br::today_in_sao_paulo(self.clock.now());
        let today_iso = crate::time_br::iso_date(today);
        let overdue = crate::finance::InstallmentStatus::of(line.paid_on.is_some(), &line.due_on, &today_iso)
            == crate::finance::InstallmentStatus::Overdue;
        let reissue = match overdue {
            true => {
                self.store.active_reissue(installment_id).await?.filter(|reissue| reissue.due_on >= today_iso)
            }
            false => None,
        };
        let reissue_window = (overdue && reissue.is_none()).then(|| {
            let (earliest, latest) = crate::finance::reissue::reissue_window(today);
            (crate::time_br::iso_date(earliest), crate::time_br::iso_date(latest))
        });
        let early_payment =
            self.store.early_payment_holding(installment_id).await?.map(|(id, due_on, to_pay, paid_on)| {
                match paid_on {
                    Some(day) => {
                        format!("Antecipação {id}: paga em {}, {}", display_iso_date(&day), money(to_pay))
                    }
                    None => format!(
                        "Antecipação {id}: {} com desconto, vence em {}",
                        money(to_pay),
                        display_iso_date(&due_on)
                    ),
                }
            });
        Ok(InstallmentDetail {
            early_payment,
            reissue: reissue.map(|reissue| reissue.view(&line.due_on)),
            reissue_window,
            payment,
            bank_status,
            can_record_payment: staff.may(Permission::EditFinance),
            line: line_of(&line),
            contract_id: contract.id,
            contract_number: contract.number,
            can_edit: staff.may(Permission::EditFinance) && line.paid_on.is_none(),
            form: InstallmentForm {
                kind: line.kind.clone(),
                due_on: line.due_on.clone(),
                amount: money_text(line.amount_cents),
            },
        })
    }

    /// Changes an installment that has no payment yet; audited before → after. Returns the
    /// contract's id.
    pub async fn update_installment(
        &self,
        staff: &CurrentStaff,
        installment_id: i64,
        form: &InstallmentForm,
    ) -> Result<i64, StaffError> {
        staff.require(Permission::EditFinance)?;
        let (line, contract) = self.installment_in_scope(staff, installment_id).await?;
        let paid = "Esta parcela já tem pagamento: ela não pode mais mudar.";
        if line.paid_on.is_some() {
            return Err(StaffError::Invalid(paid.into()));
        }
        let mut errors = FieldErrors::new();
        if !INSTALLMENT_KINDS.iter().any(|(code, _)| *code == form.kind) {
            refuse(&mut errors, "kind", "Escolha o tipo: entrada, mensal, intermediária ou chaves.");
        }
        let due_on = parse_form_date(&form.due_on);
        if due_on.is_none() {
            refuse(&mut errors, "due_on", "Informe o vencimento como dd/mm/aaaa.");
        }
        let amount = parse_money(&form.amount);
        if amount.is_none() {
            refuse(&mut errors, "amount", "Informe o valor em reais, por exemplo 1.250,00.");
        }
        let (Some(due_on), Some(amount), true) = (due_on, amount, errors.is_empty()) else {
            return Err(StaffError::Fields(errors));
        };
        let due_on = iso_date(due_on);
        if line.at_the_bank() && (due_on != line.due_on || amount != line.amount_cents) {
            return Err(StaffError::Invalid(
                "O boleto desta parcela já está no banco: o vencimento e o valor não mudam mais. Para cobrar outro valor ou data, emita uma 2ª via."
                    .into(),
            ));
        }
        let detail = changes(&[
            ("tipo", installment_kind_label(&line.kind).into(), installment_kind_label(&form.kind).into()),
            ("vencimento", display_iso_date(&line.due_on), display_iso_date(&due_on)),
            ("valor", money(line.amount_cents), money(amount)),
        ]);
        if detail.is_empty() {
            return Ok(contract.id);
        }
        if !self.store.update_unpaid_installment(installment_id, &form.kind, &due_on, amount).await? {
            return Err(StaffError::Invalid(paid.into()));
        }
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "installment_updated",
                staff.ip.as_deref(),
                &subject_of(contract.id),
                &format!("parcela {}: {detail}", line.number),
            )
            .await?;
        self.recompute_contract_correction(contract.id).await?;
        self.emit_webhook(crate::partners::WebhookEvent::ContractChanged, &[("contrato_id", contract.id)])
            .await;
        Ok(contract.id)
    }
}
