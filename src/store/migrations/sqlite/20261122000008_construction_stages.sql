-- Construction progress of an empreendimento, stage by stage (fundação, estrutura…).
CREATE TABLE development_stage (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    development_id BIGINT NOT NULL REFERENCES development (id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    percent BIGINT NOT NULL CHECK (percent BETWEEN 0 AND 100),
    UNIQUE (development_id, position)
);
