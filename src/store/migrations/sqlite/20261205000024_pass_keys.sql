-- Seed 002's funcionalidades customizadas: a partner page the buyer opens from the portal's
-- menu. The portal redirects to target_url with a one-time chavePasse; the partner exchanges it
-- (with its API key and the feature's chaveFuncionalidade) for the fields chosen here
-- (space-separated: cpf_cnpj nome email telefone contratos unidades). Instance 1 is the
-- sandbox (its pass keys only ever return a fixed sample), 2 production.
CREATE TABLE partner_feature (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id BIGINT NOT NULL REFERENCES partner_app (id),
    name TEXT NOT NULL,
    target_url TEXT NOT NULL,
    feature_key TEXT NOT NULL UNIQUE,
    instance BIGINT NOT NULL CHECK (instance IN (1, 2)),
    fields TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    removed_at BIGINT
);
CREATE INDEX partner_feature_partner ON partner_feature (partner_id);

-- A chavePasse: single use, 2 minutes, only its SHA-256 stored. person_id is NULL for a
-- sandbox key made by staff.
CREATE TABLE partner_pass_key (
    key_hash TEXT PRIMARY KEY,
    feature_id BIGINT NOT NULL REFERENCES partner_feature (id),
    person_id BIGINT REFERENCES person (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX partner_pass_key_expiry ON partner_pass_key (expires_at);
