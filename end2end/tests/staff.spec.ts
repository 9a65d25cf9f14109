import { Browser, Page } from "@playwright/test";
import { ANA, PASSWORD, expect, jsEnabled, login, test, whenReady } from "./fixtures";

const STAFF = "admin@horizonte.exemplo.com.br";
const STAFF_PASSWORD = "equipe-demo-2026";

async function staffLogin(page: Page, js: boolean, next = "/equipe") {
  await page.goto(`/equipe/entrar?proximo=${encodeURIComponent(next)}`);
  await whenReady(page, js);
  await page.getByLabel("E-mail").fill(STAFF);
  await page.getByLabel("Senha", { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Entrar", exact: true }).click();
}

/** A second browser (its own cookies) for the other side of the conversation. */
async function otherBrowser(browser: Browser, js: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: js, locale: "pt-BR" });
  return context.newPage();
}

test("Equipe: a buyer's question is found, answered with a file and closed", async ({ page, browser }, testInfo) => {
  const js = jsEnabled(testInfo);
  const subject = js ? "Chaves do apartamento (com JS)" : "Chaves do apartamento (sem JS)";

  // The buyer asks.
  await page.goto("/entrar?proximo=/mensagens/nova");
  await login(page, ANA, PASSWORD, js);
  await page.getByLabel("Assunto").fill(subject);
  await page.getByLabel("Mensagem").fill("Quando posso retirar as chaves?");
  await page.getByRole("button", { name: "Enviar mensagem" }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();

  // The staff sign-in refuses a wrong password without saying which part was wrong.
  const staff = await otherBrowser(browser, js);
  await staff.goto("/equipe/entrar");
  await whenReady(staff, js);
  await staff.getByLabel("E-mail").fill(STAFF);
  await staff.getByLabel("Senha", { exact: true }).fill("senha-errada-123");
  await staff.getByRole("button", { name: "Entrar", exact: true }).click();
  await expect(staff.getByRole("alert")).toContainText("E-mail ou senha incorretos");

  // Signed in, the dashboard leads to what waits.
  await staffLogin(staff, js);
  await expect(staff.getByRole("heading", { level: 1, name: "Painel da equipe" })).toBeVisible();
  await staff.getByRole("link", { name: "Responder" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Mensagens" })).toBeVisible();
  await expect(staff.getByLabel("Situação")).toHaveValue("aguardando");
  await staff.getByLabel("Assunto ou comprador").fill(js ? "com JS" : "sem JS");
  await staff.getByRole("button", { name: "Filtrar" }).click();
  await staff.getByRole("link", { name: subject }).click();
  await expect(staff.getByText("Quando posso retirar as chaves?")).toBeVisible();

  // A file that is not what it says is refused; the text stays.
  await staff.getByLabel("Resposta").fill("As chaves serão entregues na vistoria. Segue o termo.");
  await staff.getByLabel("Anexos (opcional)").setInputFiles({
    name: "termo.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<html>não é PDF</html>"),
  });
  await staff.getByRole("button", { name: "Enviar resposta" }).click();
  await expect(staff.getByRole("alert")).toContainText("não é PDF, JPG, PNG ou WEBP");
  await expect(staff.getByLabel("Resposta")).toHaveValue("As chaves serão entregues na vistoria. Segue o termo.");
  await staff.getByLabel("Anexos (opcional)").setInputFiles({
    name: "termo.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"),
  });
  await staff.getByRole("button", { name: "Enviar resposta" }).click();
  await expect(staff.getByText("Resposta enviada.")).toBeVisible();
  await expect(staff.getByRole("link", { name: "termo.pdf" })).toBeVisible();
  await staff.getByRole("button", { name: "Encerrar conversa" }).click();
  await expect(staff.getByText("Conversa encerrada.")).toBeVisible();
  await expect(staff.getByRole("button", { name: "Reabrir conversa" })).toBeVisible();

  // The buyer reads the answer and its file.
  await page.goto("/mensagens");
  await expect(page.getByRole("link", { name: subject })).toBeVisible();
  await page.getByRole("link", { name: subject }).click();
  await expect(page.getByText("As chaves serão entregues na vistoria.")).toBeVisible();
  await expect(page.getByRole("link", { name: "termo.pdf" })).toBeVisible();

  // A buyer's session does not open the back office.
  await page.goto("/equipe");
  await expect(page).toHaveURL(/\/equipe\/entrar\?proximo=%2Fequipe$/);

  // Sair ends the staff session.
  await staff.getByRole("button", { name: "Sair" }).click();
  await expect(staff.getByText("Você saiu da área da equipe.")).toBeVisible();
  await staff.goto("/equipe/mensagens");
  await expect(staff).toHaveURL(/\/equipe\/entrar/);
});
