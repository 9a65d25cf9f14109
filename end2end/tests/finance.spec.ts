import { readFileSync } from "node:fs";
import { ANA, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

test("Financeiro: filter, open the next boleto, copy the linha digitável and download the PDF", async ({
  page,
  context,
}, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.goto("/entrar?proximo=/financeiro");
  await login(page, ANA, PASSWORD, js);
  await expect(page).toHaveURL(/\/financeiro$/);
  await expect(page.getByRole("heading", { level: 1, name: "Financeiro" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Próximo vencimento" })).toBeVisible();

  await page.getByLabel("Situação").selectOption("vencidas");
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(page).toHaveURL(/situacao=vencidas/);
  await expect(page.getByText("2 parcelas listadas")).toBeVisible();
  await expect(page.locator(".installments").getByText("Vencida", { exact: true })).toHaveCount(2);

  await page.getByRole("link", { name: "Ver boleto e PIX" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Boleto · Parcela \d+/ })).toBeVisible();
  const line = await page.getByLabel("Linha digitável").inputValue();
  expect(line).toMatch(/^\d{5}\.\d{5} \d{5}\.\d{6} \d{5}\.\d{6} \d \d{14}$/);
  await expect(page.getByLabel("PIX copia e cola")).toHaveValue(/^000201/);
  await expect(page.getByRole("img", { name: "QR code PIX" })).toBeVisible();

  if (js) {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("button", { name: "Copiar" }).first().click();
    await expect(page.getByRole("button", { name: "Copiado!" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(line);
  } else {
    // Without JavaScript the code sits in a field to select; no button that would do nothing.
    await expect(page.getByRole("button", { name: "Copiar" })).toHaveCount(0);
  }

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Baixar PDF do boleto" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^boleto-HZ20240117-parcela-\d+\.pdf$/);
  const bytes = readFileSync(await file.path());
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(bytes.toString("latin1")).toContain(line);
});
