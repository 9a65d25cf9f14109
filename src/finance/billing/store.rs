use sqlx::FromRow;

use super::settings::CompanyBilling;
use crate::store::{Store, StoreError};

/// Unpaid installments of contracts in force whose boleto the bank has not registered.
const UNSENT: &str = "i.paid_on IS NULL AND i.bank_status IN ('pendente', 'rejeitado') \
     AND c.status IN ('em_assinatura', 'ativo') \
     AND NOT EXISTS (SELECT 1 FROM early_payment_item e WHERE e.installment_id = i.id AND e.active = 1)";

#[derive(Debug, FromRow)]
pub(crate) struct BillingCompanyRow {
    pub id: i64,
    pub name: String,
    pub cnpj: String,
    pub mode: Option<String>,
    pub unsent: i64,
    pub unsent_cents: i64,
    pub without_address: i64,
}

/// The titular of a remessa's boleto and the titular's first address (the bank prints them).
const PAYER_COLUMNS: &str = "p.name AS payer_name, p.document AS payer_document, a.street, \
     a.number AS house_number, a.complement, a.district, a.cep, a.city, a.state";
/// From a contract `c` and its unit `u`: its empreendimento `d`, titular `p` and address `a`.
const PAYER_JOINS: &str = "JOIN development d ON d.id = u.development_id \
     JOIN contract_party cp ON cp.contract_id = c.id AND cp.role = 'titular' \
     JOIN person p ON p.id = cp.person_id \
     LEFT JOIN address a ON a.id = (SELECT MIN(id) FROM address WHERE person_id = p.id)";

/// A boleto a remessa carries (an installment's, or a 2ª via's; to register or to write off),
/// with its titular and the titular's first address.
#[derive(Debug, FromRow)]
pub(crate) struct RemessaCandidate {
    /// `parcela`, `segunda_via`, `baixa_parcela` or `baixa_segunda_via`.
    pub kind: String,
    pub id: i64,
    pub reissue_id: Option<i64>,
    pub nosso_numero: String,
    pub contract_number: String,
    pub number: i64,
    pub due_on: String,
    pub amount_cents: i64,
    pub payer_name: String,
    pub payer_document: String,
    pub street: Option<String>,
    pub house_number: Option<String>,
    pub complement: Option<String>,
    pub district: Option<String>,
    pub cep: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
}

impl RemessaCandidate {
    pub fn registers(&self) -> bool {
        !self.kind.starts_with("baixa")
    }
}

/// What a remessa changes once it is recorded.
#[derive(Debug, Default)]
pub(crate) struct RemessaMarks {
    pub installments: Vec<i64>,
    pub reissues: Vec<i64>,
    pub installment_write_offs: Vec<i64>,
    pub reissue_write_offs: Vec<i64>,
    pub early_payments: Vec<i64>,
    pub early_payment_write_offs: Vec<i64>,
}

#[derive(Debug, Clone, FromRow)]
pub(crate) struct CnabFileRecord {
    pub id: i64,
    pub company_id: i64,
    pub company: String,
    pub kind: String,
    pub sequence: i64,
    pub file_key: String,
    pub file_name: String,
    pub titles: i64,
    pub total_cents: i64,
    pub test: i64,
    pub created_at: i64,
    pub created_by: String,
    pub applied_at: Option<i64>,
}

const FILE_COLUMNS: &str = "SELECT f.id, f.company_id, co.name AS company, f.kind, f.sequence, f.file_key, \
     f.file_name, f.titles, f.total_cents, f.test, f.created_at, s.name AS created_by, f.applied_at \
     FROM cnab_file f JOIN company co ON co.id = f.company_id JOIN staff_user s ON s.id = f.created_by";

/// What a retorno line can change: the installment its nosso número names, in the file's company.
#[derive(Debug, Clone, FromRow)]
pub(crate) struct BilledInstallment {
    pub id: i64,
    /// The 2ª via the nosso número names, when it names one.
    pub reissue_id: Option<i64>,
    /// The antecipação the nosso número names (then `id` is its first installment).
    pub early_payment_id: Option<i64>,
    pub contract_number: String,
    pub number: i64,
    pub paid_on: Option<String>,
    pub paid_source: Option<String>,
    pub bank_status: String,
}

/// A line of an applied retorno.
#[derive(Debug, Clone, FromRow)]
pub(crate) struct ReturnLineRecord {
    pub line: i64,
    pub nosso_numero: String,
    pub occurrence: i64,
    pub installment_id: Option<i64>,
    pub paid_cents: i64,
    pub credited_on: Option<String>,
    pub outcome: String,
    pub tone: String,
}

/// One change a retorno line makes.
pub(crate) enum InstallmentChange {
    Registered,
    /// The reasons, explained.
    Rejected(String),
    WrittenOff,
    /// The day (ISO) and the amount.
    Paid {
        on: String,
        cents: i64,
    },
}

pub(crate) struct NewReturnLine<'a> {
    pub line: i64,
    pub nosso_numero: &'a str,
    pub occurrence: i64,
    pub installment_id: Option<i64>,
    /// A 2ª via's line changes the 2ª via's state at the bank (its payment pays the installment).
    pub reissue_id: Option<i64>,
    /// An antecipação's line changes its state at the bank; its payment pays its installments.
    pub early_payment_id: Option<i64>,
    pub paid_cents: i64,
    pub credited_on: Option<&'a str>,
    pub outcome: &'a str,
    /// How the line reads: `success`, `info`, `warning` or `danger`.
    pub tone: &'a str,
    pub change: Option<&'a InstallmentChange>,
}

pub(crate) struct NewCnabFile<'a> {
    pub company_id: i64,
    pub kind: &'a str,
    pub sequence: i64,
    pub sha256: &'a str,
    pub file_key: &'a str,
    pub file_name: &'a str,
    pub titles: i64,
    pub total_cents: i64,
    pub test: bool,
    pub created_at: i64,
    pub created_by: i64,
}

async fn insert_file(
    executor: impl sqlx::Executor<'_, Database = sqlx::Any>,
    file: &NewCnabFile<'_>,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO cnab_file (company_id, kind, sequence, sha256, file_key, file_name, titles, total_cents, \
         test, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(file.company_id)
    .bind(file.kind)
    .bind(file.sequence)
    .bind(file.sha256)
    .bind(file.file_key)
    .bind(file.file_name)
    .bind(file.titles)
    .bind(file.total_cents)
    .bind(i64::from(file.test))
    .bind(file.created_at)
    .bind(file.created_by)
    .fetch_one(executor)
    .await?;
    Ok(id)
}

impl Store {
    pub(crate) async fn company_billing(
        &self,
        company_id: i64,
    ) -> Result<Option<CompanyBilling>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT company_id, mode, bank_code, agency, account, agreement, wallet, wallet_variation, \
             beneficiary_name, pix_key, pix_city, late_fine_bp, monthly_interest_bp, monthly_discount_bp, \
             days_payable_after_due, early_payment FROM company_billing WHERE company_id = $1",
        )
        .bind(company_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The company that sells an empreendimento's units, with its billing settings if it has any.
    /// Unpaid boletos of a company the bank holds (sent or registered): installments, 2ª vias
    /// and antecipações.
    pub(crate) async fn boletos_at_the_bank(&self, company_id: i64) -> Result<i64, StoreError> {
        let of_company = "JOIN contract c ON c.id = i.contract_id JOIN unit u ON u.id = c.unit_id \
             JOIN development d ON d.id = u.development_id";
        let query = format!(
            "SELECT (SELECT COUNT(*) FROM installment i {of_company} WHERE d.company_id = $1 \
               AND i.paid_on IS NULL AND i.bank_status IN ('enviado', 'registrado')) \
             + (SELECT COUNT(*) FROM boleto_reissue r JOIN installment i ON i.id = r.installment_id {of_company} \
               WHERE d.company_id = $1 AND i.paid_on IS NULL AND r.cancelled_at IS NULL \
               AND r.bank_status IN ('enviado', 'registrado')) \
             + (SELECT COUNT(*) FROM early_payment e JOIN contract c ON c.id = e.contract_id \
               JOIN unit u ON u.id = c.unit_id JOIN development d ON d.id = u.development_id \
               WHERE d.company_id = $1 AND e.paid_on IS NULL AND e.cancelled_at IS NULL \
               AND e.bank_status IN ('enviado', 'registrado'))"
        );
        let (count,): (i64,) = sqlx::query_as(&query).bind(company_id).fetch_one(&self.pool).await?;
        Ok(count)
    }

    pub(crate) async fn billing_of_development(
        &self,
        development_id: i64,
    ) -> Result<Option<(String, Option<CompanyBilling>)>, StoreError> {
        let company: Option<(i64, String)> =
            sqlx::query_as("SELECT co.id, co.cnpj FROM development d JOIN company co ON co.id = d.company_id WHERE d.id = $1")
                .bind(development_id)
                .fetch_optional(&self.pool)
                .await?;
        let Some((company_id, cnpj)) = company else { return Ok(None) };
        Ok(Some((cnpj, self.company_billing(company_id).await?)))
    }

    pub(crate) async fn save_company_billing(
        &self,
        billing: &CompanyBilling,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO company_billing (company_id, mode, bank_code, agency, account, agreement, wallet, \
             wallet_variation, beneficiary_name, pix_key, pix_city, late_fine_bp, monthly_interest_bp, \
             monthly_discount_bp, days_payable_after_due, early_payment, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
             ON CONFLICT (company_id) DO UPDATE SET mode = excluded.mode, bank_code = excluded.bank_code, \
             agency = excluded.agency, account = excluded.account, agreement = excluded.agreement, \
             wallet = excluded.wallet, wallet_variation = excluded.wallet_variation, \
             beneficiary_name = excluded.beneficiary_name, pix_key = excluded.pix_key, \
             pix_city = excluded.pix_city, late_fine_bp = excluded.late_fine_bp, \
             monthly_interest_bp = excluded.monthly_interest_bp, monthly_discount_bp = excluded.monthly_discount_bp, \
             days_payable_after_due = excluded.days_payable_after_due, early_payment = excluded.early_payment, \
             updated_at = excluded.updated_at",
        )
        .bind(billing.company_id)
        .bind(&billing.mode)
        .bind(&billing.bank_code)
        .bind(&billing.agency)
        .bind(&billing.account)
        .bind(&billing.agreement)
        .bind(&billing.wallet)
        .bind(&billing.wallet_variation)
        .bind(&billing.beneficiary_name)
        .bind(&billing.pix_key)
        .bind(&billing.pix_city)
        .bind(billing.late_fine_bp)
        .bind(billing.monthly_interest_bp)
        .bind(billing.monthly_discount_bp)
        .bind(billing.days_payable_after_due)
        .bind(billing.early_payment)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub(crate) async fn billing_companies(&self) -> Result<Vec<BillingCompanyRow>, StoreError> {
        let sql = format!(
            "SELECT co.id, co.name, co.cnpj, cb.mode, \
             COALESCE(p.unsent, 0) AS unsent, COALESCE(p.unsent_cents, 0) AS unsent_cents, \
             COALESCE(p.without_address, 0) AS without_address \
             FROM company co LEFT JOIN company_billing cb ON cb.company_id = co.id \
             LEFT JOIN (SELECT d.company_id, COUNT(*) AS unsent, CAST(SUM(i.amount_cents + i.correction_cents) AS BIGINT) AS unsent_cents, \
                 CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM contract_party t JOIN address a ON a.person_id = t.person_id \
                     WHERE t.contract_id = c.id AND t.role = 'titular') THEN 0 ELSE 1 END) AS BIGINT) AS without_address \
                 FROM installment i JOIN contract c ON c.id = i.contract_id JOIN unit u ON u.id = c.unit_id \
                 JOIN development d ON d.id = u.development_id WHERE {UNSENT} GROUP BY d.company_id) p \
             ON p.company_id = co.id ORDER BY co.name"
        );
        Ok(sqlx::query_as(&sql).fetch_all(&self.pool).await?)
    }

    /// What a company's next remessa carries: installments to register due from `from` to
    /// `until` (ISO dates), 2ª vias not yet sent and still payable, and the boletos replaced by
    /// a 2ª via that the bank holds (to write off), oldest first.
    pub(crate) async fn remessa_candidates(
        &self,
        company_id: i64,
        from: &str,
        until: &str,
    ) -> Result<Vec<RemessaCandidate>, StoreError> {
        let select = |kind: &str, reissue: &str, source: &str| {
            // A 2ª via's amount already holds the correction; an installment's adds it.
            let amount = if source == "r" { "r.amount_cents" } else { "i.amount_cents + i.correction_cents" };
            format!(
                "SELECT '{kind}' AS kind, i.id, {reissue} AS reissue_id, {source}.nosso_numero, \
                 c.number AS contract_number, i.number, {source}.due_on, {amount} AS amount_cents, \
                 {PAYER_COLUMNS} \
                 FROM installment i JOIN contract c ON c.id = i.contract_id JOIN unit u ON u.id = c.unit_id \
                 {PAYER_JOINS} \
                 {} WHERE d.company_id = $1 AND $2 = $2 AND $3 = $3 AND ",
                if source == "r" { "JOIN boleto_reissue r ON r.installment_id = i.id" } else { "" }
            )
        };
        let queries = [
            format!(
                "{}{UNSENT} AND i.due_on >= $2 AND i.due_on <= $3",
                select("parcela", "CAST(NULL AS BIGINT)", "i")
            ),
            format!(
                "{}r.cancelled_at IS NULL AND r.bank_status IN ('pendente', 'rejeitado') AND r.due_on >= $2 \
                 AND i.paid_on IS NULL",
                select("segunda_via", "r.id", "r")
            ),
            format!("{}i.write_off_pending = 1", select("baixa_parcela", "CAST(NULL AS BIGINT)", "i")),
            format!("{}r.write_off_pending = 1", select("baixa_segunda_via", "r.id", "r")),
        ];
        // Antecipações: one boleto for several installments, named by the antecipação's id.
        let early = |kind: &str, condition: &str| {
            format!(
                "SELECT '{kind}' AS kind, e.id, CAST(NULL AS BIGINT) AS reissue_id, e.nosso_numero, \
                 c.number AS contract_number, CAST(0 AS BIGINT) AS number, e.due_on, e.total_cents AS amount_cents, \
                 {PAYER_COLUMNS} \
                 FROM early_payment e JOIN contract c ON c.id = e.contract_id JOIN unit u ON u.id = c.unit_id \
                 {PAYER_JOINS} \
                 WHERE d.company_id = $1 AND $3 = $3 AND {condition}"
            )
        };
        let queries = queries.into_iter().chain([
            early(
                "antecipacao",
                "e.cancelled_at IS NULL AND e.paid_on IS NULL AND e.bank_status IN ('pendente', 'rejeitado') \
                 AND e.due_on >= $2",
            ),
            early("baixa_antecipacao", "e.write_off_pending = 1 AND $2 = $2"),
        ]);
        let mut all = Vec::new();
        for sql in queries {
            // By contract number and installment number (positions: both are named twice).
            let sql = format!("{sql} ORDER BY 5, 6");
            let rows: Vec<RemessaCandidate> =
                sqlx::query_as(&sql).bind(company_id).bind(from).bind(until).fetch_all(&self.pool).await?;
            all.extend(rows);
        }
        all.sort_by(|a, b| a.due_on.cmp(&b.due_on).then_with(|| a.contract_number.cmp(&b.contract_number)));
        Ok(all)
    }

    /// Records a remessa and marks its installments sent, all or nothing: false when another
    /// remessa took one of them (or its number) first.
    pub(crate) async fn insert_remessa(
        &self,
        file: &NewCnabFile<'_>,
        marks: &RemessaMarks,
    ) -> Result<Option<i64>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id = match insert_file(&mut *tx, file).await {
            Ok(id) => id,
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() => return Ok(None),
            Err(error) => return Err(error.into()),
        };
        let steps: [(&[i64], &str); 6] = [
            (
                &marks.installments,
                "UPDATE installment SET bank_status = 'enviado', bank_note = NULL, remessa_id = $2 \
                 WHERE id = $1 AND paid_on IS NULL AND bank_status IN ('pendente', 'rejeitado')",
            ),
            (
                &marks.reissues,
                "UPDATE boleto_reissue SET bank_status = 'enviado', remessa_id = $2 \
                 WHERE id = $1 AND cancelled_at IS NULL AND bank_status IN ('pendente', 'rejeitado')",
            ),
            (
                &marks.installment_write_offs,
                "UPDATE installment SET write_off_pending = 0 WHERE id = $1 AND write_off_pending = 1 AND $2 = $2",
            ),
            (
                &marks.reissue_write_offs,
                "UPDATE boleto_reissue SET write_off_pending = 0 WHERE id = $1 AND write_off_pending = 1 AND $2 = $2",
            ),
            (
                &marks.early_payments,
                "UPDATE early_payment SET bank_status = 'enviado', remessa_id = $2 \
                 WHERE id = $1 AND cancelled_at IS NULL AND paid_on IS NULL AND bank_status IN ('pendente', 'rejeitado')",
            ),
            (
                &marks.early_payment_write_offs,
                "UPDATE early_payment SET write_off_pending = 0 WHERE id = $1 AND write_off_pending = 1 AND $2 = $2",
            ),
        ];
        for (ids, sql) in steps {
            for changed_id in ids {
                let changed =
                    sqlx::query(sql).bind(changed_id).bind(id).execute(&mut *tx).await?.rows_affected();
                if changed != 1 {
                    // Another remessa took it first: this one is not recorded.
                    return Ok(None);
                }
            }
        }
        tx.commit().await?;
        Ok(Some(id))
    }

    pub(crate) async fn next_remessa_sequence(&self, company_id: i64) -> Result<i64, StoreError> {
        let (last,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MAX(sequence), 0) FROM cnab_file WHERE company_id = $1 AND kind = 'remessa'",
        )
        .bind(company_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(last + 1)
    }

    /// A retorno's file; `None` when the same file (by hash) is already here.
    pub(crate) async fn insert_retorno(&self, file: &NewCnabFile<'_>) -> Result<Option<i64>, StoreError> {
        match insert_file(&self.pool, file).await {
            Ok(id) => Ok(Some(id)),
            Err(error) => {
                let error = StoreError::from(error);
                if crate::store::is_unique_violation(&error) {
                    Ok(None)
                } else {
                    Err(error)
                }
            }
        }
    }

    pub(crate) async fn cnab_file_by_hash(
        &self,
        kind: &str,
        sha256: &str,
    ) -> Result<Option<i64>, StoreError> {
        let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM cnab_file WHERE kind = $1 AND sha256 = $2")
            .bind(kind)
            .bind(sha256)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(id,)| id))
    }

    pub(crate) async fn cnab_files(&self, limit: i64) -> Result<Vec<CnabFileRecord>, StoreError> {
        let sql = format!("{FILE_COLUMNS} ORDER BY f.created_at DESC, f.id DESC LIMIT $1");
        Ok(sqlx::query_as(&sql).bind(limit).fetch_all(&self.pool).await?)
    }

    pub(crate) async fn cnab_file(&self, id: i64) -> Result<Option<CnabFileRecord>, StoreError> {
        let sql = format!("{FILE_COLUMNS} WHERE f.id = $1");
        Ok(sqlx::query_as(&sql).bind(id).fetch_optional(&self.pool).await?)
    }

    pub(crate) async fn company_by_cnpj(&self, cnpj: &str) -> Result<Option<(i64, String)>, StoreError> {
        Ok(sqlx::query_as("SELECT id, name FROM company WHERE cnpj = $1")
            .bind(cnpj)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// The installment of `company_id` whose boleto (its own, or a 2ª via: `8` and 9 digits)
    /// has the nosso número sequence `sequence`.
    pub(crate) async fn billed_installment(
        &self,
        company_id: i64,
        sequence: &str,
    ) -> Result<Option<BilledInstallment>, StoreError> {
        let joins = "JOIN contract c ON c.id = i.contract_id JOIN unit u ON u.id = c.unit_id \
             JOIN development d ON d.id = u.development_id";
        let own = format!(
            "SELECT i.id, CAST(NULL AS BIGINT) AS reissue_id, CAST(NULL AS BIGINT) AS early_payment_id, \
             c.number AS contract_number, i.number, i.paid_on, i.paid_source, i.bank_status \
             FROM installment i {joins} WHERE d.company_id = $1 AND i.nosso_numero = $2"
        );
        if let Some(found) =
            sqlx::query_as(&own).bind(company_id).bind(sequence).fetch_optional(&self.pool).await?
        {
            return Ok(Some(found));
        }
        let reissue = format!(
            "SELECT i.id, r.id AS reissue_id, CAST(NULL AS BIGINT) AS early_payment_id, c.number AS contract_number, \
             i.number, i.paid_on, i.paid_source, r.bank_status FROM boleto_reissue r \
             JOIN installment i ON i.id = r.installment_id {joins} WHERE d.company_id = $1 AND r.nosso_numero = $2"
        );
        if let Some(found) =
            sqlx::query_as(&reissue).bind(company_id).bind(sequence).fetch_optional(&self.pool).await?
        {
            return Ok(Some(found));
        }
        let early = "SELECT i.id, CAST(NULL AS BIGINT) AS reissue_id, e.id AS early_payment_id, \
             c.number AS contract_number, i.number, e.paid_on, \
             CASE WHEN e.paid_on IS NULL THEN NULL ELSE 'banco' END AS paid_source, e.bank_status \
             FROM early_payment e JOIN early_payment_item it ON it.early_payment_id = e.id \
             JOIN installment i ON i.id = it.installment_id JOIN contract c ON c.id = e.contract_id \
             JOIN unit u ON u.id = c.unit_id JOIN development d ON d.id = u.development_id \
             WHERE d.company_id = $1 AND e.nosso_numero = $2 ORDER BY i.due_on, i.number LIMIT 1";
        Ok(sqlx::query_as(early).bind(company_id).bind(sequence).fetch_optional(&self.pool).await?)
    }

    /// Applies a retorno once: claims the file (false if someone applied it first), then each
    /// line's change and its record, in one transaction.
    pub(crate) async fn apply_retorno(
        &self,
        file_id: i64,
        staff_id: i64,
        now: i64,
        lines: &[NewReturnLine<'_>],
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let claimed = sqlx::query(
            "UPDATE cnab_file SET applied_at = $2, applied_by = $3 WHERE id = $1 AND applied_at IS NULL",
        )
        .bind(file_id)
        .bind(now)
        .bind(staff_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed != 1 {
            return Ok(false);
        }
        for line in lines {
            if let (Some(id), Some(change)) = (line.installment_id, line.change) {
                // A 2ª via's registration, rejection and baixa are the 2ª via's; its payment is
                // the installment's.
                let (table, target) = match (line.reissue_id, line.early_payment_id) {
                    (Some(reissue), _) => ("boleto_reissue", reissue),
                    (None, Some(early)) => ("early_payment", early),
                    (None, None) => ("installment", id),
                };
                let unpaid =
                    if table == "boleto_reissue" { "cancelled_at IS NULL" } else { "paid_on IS NULL" };
                if let (Some(early), InstallmentChange::Paid { on, cents }) = (line.early_payment_id, change)
                {
                    pay_early_payment(&mut tx, early, on, *cents).await?;
                    insert_return_line(&mut tx, file_id, line).await?;
                    continue;
                }
                let sql = match change {
                    InstallmentChange::Registered => format!(
                        "UPDATE {table} SET bank_status = 'registrado' \
                         WHERE id = $1 AND bank_status IN ('pendente', 'enviado', 'rejeitado')"
                    ),
                    InstallmentChange::Rejected(_) => {
                        format!("UPDATE {table} SET bank_status = 'rejeitado' WHERE id = $1 AND {unpaid}")
                    }
                    InstallmentChange::WrittenOff => {
                        format!("UPDATE {table} SET bank_status = 'baixado' WHERE id = $1 AND {unpaid}")
                    }
                    InstallmentChange::Paid { .. } => "UPDATE installment SET paid_on = $2, paid_cents = $3, \
                         paid_source = 'banco', paid_reason = NULL, paid_by = NULL WHERE id = $1 AND paid_on IS NULL"
                        .to_string(),
                };
                let query = match change {
                    InstallmentChange::Paid { on, cents } => {
                        sqlx::query(&sql).bind(id).bind(on.as_str()).bind(*cents)
                    }
                    _ => sqlx::query(&sql).bind(target),
                };
                query.execute(&mut *tx).await?;
                if let (InstallmentChange::Rejected(reasons), None, None) =
                    (change, line.reissue_id, line.early_payment_id)
                {
                    sqlx::query("UPDATE installment SET bank_note = $2 WHERE id = $1 AND paid_on IS NULL")
                        .bind(id)
                        .bind(reasons.as_str())
                        .execute(&mut *tx)
                        .await?;
                }
            }
            insert_return_line(&mut tx, file_id, line).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    pub(crate) async fn return_lines(&self, file_id: i64) -> Result<Vec<ReturnLineRecord>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT line, nosso_numero, occurrence, installment_id, paid_cents, credited_on, outcome, tone \
             FROM cnab_return_line WHERE file_id = $1 ORDER BY line",
        )
        .bind(file_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// `HZ-2024-0117 · parcela 12` of an installment.
    pub(crate) async fn installment_label(&self, id: i64) -> Result<Option<String>, StoreError> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT c.number, i.number FROM installment i JOIN contract c ON c.id = i.contract_id WHERE i.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(contract, number)| format!("{contract} · parcela {number}")))
    }

    /// Records a payment by hand; false if the installment has one by now.
    pub(crate) async fn mark_paid_by_hand(
        &self,
        id: i64,
        paid_on: &str,
        cents: i64,
        reason: &str,
        staff_id: i64,
    ) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE installment SET paid_on = $2, paid_cents = $3, paid_source = 'manual', paid_reason = $4, \
             paid_by = $5 WHERE id = $1 AND paid_on IS NULL",
        )
        .bind(id)
        .bind(paid_on)
        .bind(cents)
        .bind(reason)
        .bind(staff_id)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1)
    }

    /// Undoes a payment made by hand; false if there is none (or it came from the bank).
    pub(crate) async fn undo_manual_payment(&self, id: i64) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE installment SET paid_on = NULL, paid_cents = NULL, paid_source = NULL, paid_reason = NULL, \
             paid_by = NULL WHERE id = $1 AND paid_source = 'manual'",
        )
        .bind(id)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1)
    }

    /// How an installment was paid: source, reason and who recorded it by hand.
    pub(crate) async fn payment_origin(
        &self,
        id: i64,
    ) -> Result<Option<(Option<String>, Option<String>, Option<String>, String, Option<String>)>, StoreError>
    {
        Ok(sqlx::query_as(
            "SELECT i.paid_source, i.paid_reason, s.name, i.bank_status, i.bank_note FROM installment i \
             LEFT JOIN staff_user s ON s.id = i.paid_by WHERE i.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }
}

type Transaction<'c> = sqlx::Transaction<'c, sqlx::Any>;

async fn insert_return_line(
    tx: &mut Transaction<'_>,
    file_id: i64,
    line: &NewReturnLine<'_>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO cnab_return_line (file_id, line, nosso_numero, occurrence, installment_id, paid_cents, \
         credited_on, outcome, tone) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(file_id)
    .bind(line.line)
    .bind(line.nosso_numero)
    .bind(line.occurrence)
    .bind(line.installment_id)
    .bind(line.paid_cents)
    .bind(line.credited_on)
    .bind(line.outcome)
    .bind(line.tone)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An antecipação paid at the bank: it, and each of its installments still unpaid at its
/// discounted amount; the installments' own boletos the bank holds wait for a baixa.
async fn pay_early_payment(
    tx: &mut Transaction<'_>,
    early: i64,
    on: &str,
    cents: i64,
) -> Result<(), StoreError> {
    let claimed = sqlx::query(
        "UPDATE early_payment SET paid_on = $2, paid_cents = $3 WHERE id = $1 AND paid_on IS NULL",
    )
    .bind(early)
    .bind(on)
    .bind(cents)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if claimed != 1 {
        return Ok(());
    }
    sqlx::query(
        "UPDATE installment SET paid_on = $2, paid_source = 'banco', paid_reason = NULL, paid_by = NULL, \
         paid_cents = (SELECT it.amount_cents - it.discount_cents FROM early_payment_item it \
             WHERE it.early_payment_id = $1 AND it.installment_id = installment.id), \
         write_off_pending = CASE WHEN bank_status IN ('enviado', 'registrado') THEN 1 ELSE write_off_pending END \
         WHERE paid_on IS NULL AND id IN (SELECT installment_id FROM early_payment_item WHERE early_payment_id = $1)",
    )
    .bind(early)
    .bind(on)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
