-- Times are UTC unix seconds (BIGINT); calendar dates are ISO 'YYYY-MM-DD' text; money is centavos.

CREATE TABLE company (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    cnpj TEXT NOT NULL UNIQUE
);

CREATE TABLE person (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('PF', 'PJ')),
    name TEXT NOT NULL,
    document TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL UNIQUE,
    phone TEXT,
    phone_verified BIGINT NOT NULL DEFAULT 0,
    birth_date TEXT,
    password_hash TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE staff_user (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'atendimento', 'financeiro')),
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE development (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id BIGINT NOT NULL REFERENCES company (id),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    city TEXT NOT NULL,
    state TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('lancamento', 'em_obras', 'entregue')),
    progress_percent BIGINT NOT NULL CHECK (progress_percent BETWEEN 0 AND 100),
    expected_delivery TEXT,
    delivered_on TEXT
);

CREATE TABLE development_syndic (
    development_id BIGINT NOT NULL REFERENCES development (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    PRIMARY KEY (development_id, person_id)
);

CREATE TABLE block (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    development_id BIGINT NOT NULL REFERENCES development (id),
    name TEXT NOT NULL
);

CREATE TABLE unit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    development_id BIGINT NOT NULL REFERENCES development (id),
    block_id BIGINT REFERENCES block (id),
    number TEXT NOT NULL,
    floor BIGINT NOT NULL,
    kind TEXT NOT NULL,
    private_area_centi_m2 BIGINT NOT NULL,
    parking_spaces BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE contract (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT NOT NULL UNIQUE,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    status TEXT NOT NULL CHECK (status IN ('em_assinatura', 'ativo', 'quitado', 'distratado')),
    signed_on TEXT NOT NULL,
    total_cents BIGINT NOT NULL
);

CREATE TABLE contract_party (
    contract_id BIGINT NOT NULL REFERENCES contract (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    role TEXT NOT NULL CHECK (role IN ('titular', 'cocomprador')),
    PRIMARY KEY (contract_id, person_id)
);
CREATE INDEX contract_party_person ON contract_party (person_id);

CREATE TABLE installment (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contract_id BIGINT NOT NULL REFERENCES contract (id),
    number BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('entrada', 'mensal', 'intermediaria', 'chaves')),
    due_on TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    paid_on TEXT,
    paid_cents BIGINT,
    nosso_numero TEXT NOT NULL UNIQUE,
    UNIQUE (contract_id, number)
);

CREATE TABLE document (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scope TEXT NOT NULL CHECK (scope IN ('person', 'contract', 'unit', 'development')),
    person_id BIGINT REFERENCES person (id),
    contract_id BIGINT REFERENCES contract (id),
    unit_id BIGINT REFERENCES unit (id),
    development_id BIGINT REFERENCES development (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    published_at BIGINT NOT NULL
);

CREATE TABLE message_thread (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES person (id),
    contract_id BIGINT REFERENCES contract (id),
    subject TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('aberto', 'respondido', 'fechado')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE message (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id BIGINT NOT NULL REFERENCES message_thread (id),
    person_id BIGINT REFERENCES person (id),
    staff_user_id BIGINT REFERENCES staff_user (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT,
    CHECK ((person_id IS NULL) <> (staff_user_id IS NULL))
);

CREATE TABLE session (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    person_id BIGINT REFERENCES person (id),
    staff_user_id BIGINT REFERENCES staff_user (id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ip TEXT,
    user_agent TEXT
);
CREATE INDEX session_person ON session (person_id);

CREATE TABLE audit_event (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at BIGINT NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('person', 'staff', 'partner', 'anonymous', 'system')),
    actor_id BIGINT,
    action TEXT NOT NULL,
    ip TEXT,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_event_time ON audit_event (occurred_at);

-- Append-only: the audit trail can be added to, never edited or trimmed by the application.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
