-- The companies (SPEs) staff keep in Configurações: a WhatsApp, a colour (#rrggbb) and a logo
-- (a stored file) for the buyer's header and footer; portal_setting 'brand_company' names the
-- company whose brand the portal shows (none: the configuration's PORTAL_MARCA_*).
ALTER TABLE company ADD COLUMN contact_whatsapp TEXT;
ALTER TABLE company ADD COLUMN brand_colour TEXT;
ALTER TABLE company ADD COLUMN logo_key TEXT;
ALTER TABLE company ADD COLUMN logo_type TEXT;
