import { codeFromOutbox, expect, jsEnabled, test, ANA } from "./fixtures";

// Each project registers its own person: the no-JS project runs after the JS one.
const PEOPLE = {
  js: { cpf: "390.533.447-05", email: "mariana.js@exemplo.com.br" },
  noJs: { cpf: "714.602.380-01", email: "mariana.nojs@exemplo.com.br" },
};

test("register: every broken rule is named next to its field, typed values stay, the e-mail's code opens the account", async ({
  page,
}, testInfo) => {
  const js = jsEnabled(testInfo);
  const person = js ? PEOPLE.js : PEOPLE.noJs;
  await page.goto("/entrar");
  await page.getByRole("link", { name: "Criar cadastro" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Criar cadastro" })).toBeVisible();
  if (js) await page.waitForLoadState("networkidle");

  if (js) {
    // With JavaScript, an e-mail already registered is flagged as soon as the field changes.
    await page.getByLabel("E-mail").fill(ANA);
    await page.getByLabel("E-mail").press("Tab");
    await expect(page.getByText("Já existe um cadastro com este e-mail.")).toBeVisible();
  }

  await page.getByLabel("Pessoa física (CPF)").check();
  await page.getByLabel("Nome ou razão social").fill("Ana");
  await page.getByLabel("Sobrenome ou nome fantasia (opcional)").fill("Lopes");
  await page.getByLabel("CPF ou CNPJ").fill("390.533.447-06");
  await page.getByLabel("E-mail").fill(person.email);
  await page.getByLabel("DDD").fill("20");
  await page.getByLabel("Número").fill("98877-6655");
  await page.getByLabel("Senha", { exact: true }).fill("12345678");
  await page.getByLabel("Repita a senha").fill("12345678");
  await page.getByRole("button", { name: "Criar cadastro" }).click();

  await expect(page).toHaveURL(/\/cadastro\?rascunho=/);
  await expect(page.getByText("Falta corrigir 4 campos")).toBeVisible();
  await expect(page.getByText("Escreva o nome com mais de 3 caracteres, sem abreviar.")).toBeVisible();
  await expect(page.getByText("CPF inválido: confira os dígitos.")).toBeVisible();
  await expect(page.getByText("DDD inexistente")).toBeVisible();
  // The DDD's message runs below both phone fields: the number stays beside the DDD, as wide.
  const ddd = (await page.getByLabel("DDD").boundingBox())!;
  const number = (await page.getByLabel("Número").boundingBox())!;
  const dddError = (await page.getByText("DDD inexistente").boundingBox())!;
  expect(Math.abs(number.y - ddd.y)).toBeLessThan(2);
  expect(dddError.y).toBeGreaterThanOrEqual(ddd.y + ddd.height);
  expect(dddError.width).toBeGreaterThan(ddd.width * 2);
  await expect(page.getByText("Esta senha está entre as mais usadas")).toBeVisible();
  // The message belongs to its field (screen readers read it with the field).
  await expect(page.getByLabel("CPF ou CNPJ")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("CPF ou CNPJ")).toHaveAccessibleDescription(/CPF inválido/);
  // What was typed is still there, except the passwords.
  await expect(page.getByLabel("Sobrenome ou nome fantasia (opcional)")).toHaveValue("Lopes");
  await expect(page.getByLabel("E-mail")).toHaveValue(person.email);
  await expect(page.getByLabel("Senha", { exact: true })).toHaveValue("");

  if (js) await page.waitForLoadState("networkidle");
  await page.getByLabel("Nome ou razão social").fill("Mariana");
  await page.getByLabel("CPF ou CNPJ").fill(person.cpf);
  await page.getByLabel("DDD").fill("41");
  await page.getByLabel("Senha", { exact: true }).fill("minha casa nova em curitiba");
  await page.getByLabel("Repita a senha").fill("minha casa nova em curitiba");
  await page.getByRole("button", { name: "Criar cadastro" }).click();

  // Anyone can type any address: the account opens only with the code sent to it.
  await expect(page.getByRole("heading", { level: 1, name: "Confirme seu e-mail" })).toBeVisible();
  const code = await codeFromOutbox(page, person.email);
  const wrong = code === "000000" ? "111111" : "000000";
  await page.getByLabel("Código de 6 dígitos").fill(wrong);
  await page.getByRole("button", { name: "Confirmar e entrar" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Código inválido ou expirado. Confira os 6 dígitos ou peça um novo código.",
  );
  await expect(page.getByRole("heading", { level: 1, name: "Confirme seu e-mail" })).toBeVisible();
  await page.getByLabel("Código de 6 dígitos").fill(code);
  await page.getByRole("button", { name: "Confirmar e entrar" }).click();

  await expect(page).toHaveURL(/\/meu-imovel\?bem-vindo=1$/);
  await expect(page.getByText("Cadastro criado e e-mail confirmado.")).toBeVisible();
  await expect(page.getByText("Olá, Mariana")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nenhum contrato encontrado" })).toBeVisible();
});
