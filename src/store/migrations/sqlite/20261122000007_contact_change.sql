-- A pending change of e-mail or mobile: the code goes to the new destination, and the change
-- happens only when that code comes back (proving the person controls it).
CREATE TABLE contact_change (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    person_id BIGINT NOT NULL REFERENCES person (id),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    new_value TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    failed_attempts BIGINT NOT NULL DEFAULT 0,
    used_at BIGINT
);
CREATE INDEX contact_change_person ON contact_change (person_id);
