import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, IncomingHttpHeaders, Server } from "node:http";
import { AddressInfo } from "node:net";
import { expect, jsEnabled, staffLogin, test } from "./fixtures";

type Delivery = { headers: IncomingHttpHeaders; body: string };

/** The partner's receiver: keeps every delivery and answers 200. */
async function receiver(deliveries: Delivery[]): Promise<Server> {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      deliveries.push({ headers: request.headers, body });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

/** Standard Webhooks: v1,base64(HMAC-SHA256(secret, "id.timestamp.body")). */
function verified(delivery: Delivery, secret: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signed = `${delivery.headers["webhook-id"]}.${delivery.headers["webhook-timestamp"]}.${delivery.body}`;
  const expected = Buffer.from(createHmac("sha256", key).update(signed).digest("base64"));
  const given = String(delivery.headers["webhook-signature"] ?? "").split(" ").map((part) => part.split(",")[1] ?? "");
  return given.some((signature) => signature.length === expected.length && timingSafeEqual(Buffer.from(signature), expected));
}

test("Webhooks: a partner's endpoint gets signed id-only deliveries; staff see them and switch it off", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  const js = jsEnabled(testInfo);
  const name = js ? "ERP webhooks JS" : "ERP webhooks sem JS";
  const deliveries: Delivery[] = [];
  const site = await receiver(deliveries);
  try {
    await staffLogin(page, js);
    await page.goto("/equipe/parceiros/novo");
    await page.getByLabel("Nome").fill(name);
    await page.getByLabel("E-mail de contato técnico").fill("ti@erp.exemplo.com.br");
    await page.getByLabel(/\(webhooks\)/).check();
    await page.getByRole("button", { name: "Cadastrar e gerar a chave" }).click();
    const key = (await page.locator(".new-key__value").textContent())?.trim() ?? "";
    expect(key).toMatch(/^pdc_/);
    const partnerPage = page.url().split("?")[0];

    // The partner registers its endpoint through the API.
    const url = `http://127.0.0.1:${(site.address() as AddressInfo).port}/hook`;
    const created = await page.request.post("/api/v1/webhooks", {
      headers: { Authorization: `Bearer ${key}` },
      data: { url, eventos: ["mensagem.respondida"] },
    });
    expect(created.status()).toBe(201);
    const secret = (await created.json()).segredo as string;

    // Staff answer a buyer: within the worker's round, the partner hears of it.
    const answer = async (text: string) => {
      await page.goto("/equipe/mensagens/1");
      await page.getByLabel("Resposta").fill(text);
      await page.getByRole("button", { name: "Enviar resposta" }).click();
      await expect(page.getByText("Resposta enviada.")).toBeVisible();
    };
    await answer(`Resposta para o ERP (${name}).`);
    await expect.poll(() => deliveries.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const first = deliveries[0];
    expect(verified(first, secret)).toBe(true);
    const event = JSON.parse(first.body);
    expect(event.tipo).toBe("mensagem.respondida");
    expect(Object.keys(event.dados)).toEqual(["mensagem_id"]);
    expect(first.body).not.toContain("Resposta para o ERP");

    // The partner's page lists the endpoint and the delivery with its attempt.
    await page.goto(partnerPage);
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Webhooks" }) });
    await expect(section.getByText(url)).toBeVisible();
    await expect(section.getByText("Entregue").first()).toBeVisible();
    await section.getByText("1 tentativa(s)").first().click();
    await expect(section.getByText(/HTTP 200/).first()).toBeVisible();

    // Switched off, it receives nothing; switched on, what waited arrives.
    await section.getByRole("button", { name: "Desativar" }).click();
    await expect(page.getByText("Webhook desativado: ele não recebe nada")).toBeVisible();
    const before = deliveries.length;
    await answer(`Outra resposta (${name}).`);
    await page.waitForTimeout(7_000);
    expect(deliveries.length).toBe(before);
    await page.goto(partnerPage);
    await expect(section.getByText("Pendente").first()).toBeVisible();
    await section.getByRole("button", { name: "Reativar" }).click();
    await expect(page.getByText("Webhook reativado: as entregas pendentes seguem.")).toBeVisible();
    await expect.poll(() => deliveries.length, { timeout: 20_000 }).toBeGreaterThan(before);
    expect(deliveries.slice(before).every((delivery) => verified(delivery, secret))).toBe(true);
  } finally {
    site.close();
  }
});
