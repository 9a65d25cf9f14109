import { readFileSync } from "node:fs";
import { COMPANY_CNPJ, PASSWORD, expect, jsEnabled, login, staffLogin, test } from "./fixtures";
import { settlement, titlesOf } from "./support/bank";

test("Financeiro configures the bank, sends a remessa, applies the bank's retorno, and the buyer sees the installment paid", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const js = jsEnabled(testInfo);
  await staffLogin(page, js);

  // The company's bank, in produção (the demo's own account, so buyers' boletos stay the same).
  await page.getByRole("link", { name: "Cobrança" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cobrança" })).toBeVisible();
  await page.getByRole("link", { name: "Construtora Horizonte Ltda" }).click();
  await page.getByLabel("Ambiente").selectOption("producao");
  // Itaú checks the account's DAC against agência and conta: 1234 / 12345 is 1, not 6.
  await page.getByLabel("Banco", { exact: true }).selectOption("341");
  await page.getByLabel("Agência", { exact: true }).fill("1234");
  await page.getByLabel("Conta com dígito").fill("12345-6");
  await page.getByLabel("Carteira", { exact: true }).fill("109");
  await page.getByLabel("Chave PIX").fill("financeiro@horizonte.exemplo.com.br");
  await page.getByLabel("Cidade do PIX").fill("Curitiba");
  await page.getByRole("button", { name: "Salvar" }).click();
  await expect(page.getByText(/O DAC da conta não confere com a agência e a conta/)).toBeVisible();

  await page.getByLabel("Banco", { exact: true }).selectOption("001");
  await page.getByLabel("Convênio de cobrança").fill("1234567");
  await page.getByLabel("Carteira", { exact: true }).fill("17");
  await page.getByLabel("Variação da carteira").fill("019");
  await page.getByLabel("Desconto por mês antecipado (%)").fill("0,5");
  await page.getByLabel("Permitir antecipação de parcelas").check();
  await page.getByRole("button", { name: "Salvar" }).click();
  await expect(page.getByText("Informe a agência com o dígito, por exemplo 1234-5.")).toBeVisible();
  await page.getByLabel("Agência", { exact: true }).fill("1234-5");
  await page.getByRole("button", { name: "Salvar" }).click();
  await expect(page.getByText("Dados de cobrança salvos.")).toBeVisible();

  // The remessa: the first run sends the unsent boletos; the second finds none left, or only
  // those of contracts created since. Both take the first remessa, which holds the demo's.
  await page.goto("/equipe/financeiro");
  await page.getByRole("button", { name: "Gerar remessa" }).click();
  const sent = page.getByRole("link", { name: "Baixar o arquivo da remessa" });
  const none = page.getByText(/Nenhum boleto a enviar/);
  await expect(sent.or(none)).toBeVisible();
  const first = page.locator("#arquivos").getByRole("link", { name: "Baixar", exact: true }).last();
  const download = await Promise.all([page.waitForEvent("download"), first.click()]).then(([file]) => file);
  expect(download.suggestedFilename()).toMatch(/^remessa-12345678000195-000001\.rem$/);
  const remessa = readFileSync(await download.path(), "latin1");
  expect(remessa.split("\r\n")[0].slice(0, 8)).toBe("00100000");

  // The bank pays one boleto of the company buyer's contract (another one in each run).
  const titles = titlesOf(remessa).filter((title) => title.document.startsWith("HZ-2025-0088/"));
  const paid = titles[js ? 0 : 1];
  const number = paid.document.split("/")[1];
  const retorno = settlement(remessa, [paid], "03122026", js ? 501 : 502);
  await page.goto("/equipe/financeiro");
  await page.getByLabel("Arquivo de retorno (.ret, até 2 MB)").setInputFiles({
    name: "CBR-retorno.ret",
    mimeType: "application/octet-stream",
    buffer: Buffer.from(retorno, "latin1"),
  });
  await page.getByRole("button", { name: "Ver o retorno" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Retorno nº/ })).toBeVisible();
  await expect(page.getByText(`HZ-2025-0088 · parcela ${number}`)).toBeVisible();
  await expect(page.getByText(/Parcela paga: R\$/)).toBeVisible();
  await page.getByRole("button", { name: "Aplicar retorno" }).click();
  await expect(page.getByText("Retorno aplicado: as parcelas abaixo foram atualizadas.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Aplicar retorno" })).toHaveCount(0);

  // The same file again changes nothing and says so.
  await page.goto("/equipe/financeiro");
  await page.getByLabel("Arquivo de retorno (.ret, até 2 MB)").setInputFiles({
    name: "CBR-retorno.ret",
    mimeType: "application/octet-stream",
    buffer: Buffer.from(retorno, "latin1"),
  });
  await page.getByRole("button", { name: "Ver o retorno" }).click();
  await expect(page.getByText(/Este arquivo já foi importado/)).toBeVisible();

  // The buyer's Financeiro shows it paid.
  const context = await browser.newContext({ javaScriptEnabled: js, locale: "pt-BR" });
  const buyer = await context.newPage();
  await buyer.goto("/entrar");
  await login(buyer, COMPANY_CNPJ, PASSWORD, js);
  await buyer.goto("/financeiro?situacao=pagas&contrato=");
  await expect(buyer.getByText(new RegExp(`Parcela ${number} ·`)).first()).toBeVisible();

  // The company now offers antecipação: the buyer ticks two future installments, sees the
  // discount, and gets one boleto for them.
  await buyer.goto("/financeiro");
  await buyer.getByRole("link", { name: "Antecipar parcelas com desconto" }).click();
  await expect(buyer.getByRole("heading", { level: 1, name: "Antecipar parcelas" })).toBeVisible();
  await buyer.getByLabel("Contrato", { exact: true }).selectOption({ label: "HZ-2025-0088" });
  await buyer.locator("#antecipar").getByRole("button").click();
  const ticks = buyer.locator("#antecipar input[type=checkbox]");
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  await buyer.getByRole("button", { name: "Calcular o desconto" }).click();
  await expect(buyer.getByRole("heading", { name: "Total da antecipação" })).toBeVisible();
  await expect(buyer.getByText(/com desconto R\$/).first()).toBeVisible();
  await buyer.getByRole("button", { name: "Gerar boleto da antecipação" }).click();
  await expect(buyer.getByText(/Boleto da antecipação gerado/)).toBeVisible();
  await expect(buyer.getByText("Linha digitável", { exact: true })).toBeVisible();
  await expect(buyer.getByText("O que este boleto paga")).toBeVisible();
  const pdf = await Promise.all([
    buyer.waitForEvent("download"),
    buyer.getByRole("link", { name: "Baixar PDF do boleto" }).click(),
  ]).then(([file]) => file);
  expect(pdf.suggestedFilename()).toMatch(/^antecipacao-HZ20250088-\d+\.pdf$/);
  expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe("%PDF-");
  await context.close();
});
