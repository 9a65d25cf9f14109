-- A refused form's draft belongs to whoever sent it: the SHA-256 of the signed-in session's token,
-- or of a visitor's own draft cookie. Older drafts (no owner) can no longer be read.
ALTER TABLE form_draft ADD COLUMN owner_hash TEXT NOT NULL DEFAULT '';
