-- Seed 001 registration fields. For a PF, `name` is name1 + name2 (nome e sobrenome); for a PJ,
-- `name` is the razão social and `trade_name` the nome fantasia.
ALTER TABLE person ADD COLUMN trade_name TEXT;
-- RG (PF) or inscrição estadual (PJ): free text, as the seed's document2.
ALTER TABLE person ADD COLUMN secondary_document TEXT;
ALTER TABLE person ADD COLUMN gender TEXT CHECK (gender IN ('m', 'f'));
-- 'staff' (provisioned by the company, demo included) or 'self' (open registration): staff
-- must confirm a self-registered CPF/CNPJ before linking contracts to it.
ALTER TABLE person ADD COLUMN origin TEXT NOT NULL DEFAULT 'staff' CHECK (origin IN ('staff', 'self'));

-- How buyers reach the company when they need help (the closed-registration page shows it).
ALTER TABLE company ADD COLUMN contact_email TEXT;
ALTER TABLE company ADD COLUMN contact_phone TEXT;

-- Switches staff change at run time (all processes read the same row).
CREATE TABLE portal_setting (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- A refused form's typed values (never passwords) and its per-field errors, kept a few minutes
-- so a browser without JavaScript gets the form back filled in, without personal data in URLs.
CREATE TABLE form_draft (
    id TEXT PRIMARY KEY,
    form TEXT NOT NULL,
    payload TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX form_draft_expiry ON form_draft (expires_at);
