import { COMPANY_CNPJ, PASSWORD, expect, jsEnabled, login, staffLogin, test } from "./fixtures";

// Both projects share one database: each run uses its own months, far from the demo's.
test("Financeiro types and imports index values, sets a contract's correction, and the buyer sees the updated value", async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const js = jsEnabled(testInfo);
  const year = js ? 2001 : 2003;
  await staffLogin(page, js);

  await page.goto("/equipe/financeiro");
  await page.getByRole("link", { name: "Índices de correção" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Índices de correção" })).toBeVisible();

  // One month typed: a bad value is refused under its field and kept; then saved.
  const typed = page.locator("#digitar");
  await typed.getByLabel("Índice", { exact: true }).selectOption("igp_m");
  await typed.getByLabel("Mês").fill(`${year}-05`);
  await typed.getByLabel("Número-índice").fill("mil");
  await typed.getByRole("button", { name: "Salvar" }).click();
  await expect(page.getByText("Informe o número-índice, como 1.123,456")).toBeVisible();
  await expect(page.locator("#digitar").getByLabel("Número-índice")).toHaveValue("mil");
  await page.locator("#digitar").getByLabel("Número-índice").fill("1.000,00");
  await page.locator("#digitar").getByRole("button", { name: "Salvar" }).click();
  await expect(page.getByText(/Índice salvo/)).toBeVisible();

  // A CSV: a refused file names its lines and imports nothing; the fixed one imports.
  const importing = page.locator("#importar");
  const upload = async (text: string) => {
    await page.locator("#importar").getByLabel("Índice", { exact: true }).selectOption("igp_m");
    await page.locator("#importar").getByLabel("Arquivo CSV (até 64 KB)").setInputFiles({
      name: "igp-m.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(text, "utf-8"),
    });
    await page.locator("#importar").getByRole("button", { name: "Importar" }).click();
  };
  await expect(importing).toBeVisible();
  await upload(`mês;valor\n06/${year};1.004,00\n07/${year};9,5\n`);
  await expect(page.getByText(/Nada foi importado\. linha 3: 07\/\d{4}: 9,50 difere mais de 20 %/)).toBeVisible();
  await upload(`mês;valor\n06/${year};1.004,00\n07/${year};1.009,50\n`);
  await expect(page.getByText("2 valor(es) importado(s) ou alterado(s); as parcelas em aberto foram recalculadas.")).toBeVisible();

  // The contract's correction: a switch without its index is refused; the demo's rule saved.
  await page.goto("/equipe/contratos?busca=HZ-2025-0088");
  await page.getByRole("link", { name: "HZ-2025-0088" }).click();
  const card = page.locator("#correcao");
  await expect(card.getByText(/^INCC-M sobre o índice de \d{2}\/\d{4}; IPCA nas parcelas a partir de/)).toBeVisible();
  const switchMonth = await card.getByLabel("A partir das parcelas de").inputValue();
  await card.getByLabel("Depois da entrega, trocar para").selectOption("");
  await card.getByRole("button", { name: "Salvar correção" }).click();
  await expect(page.getByText("Escolha o índice que passa a valer, ou deixe o mês em branco.")).toBeVisible();
  await page.locator("#correcao").getByLabel("Depois da entrega, trocar para").selectOption("ipca");
  await expect(page.locator("#correcao").getByLabel("A partir das parcelas de")).toHaveValue(switchMonth);
  await page.locator("#correcao").getByRole("button", { name: "Salvar correção" }).click();
  await expect(page.locator("#correcao").getByText(/^INCC-M sobre o índice de/)).toBeVisible();

  // The buyer: the open installments show original + correção, the boleto the updated value.
  const context = await browser.newContext({ javaScriptEnabled: js, locale: "pt-BR" });
  const buyer = await context.newPage();
  await buyer.goto("/entrar");
  await login(buyer, COMPANY_CNPJ, PASSWORD, js);
  await buyer.goto("/financeiro?situacao=em-aberto");
  await expect(buyer.getByText(/\+ correção R\$/).first()).toBeVisible();
  await buyer.getByRole("link", { name: /^Ver boleto/ }).first().click();
  await expect(buyer.getByText("Valor original")).toBeVisible();
  await expect(buyer.getByText("Correção monetária")).toBeVisible();
  await expect(buyer.getByText("Valor atualizado")).toBeVisible();
  await buyer.goto("/financeiro/extrato");
  await buyer.getByLabel("Contrato", { exact: true }).selectOption({ label: "HZ-2025-0088" });
  await buyer.getByRole("button", { name: "Ver extrato" }).click();
  await expect(buyer.getByText(/Principal R\$ .* correção monetária R\$/)).toBeVisible();
  await context.close();
});
