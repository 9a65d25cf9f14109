-- Listing portals (issue 15, seed 004): the catalogue the product knows. A portal is offered to
-- a company only when is_online; OAuth-only portals never take credentials through seed 004's
-- endpoint, and are online only where an OAuth app is configured. feed_format says which XML
-- the portal reads from its feed URL.
CREATE TABLE listing_portal (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    needs_user BIGINT NOT NULL,
    needs_site_id BIGINT NOT NULL,
    needs_password BIGINT NOT NULL,
    needs_token BIGINT NOT NULL,
    oauth BIGINT NOT NULL,
    feed_format TEXT CHECK (feed_format IN ('vrsync', 'chavesnamao')),
    is_online BIGINT NOT NULL
);
INSERT INTO listing_portal
    (id, slug, name, needs_user, needs_site_id, needs_password, needs_token, oauth, feed_format, is_online)
VALUES
    (1, 'chavesnamao', 'Chaves na Mão', 0, 1, 0, 1, 0, 'chavesnamao', 1),
    (2, 'facebook', 'Facebook', 0, 0, 0, 0, 1, NULL, 0),
    (3, 'instagram', 'Instagram', 0, 0, 0, 0, 1, NULL, 0),
    (4, 'mercadolivre', 'Mercado Livre', 0, 0, 0, 0, 1, NULL, 0),
    (5, 'olx', 'OLX', 0, 0, 0, 0, 1, NULL, 0),
    (6, 'zap-vivareal', 'ZAP Imóveis e VivaReal', 1, 1, 1, 0, 0, 'vrsync', 1);

-- A portal released for a company (seed 004's "liberado para a loja"), its credentials and its
-- feed. password and token are sealed (v1.<key id>.<nonce+ciphertext>, bound to the row and the
-- field) and never read back to anyone; user and site_id are identifiers. remove_all, when the
-- portal is inactive, empties the feed; otherwise an inactive feed keeps its last generation.
-- feed_key makes the feed's address unguessable.
CREATE TABLE company_listing_portal (
    company_id BIGINT NOT NULL REFERENCES company (id),
    portal_id BIGINT NOT NULL REFERENCES listing_portal (id),
    active BIGINT NOT NULL DEFAULT 0,
    remove_all BIGINT NOT NULL DEFAULT 0,
    user_name TEXT NOT NULL DEFAULT '',
    site_id TEXT NOT NULL DEFAULT '',
    password_sealed TEXT,
    token_sealed TEXT,
    feed_key TEXT NOT NULL UNIQUE,
    feed_body TEXT,
    feed_etag TEXT,
    feed_units BIGINT NOT NULL DEFAULT 0,
    feed_generated_at BIGINT,
    released_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (company_id, portal_id)
);

-- The companies a partner with the listings scope may manage through seed 004.
CREATE TABLE partner_listing_company (
    partner_id BIGINT NOT NULL REFERENCES partner_app (id),
    company_id BIGINT NOT NULL REFERENCES company (id),
    PRIMARY KEY (partner_id, company_id)
);

-- What a listing shows beyond the unit's record: asking price, bedrooms, bathrooms; the
-- empreendimento's bairro and its sales description.
ALTER TABLE unit ADD COLUMN list_price_cents BIGINT;
ALTER TABLE unit ADD COLUMN bedrooms BIGINT;
ALTER TABLE unit ADD COLUMN bathrooms BIGINT;
ALTER TABLE development ADD COLUMN neighborhood TEXT NOT NULL DEFAULT '';
ALTER TABLE development ADD COLUMN listing_description TEXT NOT NULL DEFAULT '';
