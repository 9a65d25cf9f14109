import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { expect, jsEnabled, login, otherBrowser, staffLogin, test } from "./fixtures";

const ANA_CPF = "111.444.777-35";

/**
 * A partner's own site, as small as it gets: its page asks the portal for a login token with
 * the partner's key (server to server, as seed 003 says) and links the buyer to `login_url`.
 */
async function partnerSite(portal: string, key: string, username: string, redirect: string): Promise<Server> {
  const server = createServer(async (_request, response) => {
    const answer = await fetch(`${portal}/wp-json/custom/v1/generate-login-token`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ username }),
    });
    const body = (await answer.json()) as { login_url: string };
    const link = `${body.login_url}&redirect=${encodeURIComponent(redirect)}`;
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><title>Chatbot</title><h1>Chatbot da Construtora</h1><a href="${link}">Abrir meus boletos no portal</a>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

test("Parceiros: an admin registers a partner, whose link signs the buyer in once", async ({ page, browser, baseURL }, testInfo) => {
  const js = jsEnabled(testInfo);
  const name = js ? "Chatbot JS" : "Chatbot sem JS";
  await staffLogin(page, js);
  await page.getByRole("link", { name: "Configurações" }).click();
  await page.getByRole("link", { name: "Gerenciar parceiros" }).click();
  await page.getByRole("link", { name: "Cadastrar parceiro" }).click();

  // An origin that is not exact https is refused under its field; what was typed stays.
  await page.getByLabel("Nome").fill(name);
  await page.getByLabel("E-mail de contato técnico").fill("ti@chatbot.exemplo.com.br");
  await page.getByLabel(/remote_login/).check();
  await page.getByLabel("Origens permitidas para o retorno (uma por linha)").fill("http://chatbot.exemplo.com.br");
  await page.getByRole("button", { name: "Cadastrar e gerar a chave" }).click();
  await expect(page.getByText("não é uma origem https exata")).toBeVisible();
  await expect(page.getByLabel("Nome")).toHaveValue(name);
  await page.getByLabel("Origens permitidas para o retorno (uma por linha)").fill("https://chatbot.exemplo.com.br");
  await page.getByRole("button", { name: "Cadastrar e gerar a chave" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Copie agora: ela não será mostrada de novo.")).toBeVisible();
  const key = (await page.locator(".new-key__value").textContent())?.trim() ?? "";
  expect(key).toMatch(/^pdc_[0-9a-f]{64}$/);

  // Staff let it sign Ana in.
  await page.getByLabel("Vincular pessoa pelo CPF ou CNPJ").fill("000.000.000-00");
  await page.getByRole("button", { name: "Vincular" }).click();
  await expect(page.getByText("CPF ou CNPJ inválido.")).toBeVisible();
  await page.getByLabel("Vincular pessoa pelo CPF ou CNPJ").fill(ANA_CPF);
  await page.getByRole("button", { name: "Vincular" }).click();
  await expect(page.getByText("Pessoa vinculada: o parceiro já pode abrir o portal por ela.")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Ana/ })).toBeVisible();
  // The key is not on the page any more.
  await page.reload();
  await expect(page.locator(".new-key__value")).toHaveCount(0);

  // Ana, on the partner's site, follows its link and lands on her boletos, signed in.
  const site = await partnerSite(baseURL!, key, ANA_CPF, "/financeiro");
  try {
    const buyer = await otherBrowser(browser, js);
    const siteURL = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
    await buyer.goto(siteURL);
    const link = buyer.getByRole("link", { name: "Abrir meus boletos no portal" });
    const href = (await link.getAttribute("href")) ?? "";
    await link.click();
    await expect(buyer.getByRole("heading", { level: 1, name: "Financeiro" })).toBeVisible();
    await expect(buyer.getByText("Ana", { exact: false }).first()).toBeVisible();
    // The same link a second time: the login page says why and offers the normal login.
    const later = await otherBrowser(browser, js);
    await later.goto(href);
    await expect(later.getByText("Este link de acesso expirou ou já foi usado")).toBeVisible();
    await expect(later.getByRole("button", { name: "Entrar", exact: true })).toBeVisible();
    // Ana sees the partner next to her sessions and withdraws it.
    await buyer.goto("/conta/sessoes");
    const partner = buyer.getByRole("listitem").filter({ hasText: name });
    await partner.getByRole("button", { name: "Retirar autorização" }).click();
    await expect(buyer.getByText("Autorização retirada")).toBeVisible();
    await expect(buyer.getByRole("listitem").filter({ hasText: name })).toHaveCount(0);
  } finally {
    site.close();
  }

  // Revoked: the key stops at once.
  await page.getByText("Revogar", { exact: true }).click();
  await page.getByRole("button", { name: "Sim, revogar" }).click();
  await expect(page.getByText("Chaves revogadas")).toBeVisible();
  const refused = await fetch(`${baseURL}/wp-json/custom/v1/generate-login-token`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ username: ANA_CPF }),
  });
  expect(refused.status).toBe(403);
});

test("Parceiros: a buyer opens a funcionalidade customizada and the partner exchanges the pass key", async ({ page, browser, baseURL }, testInfo) => {
  const js = jsEnabled(testInfo);
  const name = js ? "Clube de Vantagens JS" : "Clube de Vantagens sem JS";
  // The partner's site: it exchanges the chavePasse it receives and greets the buyer.
  const settings = { key: "", feature: "" };
  const site = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const query = new URLSearchParams({
      instanciaApp: "2",
      chavePasse: url.searchParams.get("chavePasse") ?? "",
      chaveFuncionalidade: settings.feature,
    });
    const answer = await fetch(`${baseURL}/clientes/chavePasse/usuario?${query}`, { headers: { Authorization: settings.key } });
    const body = (await answer.json()) as { status: boolean; data: { integracao?: { nome?: string } } };
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(
      body.status
        ? `<!doctype html><title>Clube</title><h1>Olá, ${body.data.integracao?.nome}!</h1>`
        : `<!doctype html><title>Clube</title><h1>Chave recusada</h1>`,
    );
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  try {
    await staffLogin(page, js);
    await page.goto("/equipe/parceiros/novo");
    await page.getByLabel("Nome", { exact: true }).fill(name);
    await page.getByLabel("E-mail de contato técnico").fill("ti@clube.exemplo.com.br");
    await page.getByLabel(/pass_key/).check();
    // A development portal takes a loopback http origin, so the test's partner can run here.
    await page.getByLabel("Origens permitidas para o retorno (uma por linha)").fill(origin);
    await page.getByRole("button", { name: "Cadastrar e gerar a chave" }).click();
    settings.key = (await page.locator(".new-key__value").textContent())?.trim() ?? "";
    expect(settings.key).toMatch(/^pdc_/);

    // An address outside the partner's origins is refused; then the real one, in production.
    await page.getByLabel("Nome no menu do comprador").fill(name);
    await page.getByLabel("Endereço (https, numa das origens permitidas)").fill("https://outro.exemplo.com.br/x");
    await page.getByLabel("Instância").selectOption("2");
    await page.locator('input[name="feature_fields[]"][value="nome"]').check();
    await page.getByRole("button", { name: "Adicionar funcionalidade" }).click();
    await expect(page.getByText("numa das origens permitidas deste parceiro")).toBeVisible();
    await page.getByLabel("Endereço (https, numa das origens permitidas)").fill(`${origin}/beneficios`);
    await page.getByLabel("Instância").selectOption("2");
    await page.locator('input[name="feature_fields[]"][value="nome"]').check();
    await page.locator('input[name="feature_fields[]"][value="email"]').check();
    await page.getByRole("button", { name: "Adicionar funcionalidade" }).click();
    await expect(page.getByText("Funcionalidade adicionada.")).toBeVisible();
    settings.feature = (await page.locator('td[data-rotulo="chaveFuncionalidade"] code').first().textContent())?.trim() ?? "";
    expect(settings.feature).toMatch(/^[0-9a-f]{32}$/);

    // Ana finds it in her menu, reads what the partner receives, and goes.
    const buyer = await otherBrowser(browser, js);
    await buyer.goto("/entrar");
    await login(buyer, "ana.souza@exemplo.com.br", "imovel-demo-2026", js);
    await expect(buyer.getByRole("heading", { level: 1, name: "Meu Imóvel" })).toBeVisible();
    // In the menu under its own name, or under "Serviços" once there are several.
    const direct = buyer.getByRole("navigation", { name: "Principal" }).getByRole("link", { name });
    if (await direct.count()) {
      await direct.click();
    } else {
      await buyer.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Serviços" }).click();
      await buyer.getByRole("listitem").filter({ hasText: name }).getByRole("link", { name: "Abrir" }).click();
    }
    await expect(buyer.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(buyer.getByText("o parceiro recebe, uma única vez")).toBeVisible();
    await buyer.getByRole("button", { name: "Continuar para 127.0.0.1" }).click();
    await expect(buyer.getByRole("heading", { level: 1, name: /Olá, Ana/ })).toBeVisible();
    // The same key again is refused.
    await buyer.reload();
    await expect(buyer.getByRole("heading", { level: 1, name: "Chave recusada" })).toBeVisible();
  } finally {
    site.close();
  }
});
