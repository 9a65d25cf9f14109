import { readFileSync } from "node:fs";
import { ANA, COMPANY_CNPJ, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

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
    const boleto = page.getByRole("region", { name: "Pagar com boleto" });
    await boleto.getByRole("button", { name: "Copiar" }).click();
    await expect(boleto.getByRole("button", { name: "Copiado!" })).toBeVisible();
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

test("Extrato: a contract's payments, its PDF and the yearly informe for the income tax", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.goto("/entrar?proximo=/financeiro");
  await login(page, COMPANY_CNPJ, PASSWORD, js);
  await page.getByRole("link", { name: "Extrato de pagamentos e informe para o Imposto de Renda" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Extrato e informe para o Imposto de Renda" })).toBeVisible();
  await page.getByRole("combobox", { name: "Contrato" }).selectOption({ label: "HZ-2021-0042" });
  await page.getByRole("button", { name: "Ver extrato" }).click();
  await expect(page.getByRole("heading", { name: "Pagamentos do contrato HZ-2021-0042" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^Parcela 1 · Entrada$/ })).toBeVisible();

  const statement = page.waitForEvent("download");
  await page.getByRole("link", { name: "Baixar extrato em PDF" }).click();
  expect((await statement).suggestedFilename()).toBe("extrato-HZ20210042.pdf");
  const report = page.waitForEvent("download");
  await page.getByRole("link", { name: "Informe 2022 (PDF)" }).click();
  const file = await report;
  expect(file.suggestedFilename()).toBe("informe-de-pagamentos-ir-2022.pdf");
  expect(readFileSync(await file.path()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("the extrato on a phone: every amount on the screen, each payment on two lines", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto("/entrar?proximo=/financeiro/extrato");
  await login(page, ANA, PASSWORD, js);
  await expect(page.getByRole("heading", { name: /^Pagamentos do contrato/ })).toBeVisible();
  const amounts = page.locator("table.statement td.number");
  expect(await amounts.count()).toBeGreaterThan(3);
  for (const amount of await amounts.all()) {
    await amount.scrollIntoViewIfNeeded();
    const box = (await amount.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await expect(amount).toHaveText(/^R\$ [\d.]+,\d{2}$/);
  }
  // No sideways scroll, and the paid date reads as such without its column header.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const firstPaid = page.locator("table.statement td.statement__paid").first();
  expect(await firstPaid.evaluate((cell) => getComputedStyle(cell, "::before").content)).toBe('"Pago em "');
});

test("a boleto on a phone: PIX copia e cola first, then the QR code, and every code whole", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/entrar?proximo=/financeiro");
  await login(page, ANA, PASSWORD, js);
  await expect(page).toHaveURL(/\/financeiro$/);
  await page.goto("/financeiro?situacao=em-aberto");
  await page.getByRole("link", { name: "Ver boleto e PIX" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Boleto · Parcela \d+/ })).toBeVisible();

  const copyPaste = page.getByLabel("PIX copia e cola");
  const qr = page.getByRole("img", { name: "QR code PIX" });
  const line = page.getByLabel("Linha digitável");
  const top = async (locator: typeof qr) => (await locator.boundingBox())!.y;
  expect(await top(copyPaste), "copia e cola before the QR code").toBeLessThan(await top(qr));
  expect(await top(copyPaste), "the PIX code is within the first screen").toBeLessThan(740);
  for (const field of [copyPaste, line]) {
    // Nothing cut off: the field is as tall as its text and inside the screen's width.
    const clipped = await field.evaluate((element) => element.scrollHeight > element.clientHeight + 1);
    expect(clipped, `${await field.getAttribute("id")} shows all of its code`).toBe(false);
    const box = (await field.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
  }
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(360);
});

for (const width of [360, 1280]) {
  test(`Financeiro at ${width} px: overdue first, then the next due, then what is to pay, the paid history collapsed`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/entrar?proximo=/financeiro");
    await login(page, ANA, PASSWORD, jsEnabled(testInfo));
    await expect(page).toHaveURL(/\/financeiro$/);
    const top = async (locator: ReturnType<typeof page.locator>) => (await locator.boundingBox())!.y;
    const overdue = page.getByRole("region", { name: "Parcelas vencidas" });
    const next = page.getByRole("region", { name: "Próximo vencimento" });
    const toPay = page.getByRole("heading", { level: 2, name: "A pagar" });
    const history = page.locator("details.paid-history");
    expect(await top(overdue)).toBeLessThan(await top(next));
    expect(await top(next)).toBeLessThan(await top(toPay));
    expect(await top(toPay)).toBeLessThan(await top(history));
    // The overdue rows lead the list; the paid ones wait behind one tap, JS or not.
    const firstRow = page.locator("ul.installments li").first();
    await expect(firstRow.getByText("Vencida", { exact: true })).toBeVisible();
    const paidRow = history.locator("li.installment--pagas").first();
    await expect(paidRow).toBeHidden();
    await history.locator("summary").click();
    await expect(paidRow).toBeVisible();
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(width);
  });
}
