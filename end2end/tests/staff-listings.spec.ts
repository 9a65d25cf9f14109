import { expect, jsEnabled, staffLogin, test } from "./fixtures";

test("An admin connects Chaves na Mão for the company, its feed publishes the units for sale, and switching off withdraws them", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await staffLogin(page, js);
  await page.goto("/equipe/configuracoes");
  await page.getByRole("link", { name: "Gerenciar anúncios" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Anúncios" })).toBeVisible();
  const zap = page.locator("#portal-6");
  await expect(zap.getByText("Publicando")).toBeVisible();
  // The stored password is never shown: its field is empty, and says it is set.
  await expect(zap.getByLabel("Senha (alterar)")).toHaveValue("");
  await expect(zap.getByText("Definida. Deixe em branco para manter")).toBeVisible();

  // Chaves na Mão needs its advertiser code and token: a missing one is refused under its field.
  const chaves = page.locator("#portal-1");
  await chaves.getByLabel("Código do anunciante").fill("");
  await chaves.getByRole("button", { name: /Salvar/ }).click();
  await expect(page.locator("#portal-1").getByText("Este campo é obrigatório para este portal.").first()).toBeVisible();
  await page.locator("#portal-1").getByLabel("Código do anunciante").fill(js ? "CNM-1001" : "CNM-2002");
  await page.locator("#portal-1").getByLabel(/Token de integração/).fill("token-de-integracao-e2e");
  await page.locator("#portal-1").getByRole("button", { name: /Salvar/ }).click();
  await expect(page.getByText("Credenciais salvas: o portal está publicando as unidades disponíveis.")).toBeVisible();
  const card = page.locator("#portal-1");
  await expect(card.getByText("Publicando")).toBeVisible();
  await expect(card.getByLabel("Token de integração (alterar)")).toHaveValue("");
  await expect(card.getByLabel("Código do anunciante")).toHaveValue(js ? "CNM-1001" : "CNM-2002");

  // The feed at its secret address lists the units for sale in Chaves na Mão's layout.
  const address = (await card.locator("code").textContent())!.trim();
  const feedPath = new URL(address).pathname;
  const published = await (await page.request.get(feedPath)).text();
  expect(published).toContain("<referencia>UN-");
  expect(published).not.toContain("token-de-integracao-e2e");

  // Off asks first (without JavaScript too), then withdraws every listing.
  await card.getByRole("link", { name: "Desativar…" }).click();
  await expect(page.getByText("Desativar Chaves na Mão?")).toBeVisible();
  await page.getByRole("button", { name: "Desativar e retirar os anúncios" }).click();
  await expect(page.getByText("Portal desativado e anúncios retirados: o feed ficou vazio.")).toBeVisible();
  await expect(page.locator("#portal-1").getByText("Inativo · anúncios retirados")).toBeVisible();
  const withdrawn = await (await page.request.get(feedPath)).text();
  expect(withdrawn).not.toContain("<imovel>");

  // The trail names what changed, never a value.
  await expect(page.getByText("Credenciais de portal de anúncios alteradas").first()).toBeVisible();
  await expect(page.getByText(/credenciais gravadas: Código do anunciante, Token de integração/).first()).toBeVisible();
});
