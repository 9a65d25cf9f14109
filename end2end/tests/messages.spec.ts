import { ANA, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

test("Mensagens: write to the company with a file, then reply in the conversation", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  const subject = js ? "Vistoria da unidade (com JS)" : "Vistoria da unidade (sem JS)";
  await page.goto("/entrar?proximo=/mensagens");
  await login(page, ANA, PASSWORD, js);
  await expect(page.getByRole("heading", { level: 1, name: "Mensagens" })).toBeVisible();
  await page.getByRole("link", { name: "Nova mensagem" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nova mensagem" })).toBeVisible();

  // A file that is not what its name says is refused, and the text stays.
  await page.getByLabel("Assunto").fill(subject);
  await page.getByLabel("Mensagem").fill("Posso agendar a vistoria para sábado?");
  await page.getByLabel("Anexos (opcional)").setInputFiles({
    name: "planta.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<html>não é um PDF</html>"),
  });
  await page.getByRole("button", { name: "Enviar mensagem" }).click();
  await expect(page.getByRole("alert")).toContainText("não é PDF, JPG, PNG ou WEBP");
  await expect(page.getByLabel("Assunto")).toHaveValue(subject);
  await expect(page.getByLabel("Mensagem")).toHaveValue("Posso agendar a vistoria para sábado?");

  await page.getByLabel("Anexos (opcional)").setInputFiles({
    name: "planta.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"),
  });
  await page.getByRole("button", { name: "Enviar mensagem" }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByText("Mensagem enviada.")).toBeVisible();
  await expect(page.getByRole("link", { name: "planta.pdf" })).toBeVisible();

  await page.getByLabel("Mensagem").fill("Qualquer horário pela manhã serve.");
  await page.getByRole("button", { name: "Enviar resposta" }).click();
  await expect(page.getByText("Qualquer horário pela manhã serve.")).toBeVisible();
  await page.getByRole("link", { name: "← Mensagens" }).click();
  await expect(page.getByRole("link", { name: subject })).toBeVisible();
});
