import { ANA, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

// Specs share the demo accounts and run in parallel: this one only ends the session it opened
// itself (recognisable by its own user agent) and never changes a password.
test("see where you are signed in, end another device's session, and a wrong current password", async ({
  page,
  browser,
}, testInfo) => {
  const js = jsEnabled(testInfo);
  const [userAgent, device] = js
    ? ["Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Firefox/130.0", "Firefox 130 no iPad, iOS 17.0 (tablet)"]
    : ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Safari/537.36 OPR/110.0", "Opera 110 no Windows 10 (computador)"];

  const other = await browser.newContext({ javaScriptEnabled: js, userAgent });
  const otherPage = await other.newPage();
  await otherPage.goto("/entrar");
  await login(otherPage, ANA, PASSWORD, js);
  await expect(otherPage).toHaveURL(/\/meu-imovel$/);

  await page.goto("/entrar");
  await login(page, ANA, PASSWORD, js);
  await expect(page).toHaveURL(/\/meu-imovel$/);
  await page.getByRole("link", { name: "Segurança" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Segurança" })).toBeVisible();
  await expect(page.getByText("Este aparelho")).toBeVisible();
  const otherDevice = page.getByRole("listitem").filter({ hasText: device });
  await expect(otherDevice).toHaveCount(1);
  await otherDevice.getByRole("button", { name: "Encerrar" }).click();
  await expect(page.getByText("Sessão encerrada.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: device })).toHaveCount(0);

  await otherPage.goto("/meu-imovel");
  await expect(otherPage).toHaveURL(/\/entrar\?proximo=/);
  await other.close();

  await page.getByRole("link", { name: "Trocar senha" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Trocar senha" })).toBeVisible();
  if (js) await page.waitForLoadState("networkidle");
  await page.getByLabel("Senha atual").fill("nao-e-esta");
  await page.getByLabel("Nova senha", { exact: true }).fill("uma frase longa qualquer");
  await page.getByLabel("Repita a nova senha").fill("uma frase longa qualquer");
  await page.getByRole("button", { name: "Trocar senha" }).click();
  await expect(page.getByRole("alert")).toHaveText("A senha atual não confere.");
});
