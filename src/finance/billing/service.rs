//! The Cobrança use cases: settings, remessas, file downloads and payments by hand. Company-wide
//! work (a company's bank, its remessas and retornos) is for staff without an empreendimento
//! scope: a file spans every empreendimento of the company.

use sha2::{Digest, Sha256};
use time::{Duration, PrimitiveDateTime};

use super::model::*;
use super::settings::CompanyBilling;
use super::store::{CnabFileRecord, NewCnabFile, RemessaMarks};
use crate::br::cnab240::{write_remessa, Payer, Remessa, RemessaTitle, TitleInstruction};
use crate::br::{Centavos, Cnpj};
use crate::finance::boleto_number::bank_number;
use crate::records::rules::{money_text, parse_form_date, parse_money, refuse, tidy, FieldErrors};
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::time_br::{display_iso_date, format_timestamp, iso_date, parse_iso_date, today_in_sao_paulo};
use crate::Portal;

/// How far ahead a remessa registers boletos by default.
const DEFAULT_REMESSA_DAYS: i64 = 45;
/// The most days ahead one remessa may reach.
const MAX_REMESSA_DAYS: i64 = 400;
/// How many files the Cobrança page lists.
const FILES_LISTED: i64 = 50;

pub(super) fn company_subject(company_id: i64) -> String {
    format!("company:{company_id}")
}

/// Company-wide Cobrança: the permission, and every empreendimento in scope.
pub(crate) fn require_company_wide(staff: &CurrentStaff, permission: Permission) -> Result<(), StaffError> {
    staff.require(permission)?;
    if staff.may_company_wide(permission) {
        Ok(())
    } else {
        Err(StaffError::Forbidden)
    }
}

pub(super) fn file_row(record: &CnabFileRecord) -> CnabFileRow {
    CnabFileRow {
        id: record.id,
        company: record.company.clone(),
        kind: record.kind.clone(),
        sequence: record.sequence,
        file_name: record.file_name.clone(),
        titles: record.titles,
        total: Centavos(record.total_cents),
        test: record.test != 0,
        created: format_timestamp(record.created_at),
        created_by: record.created_by.clone(),
        applied: record.applied_at.map(format_timestamp),
    }
}

pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl Portal {
    /// `/equipe/financeiro`: every company with its bank mode and unsent boletos, and the latest
    /// files.
    pub async fn billing_overview(&self, staff: &CurrentStaff) -> Result<BillingOverview, StaffError> {
        require_company_wide(staff, Permission::ViewFinance)?;
        let companies = self
            .store
            .billing_companies()
            .await?
            .into_iter()
            .map(|row| CompanyBillingRow {
                company_id: row.id,
                name: row.name,
                cnpj: Cnpj::display_stored(&row.cnpj),
                is_test: row.mode.as_deref() == Some("homologacao"),
                mode: row
                    .mode
                    .map(|mode| if mode == "homologacao" { "Homologação" } else { "Produção" }.to_string()),
                unsent: row.unsent,
                unsent_total: Centavos(row.unsent_cents),
                unsent_without_address: row.without_address,
            })
            .collect();
        let files = self.store.cnab_files(FILES_LISTED).await?.iter().map(file_row).collect();
        let today = today_in_sao_paulo(self.clock.now());
        Ok(BillingOverview {
            companies,
            files,
            can_edit: staff.may(Permission::EditFinance),
            default_due_until: iso_date(today + Duration::days(DEFAULT_REMESSA_DAYS)),
        })
    }

    /// A company's bank and PIX settings (the form is empty until someone saves it).
    pub async fn company_billing_detail(
        &self,
        staff: &CurrentStaff,
        company_id: i64,
    ) -> Result<CompanyBillingDetail, StaffError> {
        require_company_wide(staff, Permission::ViewFinance)?;
        let company = self.store.company_record(company_id).await?.ok_or(StaffError::NotFound)?;
        let billing = self.store.company_billing(company_id).await?;
        let form = billing.as_ref().map(CompanyBilling::form).unwrap_or_else(|| BillingForm {
            mode: "homologacao".into(),
            bank_code: "001".into(),
            wallet: "17".into(),
            beneficiary_name: company.name.clone(),
            late_fine: "2".into(),
            monthly_interest: "1".into(),
            monthly_discount: "0".into(),
            days_payable_after_due: "59".into(),
            ..BillingForm::default()
        });
        Ok(CompanyBillingDetail {
            company_id,
            company_name: company.name,
            configured: billing.is_some(),
            form,
            can_edit: staff.may(Permission::EditFinance),
        })
    }

    /// Saves a company's bank and PIX settings; audited before → after.
    pub async fn save_company_billing(
        &self,
        staff: &CurrentStaff,
        company_id: i64,
        form: &BillingForm,
    ) -> Result<(), StaffError> {
        require_company_wide(staff, Permission::EditFinance)?;
        self.store.company_record(company_id).await?.ok_or(StaffError::NotFound)?;
        let billing = CompanyBilling::parse(company_id, form).map_err(StaffError::Fields)?;
        let before = self.store.company_billing(company_id).await?;
        let detail = billing.changes_from(before.as_ref());
        if detail.is_empty() {
            return Ok(());
        }
        // Boletos a bank holds in produção are paid there and come back in that bank's retorno:
        // another account would show buyers codes no bank registered and refuse those retornos.
        if let Some(before) =
            before.as_ref().filter(|before| !before.is_test() && !before.same_account(&billing))
        {
            let held = self.store.boletos_at_the_bank(company_id).await?;
            if held > 0 {
                let mut errors = FieldErrors::new();
                refuse(
                    &mut errors,
                    "bank_code",
                    &format!(
                        "{held} boleto(s) em aberto estão registrados na conta atual ({}). Troque de banco, \
                         agência, conta, convênio ou carteira depois que forem pagos ou baixados; \
                         até lá, a conta atual continua valendo.",
                        before.account_label()
                    ),
                );
                return Err(StaffError::Fields(errors));
            }
        }
        self.store.save_company_billing(&billing, self.now()).await?;
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "billing_settings_changed",
                staff.ip.as_deref(),
                &company_subject(company_id),
                &detail,
            )
            .await?;
        Ok(())
    }

    /// Generates the remessa of a company's boletos due from today to `due_until` not yet
    /// registered, marks them sent and keeps the file; its id.
    pub async fn generate_remessa(
        &self,
        staff: &CurrentStaff,
        company_id: i64,
        due_until: &str,
    ) -> Result<i64, StaffError> {
        require_company_wide(staff, Permission::EditFinance)?;
        let company = self.store.company_record(company_id).await?.ok_or(StaffError::NotFound)?;
        let billing = self.store.company_billing(company_id).await?.ok_or_else(|| {
            StaffError::Invalid("Configure o banco desta empresa antes de gerar a remessa.".into())
        })?;
        let account = billing.cnab_account(&company.cnpj, &company.name).ok_or_else(|| {
            StaffError::Invalid("Os dados do banco desta empresa estão incompletos.".into())
        })?;
        let now = self.clock.now();
        let today = today_in_sao_paulo(now);
        // One field on a one-field form: its refusal is the form's sentence.
        let until = parse_form_date(due_until)
            .filter(|until| *until >= today && *until <= today + Duration::days(MAX_REMESSA_DAYS));
        let Some(until) = until else {
            return Err(StaffError::Invalid("Informe uma data de hoje até 400 dias à frente.".into()));
        };
        let candidates =
            self.store.remessa_candidates(company_id, &iso_date(today), &iso_date(until)).await?;
        if candidates.is_empty() {
            return Err(StaffError::Invalid(format!(
                "Nenhum boleto a enviar com vencimento até {}.",
                crate::time_br::format_date(until)
            )));
        }
        let bank = billing.boleto_bank().ok_or_else(|| {
            StaffError::Invalid("Os dados do banco desta empresa estão incompletos.".into())
        })?;
        let mut numbers = Vec::with_capacity(candidates.len());
        for candidate in &candidates {
            let number = bank_number(&bank, &candidate.nosso_numero)
                .and_then(|number| bank.nosso_numero(&number).ok());
            let Some(number) = number else {
                return Err(StaffError::Invalid(format!(
                    "O boleto da parcela {} do contrato {} não cabe no nosso número do banco (veja o manual da cobrança).",
                    candidate.number, candidate.contract_number
                )));
            };
            numbers.push(number);
        }
        let document_width = account.bank.document_number_width();
        let titles: Vec<RemessaTitle> = candidates
            .iter()
            .zip(numbers)
            .map(|(candidate, nosso_numero)| {
                let street = [
                    candidate.street.as_deref(),
                    candidate.house_number.as_deref(),
                    candidate.complement.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
                RemessaTitle {
                    instruction: if candidate.registers() {
                        TitleInstruction::Register
                    } else {
                        TitleInstruction::WriteOff
                    },
                    // A 2ª via says so in its reference (uso da empresa); a seu número too long
                    // for the bank's field is the nosso número itself.
                    document_number: Some(if candidate.kind.ends_with("antecipacao") {
                        format!("ANT{:09}", candidate.id)
                    } else {
                        format!("{}/{}", candidate.contract_number, candidate.number)
                    })
                    .filter(|document| document.len() <= document_width)
                    .unwrap_or_else(|| nosso_numero.clone()),
                    nosso_numero,
                    due: parse_iso_date(&candidate.due_on).unwrap_or(today),
                    amount: Centavos(candidate.amount_cents),
                    issued: today,
                    late_fine_basis_points: billing.late_fine_bp as u32,
                    monthly_interest_basis_points: billing.monthly_interest_bp as u32,
                    days_payable_after_due: billing.days_payable_after_due as u16,
                    payer: Payer {
                        document: candidate.payer_document.clone(),
                        name: candidate.payer_name.clone(),
                        street,
                        district: candidate.district.clone().unwrap_or_default(),
                        cep: candidate.cep.clone().unwrap_or_default(),
                        city: candidate.city.clone().unwrap_or_default(),
                        state: candidate.state.clone().unwrap_or_default(),
                    },
                    reference: match (candidate.reissue_id, candidate.kind.ends_with("antecipacao")) {
                        (Some(reissue), _) => format!("segunda via {reissue}"),
                        (None, true) => format!("antecipacao {}", candidate.id),
                        (None, false) => format!("parcela {}", candidate.id),
                    },
                }
            })
            .collect();
        let sequence = self.store.next_remessa_sequence(company_id).await?;
        let local = now.to_offset(crate::time_br::SAO_PAULO);
        let remessa = Remessa {
            sequence: sequence as u32,
            generated_at: PrimitiveDateTime::new(local.date(), local.time()),
            test: billing.is_test(),
            titles,
        };
        let text = write_remessa(&account, &remessa);
        let total: i64 = candidates
            .iter()
            .filter(|candidate| candidate.registers())
            .map(|candidate| candidate.amount_cents)
            .sum();
        let key = self.storage.put("rem", text.as_bytes()).await.map_err(StaffError::Storage)?;
        let file_name = format!("remessa-{}-{sequence:06}.rem", company.cnpj);
        let hash = sha256_hex(text.as_bytes());
        let file = NewCnabFile {
            company_id,
            kind: "remessa",
            sequence,
            sha256: &hash,
            file_key: &key,
            file_name: &file_name,
            titles: candidates.len() as i64,
            total_cents: total,
            test: billing.is_test(),
            created_at: now.unix_timestamp(),
            created_by: staff.id,
        };
        let mut marks = RemessaMarks::default();
        for candidate in &candidates {
            match (candidate.kind.as_str(), candidate.reissue_id) {
                ("parcela", _) => marks.installments.push(candidate.id),
                ("antecipacao", _) => marks.early_payments.push(candidate.id),
                ("baixa_antecipacao", _) => marks.early_payment_write_offs.push(candidate.id),
                ("segunda_via", Some(reissue)) => marks.reissues.push(reissue),
                ("baixa_parcela", _) => marks.installment_write_offs.push(candidate.id),
                (_, Some(reissue)) => marks.reissue_write_offs.push(reissue),
                _ => {}
            }
        }
        let Some(id) = self.store.insert_remessa(&file, &marks).await? else {
            if let Err(error) = self.storage.delete(&key).await {
                tracing::warn!(%error, "could not delete an unused remessa file");
            }
            return Err(StaffError::Invalid(
                "Outra remessa desta empresa acabou de ser gerada. Confira a lista e gere de novo se faltar algum boleto."
                    .into(),
            ));
        };
        self.store
            .record_audit_about(
                now.unix_timestamp(),
                staff.actor(),
                "remessa_generated",
                staff.ip.as_deref(),
                &company_subject(company_id),
                &format!(
                    "remessa {sequence}: {} boletos a registrar, {} baixas, {}",
                    candidates.iter().filter(|candidate| candidate.registers()).count(),
                    candidates.iter().filter(|candidate| !candidate.registers()).count(),
                    Centavos(total)
                ),
            )
            .await?;
        for candidate in candidates
            .iter()
            .filter(|candidate| candidate.kind == "parcela" || candidate.kind == "segunda_via")
        {
            self.emit_webhook(crate::partners::WebhookEvent::BoletoIssued, &[("boleto_id", candidate.id)])
                .await;
        }
        Ok(id)
    }

    /// A remessa or retorno file to download: its name and bytes.
    pub async fn cnab_file_download(
        &self,
        staff: &CurrentStaff,
        id: i64,
    ) -> Result<(String, Vec<u8>), StaffError> {
        require_company_wide(staff, Permission::ViewFinance)?;
        let record = self.store.cnab_file(id).await?.ok_or(StaffError::NotFound)?;
        let bytes = self.storage.get(&record.file_key).await.map_err(StaffError::Storage)?;
        Ok((record.file_name, bytes))
    }

    /// Records a payment staff learnt of outside the bank's files (date, amount, reason);
    /// audited. The contract's id.
    pub async fn record_manual_payment(
        &self,
        staff: &CurrentStaff,
        installment_id: i64,
        form: &ManualPaymentForm,
    ) -> Result<i64, StaffError> {
        staff.require(Permission::EditFinance)?;
        let (line, contract) = self.installment_in_scope(staff, installment_id).await?;
        if line.paid_on.is_some() {
            return Err(StaffError::Invalid("Esta parcela já está paga.".into()));
        }
        let today = today_in_sao_paulo(self.clock.now());
        // The antecipação's boleto pays it: a second payment by hand would be paid twice.
        if let Some((early_id, due_on, _, None)) = self.store.early_payment_holding(installment_id).await? {
            if due_on >= iso_date(today) {
                return Err(StaffError::Invalid(format!(
                    "Esta parcela está na antecipação nº {early_id}, a pagar até {}: o pagamento dela quita a \
                     parcela. Se ela vencer sem pagamento, a parcela volta ao normal e pode ser baixada aqui.",
                    display_iso_date(&due_on)
                )));
            }
        }
        let mut errors = FieldErrors::new();
        let paid_on = parse_form_date(&form.paid_on).filter(|date| *date <= today);
        if paid_on.is_none() {
            refuse(&mut errors, "paid_on", "Informe a data do pagamento (dd/mm/aaaa), até hoje.");
        }
        let amount = parse_money(&form.amount).filter(|cents| *cents > 0);
        if amount.is_none() {
            refuse(&mut errors, "amount", "Informe o valor pago em reais, por exemplo 1.250,00.");
        }
        let reason = tidy(&form.reason);
        if reason.chars().count() < 5 || reason.chars().count() > 300 {
            refuse(
                &mut errors,
                "reason",
                "Explique o pagamento (de 5 a 300 caracteres), por exemplo \"TED recebida em 02/12\".",
            );
        }
        let (Some(paid_on), Some(amount), true) = (paid_on, amount, errors.is_empty()) else {
            return Err(StaffError::Fields(errors));
        };
        if !self
            .store
            .mark_paid_by_hand(installment_id, &iso_date(paid_on), amount, &reason, staff.id)
            .await?
        {
            return Err(StaffError::Invalid("Esta parcela já está paga.".into()));
        }
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "installment_paid_by_hand",
                staff.ip.as_deref(),
                &format!("contract:{}", contract.id),
                &format!(
                    "parcela {}: paga em {}, {} ({reason})",
                    line.number,
                    crate::time_br::format_date(paid_on),
                    Centavos(amount)
                ),
            )
            .await?;
        self.emit_webhook(crate::partners::WebhookEvent::BoletoPaid, &[("boleto_id", installment_id)]).await;
        Ok(contract.id)
    }

    /// Undoes a payment recorded by hand by mistake (never one from the bank); audited with the
    /// reason. The contract's id.
    pub async fn undo_manual_payment(
        &self,
        staff: &CurrentStaff,
        installment_id: i64,
        reason: &str,
    ) -> Result<i64, StaffError> {
        staff.require(Permission::EditFinance)?;
        let (line, contract) = self.installment_in_scope(staff, installment_id).await?;
        let reason = tidy(reason);
        if reason.chars().count() < 5 || reason.chars().count() > 300 {
            let mut errors = FieldErrors::new();
            refuse(&mut errors, "undo_reason", "Explique por que desfazer (de 5 a 300 caracteres).");
            return Err(StaffError::Fields(errors));
        }
        if !self.store.undo_manual_payment(installment_id).await? {
            return Err(StaffError::Invalid(
                "Só um pagamento registrado à mão pode ser desfeito; o do banco vem do retorno.".into(),
            ));
        }
        let was = match (&line.paid_on, line.paid_cents) {
            (Some(on), Some(cents)) => format!("{}, {}", display_iso_date(on), money_text(cents)),
            _ => String::new(),
        };
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "manual_payment_undone",
                staff.ip.as_deref(),
                &format!("contract:{}", contract.id),
                &format!("parcela {}: pagamento manual desfeito ({was}): {reason}", line.number),
            )
            .await?;
        self.recompute_contract_correction(contract.id).await?;
        Ok(contract.id)
    }

    /// Issues the 2ª via of an overdue installment falling due on `chosen` (the buyer's rule:
    /// within the next days, with the company's multa and juros); audited. The contract's id.
    pub async fn staff_issue_reissue(
        &self,
        staff: &CurrentStaff,
        installment_id: i64,
        chosen: &str,
    ) -> Result<i64, StaffError> {
        use crate::finance::reissue::{ReissueError, ReissueTarget, Requester};
        staff.require(Permission::EditFinance)?;
        let (line, contract) = self.installment_in_scope(staff, installment_id).await?;
        let today = iso_date(today_in_sao_paulo(self.clock.now()));
        let target = ReissueTarget {
            installment_id,
            contract_id: contract.id,
            number: line.number,
            development_id: contract.development_id,
            due_iso: line.due_on.clone(),
            amount: Centavos(line.due_cents()),
            overdue: crate::finance::InstallmentStatus::of(line.paid_on.is_some(), &line.due_on, &today)
                == crate::finance::InstallmentStatus::Overdue,
        };
        match self.issue_reissue(&target, chosen, &Requester::Staff(staff.id)).await? {
            Ok(()) => Ok(contract.id),
            Err(error @ ReissueError::OutOfWindow(..)) => {
                let mut errors = FieldErrors::new();
                refuse(&mut errors, "reissue_due", &error.to_string());
                Err(StaffError::Fields(errors))
            }
            Err(error) => Err(StaffError::Invalid(error.to_string())),
        }
    }

    /// How an installment was paid, for its staff page.
    pub(crate) async fn payment_record(
        &self,
        installment_id: i64,
        paid_on: Option<&str>,
        paid_cents: Option<i64>,
    ) -> Result<(Option<PaymentRecord>, String), StaffError> {
        let Some((source, reason, by, bank_status, bank_note)) =
            self.store.payment_origin(installment_id).await?
        else {
            return Err(StaffError::NotFound);
        };
        let mut bank = bank_status_label(&bank_status).to_string();
        if let Some(note) = bank_note {
            bank = format!("{bank}: {note}");
        }
        let record = paid_on.map(|on| PaymentRecord {
            paid_on: display_iso_date(on),
            amount: Centavos(paid_cents.unwrap_or_default()),
            manual: source.as_deref() == Some("manual"),
            source: match source.as_deref() {
                Some("banco") => "Retorno do banco".to_string(),
                Some("manual") => format!(
                    "Registrado à mão por {}: {}",
                    by.unwrap_or_else(|| "alguém da equipe".into()),
                    reason.unwrap_or_default()
                ),
                _ => "Registrado antes da cobrança pelo portal".to_string(),
            },
        });
        Ok((record, bank))
    }
}
