import { ANA, COMPANY_CNPJ, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

test("the síndico login lets síndicos in with their role and refuses buyers", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.goto("/entrar");
  await page.getByRole("link", { name: "Sou síndico" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Entrar como síndico" })).toBeVisible();
  await login(page, ANA, PASSWORD, js);
  await expect(page.getByRole("alert")).toHaveText(
    "Esta entrada é exclusiva para síndicos. Compradores entram pela página Entrar.",
  );

  await page.goto("/sindico/entrar");
  await login(page, COMPANY_CNPJ, PASSWORD, js);
  await expect(page).toHaveURL(/\/meu-imovel$/);
  await expect(page.getByRole("banner").getByText("Síndico", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Edifício Mirante do Parque" })).toBeVisible();
});
