import { Page } from "@playwright/test";
import { ANA, codeFromOutbox, COMPANY_CNPJ, expect, jsEnabled, test } from "./fixtures";

async function askForCode(page: Page, identifier: string, js: boolean) {
  await page.goto("/entrar");
  await page.getByRole("link", { name: "Entrar com código por e-mail ou SMS" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Entrar com código" })).toBeVisible();
  if (js) await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mail, CPF ou CNPJ").fill(identifier);
  await page.getByRole("button", { name: "Enviar código" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Digite o código" })).toBeVisible();
  await expect(page.getByText("Se houver um cadastro com esses dados")).toBeVisible();
}

// Each project signs in a different buyer: a new code for the same account would invalidate
// the code the other project is about to type.
test("sign in with a one-time code; a wrong code is refused with one message", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  const [identifier, mailbox, greeting] = js
    ? [ANA, ANA, "Olá, Ana"]
    : [COMPANY_CNPJ, "contato@mirante-participacoes.exemplo.com.br", "Olá, Mirante"];
  await askForCode(page, identifier, js);
  const code = await codeFromOutbox(page, mailbox);
  const wrong = code === "000000" ? "111111" : "000000";
  await page.getByLabel("Código de 6 dígitos").fill(wrong);
  await page.getByRole("button", { name: "Entrar", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Código inválido ou expirado. Confira os 6 dígitos ou peça um novo código.",
  );
  await page.getByLabel("Código de 6 dígitos").fill(code);
  await page.getByRole("button", { name: "Entrar", exact: true }).click();
  await expect(page).toHaveURL(/\/meu-imovel$/);
  await expect(page.getByText(greeting)).toBeVisible();
});
