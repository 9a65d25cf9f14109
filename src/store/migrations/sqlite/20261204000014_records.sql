-- Records staff keep (issue 12). A unit's commercial status, which partner listings read:
-- 'disponivel' (for sale), 'reservada' (held for a buyer), 'vendida' (a contract exists).
ALTER TABLE unit ADD COLUMN status TEXT NOT NULL DEFAULT 'disponivel'
    CHECK (status IN ('disponivel', 'reservada', 'vendida'));
UPDATE unit SET status = 'vendida'
    WHERE EXISTS (SELECT 1 FROM contract c WHERE c.unit_id = unit.id AND c.status <> 'distratado');

-- Two units of a block (or of an empreendimento without blocks) never share a number, even when
-- two staff create units at the same moment.
CREATE UNIQUE INDEX unit_number ON unit (development_id, COALESCE(block_id, 0), number);
CREATE UNIQUE INDEX block_name ON block (development_id, name);
