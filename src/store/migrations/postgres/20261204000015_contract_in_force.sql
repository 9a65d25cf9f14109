-- A unit has at most one contract in force: a second one waits for the distrato of the first,
-- even when two staff create contracts for the same unit at the same moment.
CREATE UNIQUE INDEX contract_in_force ON contract (unit_id) WHERE status <> 'distratado';
