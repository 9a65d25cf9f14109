-- Open registration trusts no e-mail: a self-registered account signs in only once a code sent to
-- its e-mail has come back (any e-mail code used proves the mailbox). Existing accounts (demo,
-- created by staff, registered before this step) count as confirmed.
ALTER TABLE person ADD COLUMN email_confirmed INTEGER NOT NULL DEFAULT 1;
