-- Notifications: every e-mail and SMS is stored first, then sent (and retried) by a worker, so
-- a failed send is never lost silently. In development without transports they stay 'held'
-- and are listed at /dev/caixa-de-saida.
CREATE TABLE outbox_message (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    destination TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'held')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_message_due ON outbox_message (status, next_attempt_at);

-- A one-time code challenge. Unknown accounts get a challenge too (person_id NULL, a code
-- nobody receives), so the answer and the work are the same whether the account exists.
CREATE TABLE code_challenge (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    person_id BIGINT REFERENCES person (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('login', 'password_reset', 'recovery_login', 'first_access')),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    failed_attempts BIGINT NOT NULL DEFAULT 0,
    used_at BIGINT
);
CREATE INDEX code_challenge_person ON code_challenge (person_id, purpose);

-- Fixed-window counters for rate limits, shared by every portal process on the database.
CREATE TABLE rate_limit (
    bucket TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL
);

-- How a session was opened and whether it belongs to a partner API token.
ALTER TABLE session ADD COLUMN kind TEXT NOT NULL DEFAULT 'browser';
