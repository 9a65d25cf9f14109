import { readFileSync } from "node:fs";
import { ANA, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

test("Documentos: grouped by type, filtered, and downloaded", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.goto("/entrar?proximo=/documentos");
  await login(page, ANA, PASSWORD, js);
  await expect(page).toHaveURL(/\/documentos$/);
  await expect(page.getByRole("heading", { level: 2, name: "Contratos" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Obra" })).toBeVisible();

  await page.getByLabel("Tipo").selectOption("contrato");
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(page).toHaveURL(/tipo=contrato/);
  await expect(page.getByRole("heading", { level: 2, name: "Obra" })).toHaveCount(0);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Baixar Contrato de compra e venda" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("contrato-HZ-2024-0117.pdf");
  expect(readFileSync(await file.path()).subarray(0, 5).toString()).toBe("%PDF-");
});
