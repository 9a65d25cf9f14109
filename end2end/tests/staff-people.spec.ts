import { Page } from "@playwright/test";
import { codeFromOutbox, expect, jsEnabled, otherBrowser, staffLogin, test } from "./fixtures";

/** The text of the newest outbox message to `destination`. */
async function outboxText(page: Page, destination: string): Promise<string> {
  const outbox = await page.context().newPage();
  await outbox.goto("/dev/caixa-de-saida");
  const text = (await outbox.getByRole("listitem").filter({ hasText: destination }).first().textContent()) ?? "";
  await outbox.close();
  return text;
}

test("Pessoas: staff register a buyer, who creates a password at first access", async ({ page, browser }, testInfo) => {
  const js = jsEnabled(testInfo);
  const cpf = js ? "246.813.579-28" : "975.310.864-84";
  const email = js ? "joana.js@exemplo.com.br" : "joana.nojs@exemplo.com.br";
  await staffLogin(page, js);
  await page.getByRole("link", { name: "Pessoas" }).click();
  await page.getByRole("link", { name: "Cadastrar pessoa" }).click();

  // A wrong CPF is named under its field; what was typed stays.
  await page.getByLabel("Nome ou razão social").fill("Joana");
  await page.getByLabel("Sobrenome ou nome fantasia (opcional)").fill("Pereira Dias");
  await page.getByLabel("CPF ou CNPJ").fill("111.111.111-11");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Cadastrar" }).click();
  await expect(page.getByText("CPF inválido")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue(email);
  await page.getByLabel("CPF ou CNPJ").fill(cpf);
  await page.getByRole("button", { name: "Cadastrar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Joana Pereira Dias" })).toBeVisible();
  await expect(page.getByText("Pessoa cadastrada.")).toBeVisible();

  // The invitation is a link to the first access, never a password.
  await page.getByRole("button", { name: "Convidar por e-mail" }).click();
  await expect(page.getByText("Convite de primeiro acesso enviado.")).toBeVisible();
  expect(await outboxText(page, email)).toContain("/primeiro-acesso");

  const buyer = await otherBrowser(browser, js);
  await buyer.goto("/primeiro-acesso");
  await buyer.getByLabel("E-mail, CPF ou CNPJ").fill(cpf);
  await buyer.getByRole("button", { name: "Enviar código" }).click();
  await buyer.getByLabel("Código de 6 dígitos").fill(await codeFromOutbox(buyer, email));
  await buyer.getByLabel("Nova senha", { exact: true }).fill("minha frase de acesso");
  await buyer.getByLabel("Repita a nova senha").fill("minha frase de acesso");
  await buyer.getByRole("button", { name: "Criar senha e entrar" }).click();
  await expect(buyer.getByText("Senha criada")).toBeVisible();

  // Found again by the CPF's digits; the first access shows on the page.
  await page.goto(`/equipe/pessoas?busca=${cpf.replace(/\D/g, "")}`);
  await page.getByRole("link", { name: "Joana Pereira Dias" }).click();
  await expect(page.getByText("Com acesso")).toBeVisible();
});

test("Equipe: an admin invites a colleague, who chooses a password from the link", async ({ page, browser }, testInfo) => {
  const js = jsEnabled(testInfo);
  const email = js ? "rafael.js@horizonte.exemplo.com.br" : "rafael.nojs@horizonte.exemplo.com.br";
  await staffLogin(page, js);
  await page.getByRole("link", { name: "Equipe", exact: true }).click();
  await page.getByRole("link", { name: "Convidar pessoa" }).click();
  await page.getByLabel("Nome").fill("Rafael Lima");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Atendimento: pessoas, cadastros, documentos e mensagens").check();
  await page.getByLabel("Edifício Mirante do Parque").check();
  await page.getByRole("button", { name: "Enviar convite" }).click();
  await expect(page.getByText("Convite enviado por e-mail.")).toBeVisible();
  await expect(page.getByText("Convite pendente")).toBeVisible();

  const link = (await outboxText(page, email)).match(/\/equipe\/convite\?token=[0-9a-f]+/)?.[0];
  expect(link, "an invitation link in the e-mail").toBeTruthy();
  const colleague = await otherBrowser(browser, js);
  await colleague.goto(link!);
  await expect(colleague.getByText("Olá, Rafael Lima!")).toBeVisible();
  await colleague.getByLabel("Nova senha", { exact: true }).fill("uma frase da equipe nova");
  await colleague.getByLabel("Repita a nova senha").fill("uma frase da equipe nova");
  await colleague.getByRole("button", { name: "Criar senha e entrar" }).click();
  await expect(colleague.getByText("Senha criada. Bem-vindo")).toBeVisible();
  // Atendimento has no Equipe link; the link works once.
  await expect(colleague.getByRole("link", { name: "Equipe", exact: true })).toHaveCount(0);
  await colleague.goto(link!);
  await expect(colleague.getByText("Este convite não vale mais")).toBeVisible();

  // Deactivated, the colleague's session ends at once.
  await page.reload();
  await page.getByText("Desativar acesso").click();
  await page.getByRole("button", { name: "Sim, desativar" }).click();
  await expect(page.getByText("Acesso desativado")).toBeVisible();
  await colleague.goto("/equipe");
  await expect(colleague).toHaveURL(/\/equipe\/entrar/);
});
