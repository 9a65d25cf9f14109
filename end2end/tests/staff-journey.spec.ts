import { deflateSync } from "node:zlib";
import { codeFromOutbox, expect, jsEnabled, otherBrowser, staffLogin, test } from "./fixtures";

/** A real 96 × 64 PNG (the works gallery wants at least 64 px a side). */
function photo(): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = table[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, check]);
  };
  const [width, height] = [96, 64];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([x * 2, y * 3, 120], y * (width * 3 + 1) + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

test("Staff load an empreendimento, units, a buyer, a contract with 12 installments, a document and a photo, and answer; the buyer sees it all", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const js = jsEnabled(testInfo);
  const tag = js ? "JS" : "sem JS";
  const development = `Residencial Horizonte Azul ${tag}`;
  const cpf = js ? "582.614.937-09" : "468.213.579-19";
  const email = js ? "lucas.js@exemplo.com.br" : "lucas.nojs@exemplo.com.br";
  const contract = js ? "HA-2026-0001" : "HA-2026-0002";
  await staffLogin(page, js);

  // The empreendimento, a block and 8 units.
  await page.getByRole("link", { name: "Empreendimentos" }).click();
  await page.getByRole("link", { name: "Novo empreendimento" }).click();
  await page.getByLabel("Empresa (SPE)").selectOption({ label: "Construtora Horizonte Ltda" });
  await page.getByLabel("Nome", { exact: true }).fill(development);
  await page.getByLabel("Endereço").fill("Avenida das Araucárias, 800 – Ecoville");
  await page.getByLabel("Cidade").fill("Curitiba");
  await page.getByLabel("UF").selectOption("PR");
  await page.getByLabel("Andamento da obra (%)").fill("140");
  await page.getByRole("button", { name: "Criar empreendimento" }).click();
  await expect(page.getByText("de 0 a 100 %")).toBeVisible();
  await expect(page.getByLabel("Cidade")).toHaveValue("Curitiba");
  await page.getByLabel("Andamento da obra (%)").fill("5");
  await page.getByRole("button", { name: "Criar empreendimento" }).click();
  await expect(page.getByRole("heading", { level: 1, name: development })).toBeVisible();
  await page.getByLabel("Novo bloco").fill("Torre Única");
  await page.getByRole("button", { name: "Incluir bloco" }).click();
  await expect(page.getByText("Bloco salvo.")).toBeVisible();
  await page.getByRole("link", { name: "Criar unidades" }).click();
  await page.getByLabel("Bloco").selectOption({ label: "Torre Única" });
  await page.getByLabel("Do andar").fill("1");
  await page.getByLabel("Até o andar").fill("2");
  await page.getByLabel("Unidades por andar").fill("4");
  await page.getByLabel("Área privativa (m²)").fill("70,50");
  await page.getByRole("button", { name: "Criar unidades" }).click();
  await expect(page.getByText("8 unidades criadas.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Unidades (8)" })).toBeVisible();

  // A photo of the works.
  await page.getByLabel("Foto (JPG, PNG ou WEBP, até 20 MB)").setInputFiles({ name: "obra.png", mimeType: "image/png", buffer: photo() });
  await page.getByLabel("Tirada em").fill("2026-11-20");
  await page.getByLabel("O que mostra").fill(`Fundação concluída ${tag}`);
  await page.getByRole("button", { name: "Publicar foto" }).click();
  await expect(page.getByText("Foto publicada")).toBeVisible();
  const developmentPage = page.url().split("?")[0];

  // The buyer, registered by staff.
  await page.getByRole("link", { name: "Pessoas" }).click();
  await page.getByRole("link", { name: "Cadastrar pessoa" }).click();
  await page.getByLabel("Nome ou razão social").fill("Lucas");
  await page.getByLabel("Sobrenome ou nome fantasia (opcional)").fill("Andrade Prado");
  await page.getByLabel("CPF ou CNPJ").fill(cpf);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Cadastrar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lucas Andrade Prado" })).toBeVisible();
  await page.getByRole("button", { name: "Convidar por e-mail" }).click();
  await expect(page.getByText("Convite de primeiro acesso enviado.")).toBeVisible();

  // The contract for unit 101, and its 12-installment plan (previewed, then saved).
  await page.goto(developmentPage);
  await page.getByRole("link", { name: "Torre Única · Apartamento 101" }).click();
  await page.getByRole("link", { name: "Criar contrato" }).click();
  await page.getByLabel("Número do contrato").fill(contract);
  await page.getByLabel("Assinado em").fill("2026-11-10");
  await page.getByLabel("Valor total (R$)").fill("12.000,00");
  await page.getByLabel("CPF/CNPJ do titular").fill(cpf);
  await page.getByRole("button", { name: "Criar contrato" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Contrato ${contract}` })).toBeVisible();
  await page.getByLabel("Quantidade").fill("12");
  await page.getByLabel("Primeiro vencimento").fill("2027-01-10");
  await page.getByLabel("Valor de cada parcela (R$)").fill("1.000,00");
  await page.getByRole("button", { name: "Ver prévia" }).click();
  await expect(page.getByRole("heading", { name: "Prévia: 12 parcela(s), R$ 12.000,00" })).toBeVisible();
  await page.getByRole("button", { name: "Salvar estas parcelas" }).click();
  await expect(page.getByText("12 parcela(s) incluída(s)")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Parcelas (12)" })).toBeVisible();

  // A document for the contract's buyers.
  await page.getByRole("link", { name: "Publicar documento" }).click();
  await page.getByLabel("Título").fill(`Contrato assinado ${tag}`);
  await page.getByLabel("Arquivo (PDF, JPG, PNG ou WEBP, até 20 MB)").setInputFiles({
    name: "contrato.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"),
  });
  await page.getByRole("button", { name: "Publicar", exact: true }).click();
  await expect(page.getByText("Documento publicado")).toBeVisible();

  // The buyer's first access, from the invitation.
  const buyer = await otherBrowser(browser, js);
  await buyer.goto("/primeiro-acesso");
  await buyer.getByLabel("E-mail, CPF ou CNPJ").fill(cpf);
  await buyer.getByRole("button", { name: "Enviar código" }).click();
  await buyer.getByLabel("Código de 6 dígitos").fill(await codeFromOutbox(buyer, email));
  await buyer.getByLabel("Nova senha", { exact: true }).fill("minha casa nova 2026");
  await buyer.getByLabel("Repita a nova senha").fill("minha casa nova 2026");
  await buyer.getByRole("button", { name: "Criar senha e entrar" }).click();
  await expect(buyer.getByText("Senha criada")).toBeVisible();

  // Meu Imóvel, Financeiro and Documentos show what staff loaded.
  await buyer.goto("/meu-imovel");
  await expect(buyer.getByText(development).first()).toBeVisible();
  await expect(buyer.getByText(`Fundação concluída ${tag}`).first()).toBeVisible();
  await buyer.goto("/financeiro");
  await expect(buyer.getByText(contract).first()).toBeVisible();
  await expect(buyer.getByText("R$ 1.000,00").first()).toBeVisible();
  await buyer.goto("/documentos");
  await expect(buyer.getByText(`Contrato assinado ${tag}`)).toBeVisible();

  // A question, answered by staff, read by the buyer.
  const subject = `Vistoria da unidade ${tag}`;
  await buyer.goto("/mensagens/nova");
  await buyer.getByLabel("Assunto").fill(subject);
  await buyer.getByLabel("Mensagem").fill("Quando será a vistoria?");
  await buyer.getByRole("button", { name: "Enviar mensagem" }).click();
  await expect(buyer.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await page.goto("/equipe/mensagens");
  await page.getByRole("link", { name: subject }).click();
  await page.getByLabel("Resposta").fill("A vistoria será marcada após o habite-se.");
  await page.getByRole("button", { name: "Enviar resposta" }).click();
  await expect(page.getByText("Resposta enviada.")).toBeVisible();
  await buyer.goto("/mensagens");
  await buyer.getByRole("link", { name: subject }).click();
  await expect(buyer.getByText("A vistoria será marcada após o habite-se.")).toBeVisible();
});
