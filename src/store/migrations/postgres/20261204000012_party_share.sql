-- Each buyer's part of a contract, in hundredths of a percent (5000 = 50 %), when staff set
-- parts other than equal ones. NULL everywhere means equal parts; the informe uses the set parts
-- only when every party has one and they add up to 100 %.
ALTER TABLE contract_party ADD COLUMN share_basis_points BIGINT CHECK (share_basis_points BETWEEN 1 AND 10000);
