import { ANA, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

test("Meus dados: add, fix, edit and remove an address", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  const label = js ? "Comercial JS" : "Comercial sem JS";
  await page.goto("/entrar?proximo=/meus-dados");
  await login(page, ANA, PASSWORD, js);
  await expect(page.getByRole("heading", { level: 1, name: "Meus dados" })).toBeVisible();
  await expect(page.getByText(ANA)).toBeVisible();

  await page.getByRole("link", { name: "Adicionar endereço" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Novo endereço" })).toBeVisible();
  await page.getByLabel("Tipo (Residencial, Comercial…)").fill(label);
  await page.getByLabel("CEP").fill("8001-000");
  await page.getByLabel("Rua").fill("Rua XV de Novembro");
  await page.getByLabel("Número (ou s/n)").fill("1000");
  await page.getByLabel("Bairro").fill("Centro");
  await page.getByLabel("Cidade").fill("Curitiba");
  await page.getByLabel("UF").selectOption("PR");
  await page.getByRole("button", { name: "Salvar endereço" }).click();
  await expect(page.getByRole("alert")).toContainText("CEP inválido");
  await expect(page.getByLabel("Rua")).toHaveValue("Rua XV de Novembro");

  await page.getByLabel("CEP").fill("80010-000");
  await page.getByRole("button", { name: "Salvar endereço" }).click();
  await expect(page).toHaveURL(/\/meus-dados\?salvo=endereco$/);
  await expect(page.getByText("Endereço salvo.")).toBeVisible();
  await expect(page.getByText("Rua XV de Novembro, 1000 · Centro · Curitiba/PR · 80010-000").first()).toBeVisible();

  await page.getByRole("link", { name: `Editar endereço ${label}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Editar endereço" })).toBeVisible();
  await page.getByLabel("Complemento (opcional)").fill("sala 4");
  await page.getByRole("button", { name: "Salvar endereço" }).click();
  await expect(page.getByText("Rua XV de Novembro, 1000, sala 4 · Centro · Curitiba/PR · 80010-000")).toBeVisible();

  // Removing asks first; closing the question keeps the address.
  const remove = page.getByLabel(`Remover endereço ${label}`);
  const confirmation = page.getByRole("group", { name: `Confirmar remoção do endereço ${label}` });
  await expect(confirmation).toBeHidden();
  await remove.click();
  await expect(confirmation).toContainText("Esta ação não pode ser desfeita.");
  await remove.click();
  await expect(confirmation).toBeHidden();
  await expect(page.getByText("Rua XV de Novembro, 1000, sala 4")).toBeVisible();

  await remove.click();
  await confirmation.getByRole("button", { name: "Sim, remover" }).click();
  await expect(page.getByText("Endereço removido.")).toBeVisible();
  await expect(page.getByLabel(`Remover endereço ${label}`)).toHaveCount(0);
});
