//! The bank's retorno: uploaded, previewed line by line against the installments, applied once.

use super::model::*;
use super::service::{company_subject, file_row, require_company_wide, sha256_hex};
use super::store::{BilledInstallment, InstallmentChange, NewCnabFile, NewReturnLine};
use crate::br::cnab240::{read_retorno, Occurrence, RetornoEntry};
use crate::br::Centavos;
use crate::finance::boleto_number::sequence_of;
use crate::staff::{CurrentStaff, Permission, StaffError};
use crate::time_br::{format_date, iso_date};
use crate::Portal;

/// The largest retorno accepted: 2 MB, some 4,000 boletos.
pub const MAX_RETORNO_BYTES: usize = 2 * 1024 * 1024;

/// What one line does to its installment, decided the same way for the preview and the
/// application.
struct Decision {
    outcome: String,
    tone: &'static str,
    change: Option<InstallmentChange>,
    paid_on: Option<String>,
}

fn decide(
    entry: &RetornoEntry,
    installment: Option<&BilledInstallment>,
    file_date: Option<time::Date>,
) -> Decision {
    let none = |outcome: &str, tone: &'static str| Decision {
        outcome: outcome.to_string(),
        tone,
        change: None,
        paid_on: None,
    };
    let Some(installment) = installment else {
        return none("Nenhuma parcela desta empresa tem este nosso número: confira com o banco.", "warning");
    };
    match entry.occurrence {
        Occurrence::EntryConfirmed if installment.bank_status == "registrado" => {
            none("Já estava registrado.", "info")
        }
        Occurrence::EntryConfirmed => Decision {
            outcome: "Boleto registrado no banco.".into(),
            tone: "success",
            change: Some(InstallmentChange::Registered),
            paid_on: None,
        },
        Occurrence::EntryRejected => {
            let reasons = if entry.reasons.is_empty() {
                "sem motivo informado".to_string()
            } else {
                entry.reasons.join("; ")
            };
            if installment.paid_on.is_some() {
                return none(&format!("Rejeitado ({reasons}), mas a parcela já está paga."), "warning");
            }
            Decision {
                outcome: format!("Rejeitado pelo banco: {reasons}. Corrija e gere nova remessa."),
                tone: "danger",
                change: Some(InstallmentChange::Rejected(reasons)),
                paid_on: None,
            }
        }
        occurrence if occurrence.is_payment() => {
            match (&installment.paid_on, installment.paid_source.as_deref()) {
                (Some(on), Some("manual")) => none(
                    &format!(
                        "Já paga à mão em {}: confira se o comprador pagou duas vezes.",
                        crate::time_br::display_iso_date(on)
                    ),
                    "warning",
                ),
                (Some(_), _) => none("Já estava paga: nada muda.", "info"),
                (None, _) => {
                    let day = entry.credited_on.or(entry.occurred_on).or(file_date).map(iso_date);
                    match day {
                        Some(day) => Decision {
                            outcome: match installment.early_payment_id {
                                Some(_) => {
                                    format!("Antecipação paga: {}; as parcelas dela ficam pagas.", entry.paid)
                                }
                                None => format!("Parcela paga: {}.", entry.paid),
                            },
                            tone: "success",
                            change: Some(InstallmentChange::Paid { on: day.clone(), cents: entry.paid.0 }),
                            paid_on: Some(day),
                        },
                        None => none("Liquidação sem data de crédito: confira com o banco.", "warning"),
                    }
                }
            }
        }
        Occurrence::WrittenOff if installment.paid_on.is_some() => {
            none("Baixa de um boleto já pago.", "info")
        }
        Occurrence::WrittenOff => Decision {
            outcome: "Boleto baixado pelo banco: a parcela continua em aberto.".into(),
            tone: "warning",
            change: Some(InstallmentChange::WrittenOff),
            paid_on: None,
        },
        _ => none("Ocorrência informativa: nada a aplicar.", "info"),
    }
}

impl Portal {
    /// Keeps an uploaded retorno after checking it whole (structure, trailers, bank, and a
    /// company configured for that CNPJ and bank); the same file twice is refused. Its id.
    pub async fn import_retorno(
        &self,
        staff: &CurrentStaff,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<i64, StaffError> {
        require_company_wide(staff, Permission::EditFinance)?;
        if bytes.len() > MAX_RETORNO_BYTES {
            return Err(StaffError::Invalid("Arquivo grande demais: um retorno tem até 2 MB.".into()));
        }
        let retorno =
            read_retorno(bytes).map_err(|error| StaffError::Invalid(format!("Arquivo recusado. {error}")))?;
        let hash = sha256_hex(bytes);
        if let Some(id) = self.store.cnab_file_by_hash("retorno", &hash).await? {
            return Err(StaffError::Invalid(format!(
                "Este arquivo já foi importado (retorno nº {id}): nada muda."
            )));
        }
        let (company_id, company_name) =
            self.store.company_by_cnpj(&retorno.company_cnpj).await?.ok_or_else(|| {
                StaffError::Invalid(format!(
                    "O arquivo é do CNPJ {}, que não é de nenhuma empresa cadastrada.",
                    crate::br::Cnpj::parse(&retorno.company_cnpj)
                        .map_or(retorno.company_cnpj.clone(), |cnpj| cnpj.to_string())
                ))
            })?;
        let billing = self.store.company_billing(company_id).await?.ok_or_else(|| {
            StaffError::Invalid(format!("Configure o banco de {company_name} antes de importar o retorno."))
        })?;
        if billing.bank_code != retorno.bank.code() {
            return Err(StaffError::Invalid(format!(
                "O arquivo é do banco {}, mas {company_name} cobra pelo banco {}.",
                retorno.bank.code(),
                billing.bank_code
            )));
        }
        let paid: i64 = retorno
            .entries
            .iter()
            .filter(|entry| entry.occurrence.is_payment())
            .map(|entry| entry.paid.0)
            .sum();
        let key = self.storage.put("ret", bytes).await.map_err(StaffError::Storage)?;
        let safe_name = crate::uploads::safe_file_name(file_name, "retorno.ret");
        let file = NewCnabFile {
            company_id,
            kind: "retorno",
            sequence: retorno.sequence as i64,
            sha256: &hash,
            file_key: &key,
            file_name: &safe_name,
            titles: retorno.entries.len() as i64,
            total_cents: paid,
            test: billing.is_test(),
            created_at: self.now(),
            created_by: staff.id,
        };
        let Some(id) = self.store.insert_retorno(&file).await? else {
            let _ = self.storage.delete(&key).await;
            return Err(StaffError::Invalid("Este arquivo já foi importado: nada muda.".into()));
        };
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "retorno_imported",
                staff.ip.as_deref(),
                &company_subject(company_id),
                &format!("retorno {} ({safe_name}): {} ocorrências", retorno.sequence, retorno.entries.len()),
            )
            .await?;
        Ok(id)
    }

    /// The retorno's lines: what applying it will do, or what it did.
    pub async fn retorno_page(&self, staff: &CurrentStaff, id: i64) -> Result<RetornoPage, StaffError> {
        require_company_wide(staff, Permission::ViewFinance)?;
        let record = self
            .store
            .cnab_file(id)
            .await?
            .filter(|file| file.kind == "retorno")
            .ok_or(StaffError::NotFound)?;
        let mut lines = Vec::new();
        if record.applied_at.is_some() {
            for line in self.store.return_lines(id).await? {
                let installment = match line.installment_id {
                    Some(id) => self.store.installment_label(id).await?,
                    None => None,
                };
                let occurrence = Occurrence::from_code(line.occurrence as u8);
                lines.push(RetornoLineView {
                    line: line.line,
                    nosso_numero: line.nosso_numero,
                    occurrence: occurrence.label(),
                    installment,
                    installment_id: line.installment_id,
                    paid: occurrence.is_payment().then_some(Centavos(line.paid_cents)),
                    credited_on: line.credited_on.as_deref().map(crate::time_br::display_iso_date),
                    tone: line.tone,
                    outcome: line.outcome,
                });
            }
        } else {
            for (entry, installment, decision) in self.decisions(&record).await? {
                lines.push(view_of(&entry, installment.as_ref(), &decision));
            }
        }
        let paid: Vec<&RetornoLineView> =
            lines.iter().filter(|line| line.tone == "success" && line.paid.is_some()).collect();
        Ok(RetornoPage {
            paid_count: paid.len() as i64,
            paid_total: paid.iter().filter_map(|line| line.paid).sum(),
            unmatched: lines.iter().filter(|line| line.installment_id.is_none()).count() as i64,
            rejected: lines.iter().filter(|line| line.tone == "danger").count() as i64,
            can_apply: record.applied_at.is_none() && staff.may(Permission::EditFinance),
            file: file_row(&record),
            lines,
        })
    }

    async fn decisions(
        &self,
        record: &super::store::CnabFileRecord,
    ) -> Result<Vec<(RetornoEntry, Option<BilledInstallment>, Decision)>, StaffError> {
        let bytes = self.storage.get(&record.file_key).await.map_err(StaffError::Storage)?;
        let retorno = read_retorno(&bytes).map_err(|error| StaffError::Invalid(error.to_string()))?;
        let billing = self.store.company_billing(record.company_id).await?;
        // Only the company's current bank reads its numbers: a file of another bank matches nothing.
        let bank = billing
            .and_then(|billing| billing.boleto_bank())
            .filter(|bank| bank.bank_code() == retorno.bank.code());
        let mut decided = Vec::new();
        for entry in retorno.entries {
            let sequence = bank.as_ref().and_then(|bank| sequence_of(bank, &entry.nosso_numero));
            let installment = match sequence {
                Some(sequence) => self.store.billed_installment(record.company_id, &sequence).await?,
                None => None,
            };
            let decision = decide(&entry, installment.as_ref(), retorno.generated_on);
            decided.push((entry, installment, decision));
        }
        Ok(decided)
    }

    /// Applies a retorno once (a second time, or twenty at once, changes nothing more); audited.
    pub async fn apply_retorno(&self, staff: &CurrentStaff, id: i64) -> Result<(), StaffError> {
        require_company_wide(staff, Permission::EditFinance)?;
        let record = self
            .store
            .cnab_file(id)
            .await?
            .filter(|file| file.kind == "retorno")
            .ok_or(StaffError::NotFound)?;
        if record.applied_at.is_some() {
            return Err(StaffError::Invalid("Este retorno já foi aplicado: nada muda.".into()));
        }
        let decided = self.decisions(&record).await?;
        let lines: Vec<NewReturnLine<'_>> = decided
            .iter()
            .map(|(entry, installment, decision)| NewReturnLine {
                line: entry.line as i64,
                nosso_numero: &entry.nosso_numero,
                occurrence: i64::from(entry.occurrence.code()),
                installment_id: installment.as_ref().map(|installment| installment.id),
                reissue_id: installment.as_ref().and_then(|installment| installment.reissue_id),
                early_payment_id: installment.as_ref().and_then(|installment| installment.early_payment_id),
                paid_cents: entry.paid.0,
                credited_on: decision.paid_on.as_deref(),
                outcome: &decision.outcome,
                tone: decision.tone,
                change: decision.change.as_ref(),
            })
            .collect();
        if !self.store.apply_retorno(id, staff.id, self.now(), &lines).await? {
            return Err(StaffError::Invalid("Este retorno já foi aplicado: nada muda.".into()));
        }
        let paid = decided
            .iter()
            .filter(|(_, _, decision)| matches!(decision.change, Some(InstallmentChange::Paid { .. })))
            .count();
        self.store
            .record_audit_about(
                self.now(),
                staff.actor(),
                "retorno_applied",
                staff.ip.as_deref(),
                &company_subject(record.company_id),
                &format!("retorno {}: {} ocorrências, {paid} parcelas pagas", record.sequence, decided.len()),
            )
            .await?;
        for (_, installment, decision) in &decided {
            if let (Some(installment), Some(InstallmentChange::Paid { .. })) = (installment, &decision.change)
            {
                self.emit_webhook(
                    crate::partners::WebhookEvent::BoletoPaid,
                    &[("boleto_id", installment.id)],
                )
                .await;
            }
        }
        Ok(())
    }
}

fn view_of(
    entry: &RetornoEntry,
    installment: Option<&BilledInstallment>,
    decision: &Decision,
) -> RetornoLineView {
    RetornoLineView {
        line: entry.line as i64,
        nosso_numero: entry.nosso_numero.clone(),
        occurrence: entry.occurrence.label(),
        installment: installment
            .map(|installment| format!("{} · parcela {}", installment.contract_number, installment.number)),
        installment_id: installment.map(|installment| installment.id),
        paid: entry.occurrence.is_payment().then_some(entry.paid),
        credited_on: entry.credited_on.or(entry.occurred_on).map(format_date),
        outcome: decision.outcome.clone(),
        tone: decision.tone.into(),
    }
}
