-- A retorno line keeps how it reads (success, info, warning, danger) as decided when it was
-- applied, instead of the page guessing it from the outcome's words. Lines applied before
-- take it from their outcome once, here.
ALTER TABLE cnab_return_line ADD COLUMN tone TEXT NOT NULL DEFAULT 'warning'
    CHECK (tone IN ('success', 'info', 'warning', 'danger'));
UPDATE cnab_return_line SET tone = CASE
    WHEN outcome LIKE 'Parcela paga%' OR outcome LIKE 'Boleto registrado%' OR outcome LIKE 'Antecipação paga%' THEN 'success'
    WHEN outcome LIKE 'Rejeitado pelo banco%' THEN 'danger'
    WHEN outcome LIKE 'Já estava%' OR outcome LIKE 'Ocorrência informativa%' OR outcome LIKE 'Baixa de um%' THEN 'info'
    ELSE 'warning'
END;
