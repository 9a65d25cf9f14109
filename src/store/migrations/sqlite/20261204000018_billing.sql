-- Cobrança (issue 13). Each company (SPE) keeps its own bank and PIX settings; a company
-- without a row uses the configuration's PORTAL_BOLETO_* (a single-company install). In
-- 'homologacao' boletos are generated (and remessas marked as tests) but buyers do not see
-- them. Percentages are hundredths of a percent; money is centavos.
CREATE TABLE company_billing (
    company_id BIGINT PRIMARY KEY REFERENCES company (id),
    mode TEXT NOT NULL CHECK (mode IN ('homologacao', 'producao')),
    bank_code TEXT NOT NULL,
    agency TEXT NOT NULL,
    account TEXT NOT NULL,
    agreement TEXT NOT NULL,
    wallet TEXT NOT NULL,
    wallet_variation TEXT NOT NULL,
    beneficiary_name TEXT NOT NULL,
    pix_key TEXT NOT NULL,
    pix_city TEXT NOT NULL,
    late_fine_bp BIGINT NOT NULL,
    monthly_interest_bp BIGINT NOT NULL,
    monthly_discount_bp BIGINT NOT NULL,
    days_payable_after_due BIGINT NOT NULL,
    early_payment BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

-- Where each installment's boleto stands at the bank, and how a payment was learnt:
-- 'banco' (a retorno) or 'manual' (staff, with a reason); older payments have none.
ALTER TABLE installment ADD COLUMN bank_status TEXT NOT NULL DEFAULT 'pendente'
    CHECK (bank_status IN ('pendente', 'enviado', 'registrado', 'rejeitado', 'baixado'));
ALTER TABLE installment ADD COLUMN bank_note TEXT;
ALTER TABLE installment ADD COLUMN remessa_id BIGINT;
ALTER TABLE installment ADD COLUMN paid_source TEXT;
ALTER TABLE installment ADD COLUMN paid_reason TEXT;
ALTER TABLE installment ADD COLUMN paid_by BIGINT REFERENCES staff_user (id);

-- Remessas generated and retornos uploaded; the file itself is in the file storage. A file's
-- hash is unique per kind (the same retorno twice is refused), and a company's remessas are
-- numbered without gaps or repeats (two staff generating at once: one of them retries).
CREATE TABLE cnab_file (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id BIGINT NOT NULL REFERENCES company (id),
    kind TEXT NOT NULL CHECK (kind IN ('remessa', 'retorno')),
    sequence BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    file_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    titles BIGINT NOT NULL,
    total_cents BIGINT NOT NULL,
    test BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES staff_user (id),
    applied_at BIGINT,
    applied_by BIGINT REFERENCES staff_user (id),
    UNIQUE (kind, sha256)
);
CREATE UNIQUE INDEX cnab_remessa_sequence ON cnab_file (company_id, sequence) WHERE kind = 'remessa';
CREATE INDEX installment_remessa ON installment (remessa_id);

-- What applying a retorno did, line by line.
CREATE TABLE cnab_return_line (
    file_id BIGINT NOT NULL REFERENCES cnab_file (id),
    line BIGINT NOT NULL,
    nosso_numero TEXT NOT NULL,
    occurrence BIGINT NOT NULL,
    installment_id BIGINT REFERENCES installment (id),
    paid_cents BIGINT NOT NULL,
    credited_on TEXT,
    outcome TEXT NOT NULL,
    PRIMARY KEY (file_id, line)
);
