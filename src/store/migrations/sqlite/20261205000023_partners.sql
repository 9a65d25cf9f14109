-- Partner apps (issue 14): the company's website, a chatbot, a CRM. Each has an API key shown
-- once (only its SHA-256 is kept: keys are 256-bit random, so a slow hash adds nothing), a
-- visible prefix to tell keys apart, scopes (space-separated), the exact https origins it may
-- send buyers back to (one per line), and its own requests-per-minute limit. A rotation keeps
-- the previous key valid until previous_key_expires_at (0 to 7 days, the admin's choice).
CREATE TABLE partner_app (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    scopes TEXT NOT NULL,
    origins TEXT NOT NULL DEFAULT '',
    requests_per_minute BIGINT NOT NULL,
    key_prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    previous_key_prefix TEXT,
    previous_key_hash TEXT UNIQUE,
    previous_key_expires_at BIGINT,
    last_used_at BIGINT,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

-- A partner's remote-login profile for one person (seed 003's "remote-login" role): created
-- through the partner ('criado'), accepted by the person after the partner asked ('aceite'), or
-- linked by staff ('equipe'). A request for a person who already had an account waits as
-- 'pendente' until the person accepts it while signed in: a partner that knows a CPF and an
-- e-mail cannot sign anyone in.
CREATE TABLE partner_person (
    partner_id BIGINT NOT NULL REFERENCES partner_app (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    status TEXT NOT NULL CHECK (status IN ('pendente', 'ativo')),
    via TEXT NOT NULL CHECK (via IN ('criado', 'aceite', 'equipe')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (partner_id, person_id)
);
CREATE INDEX partner_person_person ON partner_person (person_id);

-- Seed 003's login token: single use, 5 minutes, only its SHA-256 stored.
CREATE TABLE partner_login_token (
    token_hash TEXT PRIMARY KEY,
    partner_id BIGINT NOT NULL REFERENCES partner_app (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX partner_login_token_expiry ON partner_login_token (expires_at);

-- A person a partner created (create-remote-user) is, like a self-registered one, unconfirmed
-- until staff confirm the CPF/CNPJ: origin 'partner'.
-- SQLite cannot change a CHECK: the column is rebuilt under its own name.
ALTER TABLE person ADD COLUMN origin_new TEXT NOT NULL DEFAULT 'staff'
    CHECK (origin_new IN ('staff', 'self', 'partner'));
UPDATE person SET origin_new = origin;
ALTER TABLE person DROP COLUMN origin;
ALTER TABLE person RENAME COLUMN origin_new TO origin;
