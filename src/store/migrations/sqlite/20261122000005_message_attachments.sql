-- Files sent with a message (type allow-listed and size-limited by the service).
CREATE TABLE message_attachment (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id BIGINT NOT NULL REFERENCES message (id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE
);
CREATE INDEX message_attachment_message ON message_attachment (message_id);
CREATE INDEX message_thread_person ON message_thread (person_id, updated_at);
