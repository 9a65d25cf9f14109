import { ANA, COMPANY_CNPJ, CARLOS_CPF, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

test("login, Meu Imóvel and logout", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.goto("/entrar");
  await login(page, ANA, PASSWORD, js);
  await expect(page).toHaveURL(/\/meu-imovel$/);
  await expect(page.getByRole("heading", { level: 1, name: "Meu Imóvel" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Residencial Jardim das Palmeiras" })).toBeVisible();
  await expect(page.getByText(/^Contrato HZ-2024-0117 ·/)).toBeVisible();
  await expect(page.getByText("Olá, Ana")).toBeVisible();
  // What is owed comes first, in its own card, with one action to pay it.
  const payments = page.getByRole("region", { name: "Pagamentos" });
  await expect(payments.getByText(/^2 parcelas vencidas: R\$/)).toBeVisible();
  await expect(payments.getByRole("link", { name: "Pagar parcelas vencidas" })).toBeVisible();
  await expect(payments.getByRole("link", { name: "Ver boleto" })).toBeVisible();
  await expect(page.getByText("Alvenaria: 80%")).toBeVisible();

  await page.getByRole("link", { name: "Ver detalhes do contrato" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Contrato HZ-2024-0117" })).toBeVisible();
  await expect(page.getByText("Carlos Eduardo Souza")).toBeVisible();

  await page.getByRole("button", { name: "Sair" }).click();
  await expect(page).toHaveURL(/\/entrar\?saiu=1$/);
  await expect(page.getByText("Você saiu do portal.")).toBeVisible();
  await expect(page.getByText("Olá, Ana")).toHaveCount(0);

  await page.goto("/meu-imovel");
  await expect(page).toHaveURL(/\/entrar\?proximo=/);
});

test("a wrong password gets one message that does not say which part was wrong", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.goto("/entrar");
  await login(page, ANA, "senha-errada", js);
  await expect(page.getByRole("alert")).toHaveText("E-mail, CPF/CNPJ ou senha incorretos. Confira e tente novamente.");
  await expect(page).toHaveURL(/\/entrar/);
  if (js) await expect(page.locator("#mensagem-entrar"), "focus moves to the message").toBeFocused();
  // What was typed stays, with and without JavaScript, so only the password is typed again.
  await expect(page.getByLabel("E-mail, CPF ou CNPJ")).toHaveValue(ANA);

  await page.goto("/entrar");
  await login(page, "ninguem@exemplo.com.br", "senha-errada", js);
  await expect(page.getByRole("alert")).toHaveText("E-mail, CPF/CNPJ ou senha incorretos. Confira e tente novamente.");

  await page.goto("/meu-imovel");
  await expect(page).toHaveURL(/\/entrar\?proximo=/);
});

test("a visitor is sent to login and back to the page they asked for", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.goto("/entrar");
  await login(page, ANA, PASSWORD, js);
  await expect(page.getByRole("link", { name: "Ver detalhes do contrato" })).toBeVisible();
  const contractPath = await page.getByRole("link", { name: "Ver detalhes do contrato" }).getAttribute("href");
  expect(contractPath).toMatch(/^\/meu-imovel\/contratos\/\d+$/);
  await page.getByRole("button", { name: "Sair" }).click();
  await expect(page).toHaveURL(/\/entrar\?saiu=1$/);

  await page.goto(contractPath!);
  await expect(page).toHaveURL(/\/entrar\?proximo=/);
  await login(page, CARLOS_CPF, PASSWORD, js);
  await expect(page).toHaveURL(new RegExp(`${contractPath}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Contrato HZ-2024-0117" })).toBeVisible();
  await expect(page.getByText("Olá, Carlos")).toBeVisible();
});

test("a company with two contracts sees both, and no one else's", async ({ page, browser }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.goto("/entrar");
  await login(page, COMPANY_CNPJ, PASSWORD, js);
  await expect(page.getByText(/^Contrato HZ-2021-0042 ·/)).toBeVisible();
  await expect(page.getByText(/^Contrato HZ-2025-0088 ·/)).toBeVisible();
  await expect(page.getByText("Você é síndico")).toBeVisible();
  await expect(page.getByText("HZ-2024-0117")).toHaveCount(0);
  const companyContract = await page.getByRole("link", { name: "Ver detalhes do contrato" }).first().getAttribute("href");

  const other = await browser.newContext({ javaScriptEnabled: js });
  const anaPage = await other.newPage();
  await anaPage.goto("/entrar");
  await login(anaPage, ANA, PASSWORD, js);
  await expect(anaPage).toHaveURL(/\/meu-imovel$/);
  const response = await anaPage.goto(companyContract!);
  expect(response?.status()).toBe(404);
  await expect(anaPage.getByRole("heading", { name: "Página não encontrada" })).toBeVisible();
  await expect(anaPage.getByText("HZ-2021-0042")).toHaveCount(0);
  await other.close();
});
