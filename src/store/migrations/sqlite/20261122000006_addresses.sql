-- The buyer's addresses (Meus dados), with the CEP as 8 digits.
CREATE TABLE address (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES person (id),
    label TEXT NOT NULL,
    cep TEXT NOT NULL CHECK (length(cep) = 8),
    street TEXT NOT NULL,
    number TEXT NOT NULL,
    complement TEXT,
    district TEXT NOT NULL,
    city TEXT NOT NULL,
    state TEXT NOT NULL CHECK (length(state) = 2),
    created_at BIGINT NOT NULL
);
CREATE INDEX address_person ON address (person_id);
