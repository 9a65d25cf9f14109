import { ANA, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

// "Mostrar senha" needs WebAssembly: it appears and works only once the page has hydrated, and
// is absent without JavaScript (no dead buttons).
test("the show-password toggle works only with the wasm loaded", async ({ page }, testInfo) => {
  await page.goto("/entrar");
  const password = page.getByLabel("Senha", { exact: true });
  await password.fill("segredo-de-teste");
  if (jsEnabled(testInfo)) {
    const toggle = page.getByRole("button", { name: "Mostrar senha" });
    await toggle.click();
    await expect(password).toHaveAttribute("type", "text");
    await expect(page.getByRole("button", { name: "Ocultar senha" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "Ocultar senha" }).click();
    await expect(password).toHaveAttribute("type", "password");
  } else {
    await expect(page.getByRole("button", { name: "Mostrar senha" })).toHaveCount(0);
    await expect(password).toHaveAttribute("type", "password");
  }
});

test("pages are usable on a phone-sized screen", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/entrar");
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(360);
  await expect(page.getByRole("button", { name: "Entrar", exact: true })).toBeInViewport();
});

test("the buyer's pages fit a phone-sized screen", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/entrar");
  await login(page, ANA, PASSWORD, js);
  await expect(page).toHaveURL(/\/meu-imovel$/);
  const boleto = await page.goto("/financeiro?situacao=em-aberto").then(() =>
    page.locator('a[href^="/financeiro/boletos/"]').first().getAttribute("href"),
  );
  for (const path of [
    "/meu-imovel",
    "/meu-imovel/empreendimentos/1/fotos",
    "/financeiro",
    boleto!,
    "/financeiro/extrato",
    "/documentos",
    "/mensagens",
    "/mensagens/nova",
    "/meus-dados",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${path} scrolls sideways`).toBeLessThanOrEqual(360);
  }
});
