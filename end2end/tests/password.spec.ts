import { Page } from "@playwright/test";
import { expect, jsEnabled, test } from "./fixtures";

const BEATRIZ_CPF = "333.666.999-57";
const BEATRIZ = "beatriz.lima@exemplo.com.br";

async function newestCode(page: Page): Promise<string> {
  const outbox = await page.context().newPage();
  await outbox.goto("/dev/caixa-de-saida");
  const text = (await outbox.getByRole("listitem").filter({ hasText: BEATRIZ }).first().textContent()) ?? "";
  await outbox.close();
  return text.match(/\b(\d{6})\b/)![1];
}

// The JS project does the first access of the buyer provisioned without a password; the
// no-JS project (which runs after it) then uses "Esqueci minha senha" for the same buyer.
test("create a password with a code: first access, then forgotten password", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  const [link, heading, password] = js
    ? ["Primeiro acesso", "Primeiro acesso", "minha primeira senha do portal"]
    : ["Esqueci minha senha", "Esqueci minha senha", "outra senha bem comprida"];
  await page.goto("/entrar");
  await page.getByRole("link", { name: link }).click();
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  if (js) await page.waitForLoadState("networkidle");
  await page.getByLabel("E-mail, CPF ou CNPJ").fill(BEATRIZ_CPF);
  await page.getByRole("button", { name: "Enviar código" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Criar senha" })).toBeVisible();

  const code = await newestCode(page);
  await page.getByLabel("Código de 6 dígitos").fill(code);
  await page.getByLabel("Nova senha", { exact: true }).fill("curta12");
  await page.getByLabel("Repita a nova senha").fill("curta12");
  // The browser's own minlength check would stop a short password; remove it to see the server's answer.
  await page.locator("#new_password").evaluate((input) => input.removeAttribute("minlength")).catch(() => {});
  await page.locator("#confirmation").evaluate((input) => input.removeAttribute("minlength")).catch(() => {});
  if (js) {
    await page.getByRole("button", { name: "Criar senha e entrar" }).click();
    await expect(page.getByRole("alert")).toHaveText("A senha deve ter pelo menos 8 caracteres.");
  }

  await page.getByLabel("Código de 6 dígitos").fill(code);
  await page.getByLabel("Nova senha", { exact: true }).fill(password);
  await page.getByLabel("Repita a nova senha").fill(password);
  await page.getByRole("button", { name: "Criar senha e entrar" }).click();
  // Meu Imóvel says what happened: a first password, or a new one.
  await expect(page).toHaveURL(js ? /\/meu-imovel\?senha=criada$/ : /\/meu-imovel\?senha=alterada$/);
  await expect(page.getByRole("status").filter({ hasText: js ? "Senha criada." : "Senha alterada." })).toBeVisible();
  await expect(page.getByText("Olá, Beatriz")).toBeVisible();
  await expect(page.getByText(/^Contrato HZ-2024-0117 ·/)).toBeVisible();
});
