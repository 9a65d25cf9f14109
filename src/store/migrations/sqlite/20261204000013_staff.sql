-- Staff identity (issue 12): users are never deleted, only deactivated (their actions stay
-- attributed); an optional last day of access; an optional scope of empreendimentos (no row
-- means every empreendimento).
ALTER TABLE staff_user ADD COLUMN active BIGINT NOT NULL DEFAULT 1;
ALTER TABLE staff_user ADD COLUMN expires_on TEXT;

CREATE TABLE staff_scope (
    staff_user_id BIGINT NOT NULL REFERENCES staff_user (id),
    development_id BIGINT NOT NULL REFERENCES development (id),
    PRIMARY KEY (staff_user_id, development_id)
);

-- Staff sessions are rows of `session` with kind 'staff' and staff_user_id set.
CREATE INDEX session_staff ON session (staff_user_id);

-- Which record an event is about ('thread:12', 'person:3'), so a record's own trail can be
-- listed; `detail` carries the before/after summary of the changed fields (never a secret).
ALTER TABLE audit_event ADD COLUMN subject TEXT;
CREATE INDEX audit_event_subject ON audit_event (subject, id);

-- Anyone can type any CPF at open registration: staff confirm a self-registered person before
-- a contract can be linked to them (when, and by whom).
ALTER TABLE person ADD COLUMN confirmed_at BIGINT;
ALTER TABLE person ADD COLUMN confirmed_by BIGINT REFERENCES staff_user (id);

-- Staff passwords are never typed by another person: an invitation is a single-use link
-- (public_id = SHA-256 of the link's token), a forgotten password a 6-digit code by e-mail
-- (public_id = the challenge, secret_hash = its HMAC). An invited user's password_hash is ''
-- until they choose one.
CREATE TABLE staff_password_challenge (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    staff_user_id BIGINT REFERENCES staff_user (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    secret_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    failed_attempts BIGINT NOT NULL DEFAULT 0,
    used_at BIGINT
);
CREATE INDEX staff_password_challenge_staff ON staff_password_challenge (staff_user_id, purpose);

-- Staff may block a buyer's access (a dispute, a security concern): no password, code or
-- session works while it is set; unblocking restores them. The person and records stay.
ALTER TABLE person ADD COLUMN blocked_at BIGINT;
