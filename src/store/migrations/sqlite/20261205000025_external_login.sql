-- Seed 000's external login: an origem (the company's site, a bank app) signs assertions
-- naming a person by CPF/CNPJ. It belongs to a partner app (whose external_login scope and
-- revocation govern it) and is verified offline: its issuer, audience, pinned algorithm and
-- public key (PEM) or JWKS document, pasted in by staff.
CREATE TABLE external_origin (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id BIGINT NOT NULL REFERENCES partner_app (id),
    slug TEXT NOT NULL,
    issuer TEXT NOT NULL,
    audience TEXT NOT NULL,
    algorithm TEXT NOT NULL CHECK (algorithm IN ('EdDSA', 'RS256')),
    key_text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    removed_at BIGINT
);
CREATE UNIQUE INDEX external_origin_live_slug ON external_origin (slug) WHERE removed_at IS NULL;

-- Every jti accepted, until its assertion expires: a replayed assertion is refused.
CREATE TABLE external_assertion (
    origin_id BIGINT NOT NULL REFERENCES external_origin (id),
    jti TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (origin_id, jti)
);
CREATE INDEX external_assertion_expiry ON external_assertion (expires_at);
