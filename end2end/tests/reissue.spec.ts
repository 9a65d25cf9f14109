import { readFileSync } from "node:fs";
import { ANA, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

test("a buyer sees the fees of a 2ª via of an overdue installment, issues it and downloads its PDF", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.goto("/entrar?proximo=/financeiro?situacao=vencidas");
  await login(page, ANA, PASSWORD, js);
  await expect(page.getByText("2 parcelas listadas")).toBeVisible();
  // Each run takes its own overdue installment.
  await page.locator(".installments").getByRole("link").nth(js ? 0 : 1).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Boleto · Parcela \d+/ })).toBeVisible();
  await expect(page.getByText(/^Pagando hoje: R\$/)).toBeVisible();

  const offer = page.getByRole("region", { name: "2ª via com novo vencimento" });
  await offer.getByRole("button", { name: "Ver valores" }).click();
  await expect(offer.getByText("Confira os valores.")).toBeVisible();
  await expect(offer.getByText("Multa", { exact: true })).toBeVisible();
  const total = (await offer.locator("dt", { hasText: "Total" }).locator("xpath=following-sibling::dd").textContent())!.trim();
  expect(total).toMatch(/^R\$ [\d.]+,\d{2}$/);
  await offer.getByRole("button", { name: "Emitir 2ª via" }).click();

  await expect(page.getByText("2ª via emitida: pague pelo PIX ou pelo boleto abaixo até o novo vencimento.")).toBeVisible();
  await expect(page.locator(".boleto-summary")).toContainText(total);
  await expect(page.locator(".boleto-summary")).toContainText("2ª via");
  await expect(page.getByLabel("PIX copia e cola")).toHaveValue(/^000201/);
  await expect(page.getByLabel("Linha digitável")).toHaveValue(/^\d{5}\.\d{5} /);
  await expect(page.getByRole("region", { name: "2ª via com novo vencimento" })).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Baixar PDF do boleto" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^boleto-.*\.pdf$/);
  const pdf = readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
});
