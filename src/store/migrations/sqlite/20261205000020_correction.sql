-- Correction indices (issue 13). Staff keep each index's monthly número-índice (× 1 000 000,
-- exact); a contract names its index, its base month and optionally the index it switches to
-- and the first due month that one corrects. An installment keeps its correction (centavos)
-- next to its original amount: recomputed while it is unpaid and not at the bank, frozen after.
CREATE TABLE correction_index_value (
    index_code TEXT NOT NULL CHECK (index_code IN ('incc_m', 'ipca', 'igp_m')),
    month TEXT NOT NULL,
    value_micro BIGINT NOT NULL CHECK (value_micro > 0),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES staff_user (id),
    PRIMARY KEY (index_code, month)
);

ALTER TABLE contract ADD COLUMN correction_index TEXT
    CHECK (correction_index IN ('incc_m', 'ipca', 'igp_m'));
ALTER TABLE contract ADD COLUMN correction_base_month TEXT;
ALTER TABLE contract ADD COLUMN correction_after_index TEXT
    CHECK (correction_after_index IN ('incc_m', 'ipca', 'igp_m'));
ALTER TABLE contract ADD COLUMN correction_switch_month TEXT;
ALTER TABLE installment ADD COLUMN correction_cents BIGINT NOT NULL DEFAULT 0;
