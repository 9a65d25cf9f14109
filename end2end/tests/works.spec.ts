import { ANA, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

test("Meu Imóvel shows dated photos of the works, the gallery and each full photo", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.goto("/entrar");
  await login(page, ANA, PASSWORD, js);
  await expect(page).toHaveURL(/\/meu-imovel$/);

  const recent = page.getByRole("region", { name: "Fotos da obra" });
  await expect(recent.getByRole("img")).toHaveCount(4);
  const newest = recent.getByRole("img", { name: "Fachada da Torre A revestida até o 5º pavimento; alvenaria concluída" });
  await newest.scrollIntoViewIfNeeded();
  // The thumbnail really loaded (an authorised JPEG, not a broken image).
  await expect.poll(() => newest.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);

  await page.getByRole("link", { name: "Ver todas as 6 fotos da obra" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fotos da obra · Residencial Jardim das Palmeiras" })).toBeVisible();
  await expect(page.getByText("6 fotos, da mais recente para a mais antiga.")).toBeVisible();
  await expect(page.getByRole("figure")).toHaveCount(6);
  const oldest = page.getByRole("figure").last();
  await expect(oldest).toContainText("Fundação da Torre A concluída: blocos sobre as estacas");
  await expect(oldest.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}$/);

  const opened = page.waitForResponse((response) => /\/meu-imovel\/fotos\/\d+$/.test(response.url()));
  await oldest.getByRole("link").click();
  const photo = await opened;
  expect(photo.status()).toBe(200);
  expect(photo.headers()["content-type"]).toBe("image/jpeg");
  await expect(page).toHaveURL(/\/meu-imovel\/fotos\/\d+$/);

  await page.goBack();
  await page.getByRole("link", { name: "← Meu Imóvel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Meu Imóvel" })).toBeVisible();
});

test("the gallery of an empreendimento that is not the buyer's is not found", async ({ browser }, testInfo) => {
  const js = jsEnabled(testInfo);
  // A context of its own: the 404 this test asks for is not a fault of the page.
  const context = await browser.newContext({ javaScriptEnabled: js });
  const page = await context.newPage();
  await page.goto("/entrar");
  await login(page, ANA, PASSWORD, js);
  await expect(page).toHaveURL(/\/meu-imovel$/);
  const response = await page.goto("/meu-imovel/empreendimentos/2/fotos");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Página não encontrada" })).toBeVisible();
  await expect(page.getByText("Edifício Mirante do Parque")).toHaveCount(0);
  await context.close();
});
