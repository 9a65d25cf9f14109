//! The retorno: what the bank did with each boleto, as pairs of segmentos T (the title) and U
//! (the amounts and dates), checked against the file's own structure and totals.

use time::Date;

use super::{records, rejection_reason, CnabBank, CnabError, Occurrence, RecordReader};
use crate::br::Centavos;

/// One T + U pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetornoEntry {
    /// The line of the segmento T.
    pub line: usize,
    pub occurrence: Occurrence,
    pub nosso_numero: String,
    pub document_number: String,
    pub due: Option<Date>,
    pub face_value: Centavos,
    /// Juros and multa the payer paid.
    pub fees_paid: Centavos,
    pub discount: Centavos,
    pub paid: Centavos,
    pub occurred_on: Option<Date>,
    pub credited_on: Option<Date>,
    /// Rejection reasons, already explained.
    pub reasons: Vec<String>,
}

/// A parsed retorno.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retorno {
    pub bank: CnabBank,
    /// The beneficiary's CNPJ, 14 digits.
    pub company_cnpj: String,
    pub sequence: u64,
    pub generated_on: Option<Date>,
    pub entries: Vec<RetornoEntry>,
}

fn money(record: &RecordReader<'_>, start: usize, end: usize, name: &str) -> Result<Centavos, CnabError> {
    let value = record.number(start, end, name)?;
    i64::try_from(value)
        .map(Centavos)
        .map_err(|_| CnabError::at(record.line, format!("{name}: valor grande demais.")))
}

fn record_type(record: &RecordReader<'_>) -> Result<u64, CnabError> {
    record.number(8, 8, "tipo de registro")
}

/// Reads a retorno: every line 240 characters, of one supported bank, header and trailers in
/// place, each T followed by its U, and the trailers' counts equal to what the file holds.
pub fn read_retorno(bytes: &[u8]) -> Result<Retorno, CnabError> {
    let records = records(bytes)?;
    let header = &records[0];
    if record_type(header)? != 0 {
        return Err(CnabError::at(1, "a primeira linha deveria ser o header de arquivo (tipo 0)."));
    }
    let bank_code = header.text(1, 3);
    let bank = CnabBank::from_code(&bank_code).ok_or_else(|| {
        CnabError::at(
            1,
            format!("banco {bank_code} não é aceito (o portal lê CNAB 240 do Banco do Brasil, 001, e do Itaú, 341)."),
        )
    })?;
    match header.text(143, 143).as_str() {
        "2" => {}
        "1" => return Err(CnabError::at(1, "este é um arquivo de remessa, não o retorno do banco.")),
        other => {
            return Err(CnabError::at(
                1,
                format!("código remessa/retorno (posição 143) inválido: \"{other}\"."),
            ))
        }
    }
    let company_cnpj = format!("{:014}", header.number(19, 32, "CNPJ do beneficiário")?);
    let sequence = header.number(158, 163, "número sequencial do arquivo")?;
    let generated_on = header.date(144, 151, "data de geração")?;

    let mut entries = Vec::new();
    let mut batches = 0u64;
    let mut batch_start: Option<usize> = None;
    let mut pending_t: Option<RetornoEntry> = None;
    let mut finished = false;
    for (index, record) in records.iter().enumerate() {
        if finished {
            return Err(CnabError::at(record.line, "há linhas depois do trailer de arquivo."));
        }
        let code = record.text(1, 3);
        if code != bank_code {
            return Err(CnabError::at(
                record.line,
                format!("o código do banco é {code}, mas o arquivo é do banco {bank_code}."),
            ));
        }
        let kind = record_type(record)?;
        if pending_t.is_some() && !(kind == 3 && record.text(14, 14) == "U") {
            return Err(CnabError::at(record.line, "o segmento T da linha anterior não tem o segmento U."));
        }
        match kind {
            0 if index == 0 => {}
            0 => return Err(CnabError::at(record.line, "header de arquivo repetido.")),
            1 => {
                if batch_start.is_some() {
                    return Err(CnabError::at(
                        record.line,
                        "header de lote antes do trailer do lote anterior.",
                    ));
                }
                batch_start = Some(index);
                batches += 1;
            }
            3 => {
                if batch_start.is_none() {
                    return Err(CnabError::at(record.line, "segmento fora de um lote."));
                }
                match record.text(14, 14).as_str() {
                    "T" => pending_t = Some(read_t(bank, record)?),
                    "U" => {
                        let mut entry = pending_t.take().ok_or_else(|| {
                            CnabError::at(record.line, "segmento U sem o segmento T antes dele.")
                        })?;
                        read_u(record, &mut entry)?;
                        entries.push(entry);
                    }
                    // Other segments (Y and the like) carry nothing the portal applies.
                    _ => {}
                }
            }
            5 => {
                let start = batch_start
                    .take()
                    .ok_or_else(|| CnabError::at(record.line, "trailer de lote sem header de lote."))?;
                let declared = record.number(18, 23, "quantidade de registros do lote")?;
                let actual = (index - start + 1) as u64;
                if declared != actual {
                    return Err(CnabError::at(
                        record.line,
                        format!("o trailer do lote declara {declared} registros, mas o lote tem {actual}."),
                    ));
                }
            }
            9 => {
                if batch_start.is_some() {
                    return Err(CnabError::at(record.line, "trailer de arquivo com um lote sem trailer."));
                }
                let declared_batches = record.number(18, 23, "quantidade de lotes")?;
                if declared_batches != batches {
                    return Err(CnabError::at(
                        record.line,
                        format!("o trailer do arquivo declara {declared_batches} lotes, mas o arquivo tem {batches}."),
                    ));
                }
                let declared = record.number(24, 29, "quantidade de registros")?;
                if declared != records.len() as u64 {
                    return Err(CnabError::at(
                        record.line,
                        format!(
                            "o trailer do arquivo declara {declared} registros, mas o arquivo tem {}.",
                            records.len()
                        ),
                    ));
                }
                finished = true;
            }
            other => {
                return Err(CnabError::at(record.line, format!("tipo de registro {other} desconhecido.")))
            }
        }
    }
    if !finished {
        let last = records.len();
        return Err(CnabError::at(last, "falta o trailer de arquivo (tipo 9): o arquivo parece cortado."));
    }
    Ok(Retorno { bank, company_cnpj, sequence, generated_on, entries })
}

fn read_t(bank: CnabBank, record: &RecordReader<'_>) -> Result<RetornoEntry, CnabError> {
    let occurrence = Occurrence::from_code(record.number(16, 17, "código de movimento")? as u8);
    let reasons = if occurrence == Occurrence::EntryRejected {
        let (start, end) = bank.reasons_span();
        let motives = record.text(start, end);
        motives
            .as_bytes()
            .chunks(2)
            .filter_map(|pair| std::str::from_utf8(pair).ok())
            .filter(|code| !code.trim().is_empty() && *code != "00")
            .map(|code| match bank {
                CnabBank::BancoDoBrasil => rejection_reason(code),
                // Itaú numbers its reasons in its own table, not FEBRABAN's.
                CnabBank::Itau => format!("motivo {code} (tabela de motivos do Itaú)"),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(RetornoEntry {
        line: record.line,
        occurrence,
        nosso_numero: bank.read_title_number(record)?,
        document_number: record.text(59, 73).trim().to_string(),
        due: record.date(74, 81, "vencimento")?,
        face_value: money(record, 82, 96, "valor do título")?,
        fees_paid: Centavos(0),
        discount: Centavos(0),
        paid: Centavos(0),
        occurred_on: None,
        credited_on: None,
        reasons,
    })
}

fn read_u(record: &RecordReader<'_>, entry: &mut RetornoEntry) -> Result<(), CnabError> {
    entry.fees_paid = money(record, 18, 32, "juros e multa")?;
    entry.discount = money(record, 33, 47, "desconto")?;
    entry.paid = money(record, 78, 92, "valor pago")?;
    entry.occurred_on = record.date(138, 145, "data da ocorrência")?;
    entry.credited_on = record.date(146, 153, "data do crédito")?;
    if entry.occurrence.is_payment() && entry.paid.0 <= 0 {
        return Err(CnabError::at(record.line, "liquidação sem valor pago (posições 78 a 92)."));
    }
    Ok(())
}
