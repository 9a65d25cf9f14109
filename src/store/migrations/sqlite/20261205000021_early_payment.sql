-- Antecipação (issue 13): a buyer pays future installments early in one boleto, each at its
-- present value by the company's monthly discount. An installment is in one antecipação at a
-- time (two at once: one wins); one not paid by its due date expires and gives way, and its
-- boleto, if the bank holds it, waits as write_off_pending for the next remessa's baixa.
CREATE TABLE early_payment (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contract_id BIGINT NOT NULL REFERENCES contract (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    nosso_numero TEXT UNIQUE,
    due_on TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    discount_cents BIGINT NOT NULL,
    total_cents BIGINT NOT NULL,
    bank_status TEXT NOT NULL DEFAULT 'pendente'
        CHECK (bank_status IN ('pendente', 'enviado', 'registrado', 'rejeitado', 'baixado')),
    remessa_id BIGINT,
    write_off_pending BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    paid_on TEXT,
    paid_cents BIGINT,
    cancelled_at BIGINT
);

CREATE TABLE early_payment_item (
    early_payment_id BIGINT NOT NULL REFERENCES early_payment (id),
    installment_id BIGINT NOT NULL REFERENCES installment (id),
    amount_cents BIGINT NOT NULL,
    discount_cents BIGINT NOT NULL,
    active BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (early_payment_id, installment_id)
);
CREATE UNIQUE INDEX early_payment_item_active ON early_payment_item (installment_id) WHERE active = 1;
