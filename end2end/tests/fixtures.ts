import { Browser, expect, Page, test as base } from "@playwright/test";

export const PASSWORD = "imovel-demo-2026";
export const ANA = "ana.souza@exemplo.com.br";
export const CARLOS_CPF = "222.555.888-46";
export const COMPANY_CNPJ = "12.ABC.345/01DE-35";

/** True in the project that runs with JavaScript (and so WebAssembly) enabled. */
export function jsEnabled(testInfo: { project: { use: { javaScriptEnabled?: boolean } } }): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** Fails the test on any uncaught page error (a broken hydration shows up here). */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        // A server function that refuses (401, 404) is an answer the page shows, not a fault.
        const refusedServerFunction =
          message.text().startsWith("Failed to load resource") && message.location().url.includes("/api/");
        if (message.type() === "error" && !refusedServerFunction) errors.push(message.text());
      });
      await use(errors);
      expect(errors, "no errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Waits until the wasm has hydrated the page (JS project) or does nothing (no-JS project). */
export async function whenReady(page: Page, js: boolean) {
  if (js) {
    await expect(page.getByRole("button", { name: "Mostrar senha" })).toBeVisible();
  }
}

export async function login(page: Page, identifier: string, password: string, js: boolean) {
  await whenReady(page, js);
  await page.getByLabel("E-mail, CPF ou CNPJ").fill(identifier);
  await page.getByLabel("Senha", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Entrar", exact: true }).click();
}

export const STAFF = "admin@horizonte.exemplo.com.br";
export const STAFF_PASSWORD = "equipe-demo-2026";

/** Signs the demo admin in to the back office and waits for its dashboard. */
export async function staffLogin(page: Page, js: boolean) {
  await page.goto("/equipe/entrar");
  await whenReady(page, js);
  await page.getByLabel("E-mail").fill(STAFF);
  await page.getByLabel("Senha", { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Entrar", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Painel da equipe" })).toBeVisible();
}

/** A second, separate browser session (another person), with or without JavaScript. */
export async function otherBrowser(browser: Browser, js: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: js, locale: "pt-BR" });
  return context.newPage();
}

/** Reads the newest 6-digit code sent to `destination` from the development outbox page. */
export async function codeFromOutbox(page: Page, destination: string): Promise<string> {
  const outbox = await page.context().newPage();
  await outbox.goto("/dev/caixa-de-saida");
  const message = outbox.getByRole("listitem").filter({ hasText: destination }).first();
  const text = (await message.textContent()) ?? "";
  await outbox.close();
  const code = text.match(/\b(\d{6})\b/)?.[1];
  expect(code, `a code for ${destination} in the outbox`).toBeTruthy();
  return code!;
}
