-- Documents staff publish (issue 12). Replacing a file adds a new row that names the one it
-- replaces (previous_id) and marks that one superseded: buyers see only the newest published
-- version, staff see every version. Unpublishing hides a document from buyers and keeps it.
ALTER TABLE document ADD COLUMN previous_id BIGINT REFERENCES document (id);
ALTER TABLE document ADD COLUMN superseded_at BIGINT;
ALTER TABLE document ADD COLUMN unpublished_at BIGINT;
ALTER TABLE document ADD COLUMN published_by BIGINT REFERENCES staff_user (id);
CREATE INDEX document_previous ON document (previous_id);
