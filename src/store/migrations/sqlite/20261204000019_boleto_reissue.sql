-- 2ª via of an overdue installment (issue 13): a new boleto with a new due date and nosso
-- número ('8' and the row's id in 9 digits), for the amount plus multa and juros up to that day.
-- One is active per installment at a time (two requests at once: one wins); an expired one is
-- cancelled when the next is issued. A boleto the bank holds and that was replaced (the
-- original, or a cancelled 2ª via) waits as write_off_pending for the next remessa's baixa.
CREATE TABLE boleto_reissue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    installment_id BIGINT NOT NULL REFERENCES installment (id),
    nosso_numero TEXT UNIQUE,
    due_on TEXT NOT NULL,
    original_cents BIGINT NOT NULL,
    fine_cents BIGINT NOT NULL,
    interest_cents BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    bank_status TEXT NOT NULL DEFAULT 'pendente'
        CHECK (bank_status IN ('pendente', 'enviado', 'registrado', 'rejeitado', 'baixado')),
    remessa_id BIGINT,
    write_off_pending BIGINT NOT NULL DEFAULT 0,
    requested_by TEXT NOT NULL CHECK (requested_by IN ('comprador', 'equipe')),
    person_id BIGINT REFERENCES person (id),
    staff_id BIGINT REFERENCES staff_user (id),
    created_at BIGINT NOT NULL,
    cancelled_at BIGINT
);
CREATE UNIQUE INDEX boleto_reissue_active ON boleto_reissue (installment_id) WHERE cancelled_at IS NULL;
ALTER TABLE installment ADD COLUMN write_off_pending BIGINT NOT NULL DEFAULT 0;
