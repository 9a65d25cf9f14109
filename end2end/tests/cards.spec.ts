import { Locator } from "@playwright/test";
import { ANA, COMPANY_CNPJ, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

/** The computed styles that make a list row a card. */
async function cardStyle(row: Locator) {
  return row.evaluate((element) => {
    const style = getComputedStyle(element);
    return {
      background: style.backgroundColor,
      borderTop: `${style.borderTopWidth} ${style.borderTopStyle}`,
      borderLeftWidth: style.borderLeftWidth,
      borderLeftColor: style.borderLeftColor,
      radius: parseFloat(style.borderTopLeftRadius),
      paddingLeft: parseFloat(style.paddingLeft),
    };
  });
}

/** The value of a design token (a CSS custom property) as the browser resolves a colour. */
async function tokenColour(row: Locator, token: string) {
  return row.evaluate((element, name) => {
    const probe = document.createElement("span");
    probe.style.color = `var(${name})`;
    element.appendChild(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, token);
}

function expectCard(style: Awaited<ReturnType<typeof cardStyle>>) {
  expect(style.background, "a card has a surface, not the page behind it").not.toBe("rgba(0, 0, 0, 0)");
  expect(style.borderTop).toBe("1px solid");
  expect(style.radius).toBeGreaterThan(0);
  expect(style.paddingLeft, "text does not touch the border").toBeGreaterThanOrEqual(12);
}

test("installment rows are cards, and only overdue ones carry the red bar", async ({ page }, testInfo) => {
  await page.goto("/entrar?proximo=%2Ffinanceiro");
  await login(page, ANA, PASSWORD, jsEnabled(testInfo));
  await expect(page).toHaveURL(/\/financeiro$/);

  const list = page.locator("ul.installments");
  const paid = list.locator("li.installment--pagas").first();
  const overdue = list.locator("li.installment--vencidas").first();
  const open = list.locator("li.installment--em-aberto").last();
  const danger = await tokenColour(paid, "--color-danger");

  const paidStyle = await cardStyle(paid);
  expectCard(paidStyle);
  expect(paidStyle.borderLeftWidth).toBe("1px");
  expect(paidStyle.borderLeftColor).not.toBe(danger);

  expectCard(await cardStyle(open));
  expect((await cardStyle(open)).borderLeftColor).not.toBe(danger);

  const overdueStyle = await cardStyle(overdue);
  expectCard(overdueStyle);
  expect(overdueStyle.borderLeftWidth).toBe("4px");
  expect(overdueStyle.borderLeftColor).toBe(danger);
});

test("conversation rows are cards", async ({ page }, testInfo) => {
  await page.goto("/entrar?proximo=%2Fmensagens");
  await login(page, ANA, PASSWORD, jsEnabled(testInfo));
  await expect(page).toHaveURL(/\/mensagens$/);
  const thread = page.locator("ul.threads > li.thread").first();
  await expect(thread).toBeVisible();
  expectCard(await cardStyle(thread));
});

test("Meus dados: a long e-mail stays inside its own cell, at 1280 and 360 px", async ({ page }, testInfo) => {
  await page.goto("/entrar?proximo=%2Fmeus-dados");
  await login(page, COMPANY_CNPJ, PASSWORD, jsEnabled(testInfo));
  await expect(page).toHaveURL(/\/meus-dados$/);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    const cells = page.locator("dl.details > div");
    const boxes = [];
    for (let i = 0; i < (await cells.count()); i++) {
      const cell = cells.nth(i);
      const clipped = await cell.locator("dd").evaluate((dd) => dd.scrollWidth > dd.clientWidth + 1);
      expect(clipped, `cell ${i} at ${width} px shows all of its text`).toBe(false);
      boxes.push((await cell.boundingBox())!);
    }
    for (let a = 0; a < boxes.length; a++) {
      for (let b = a + 1; b < boxes.length; b++) {
        const [p, q] = [boxes[a], boxes[b]];
        const overlap = p.x < q.x + q.width - 1 && q.x < p.x + p.width - 1 && p.y < q.y + q.height - 1 && q.y < p.y + p.height - 1;
        expect(overlap, `cells ${a} and ${b} overlap at ${width} px`).toBe(false);
      }
    }
  }
});

test("the header is one row at 1280 px and two at 360 px, with every section one tap away", async ({ page }, testInfo) => {
  const js = jsEnabled(testInfo);
  await page.goto("/entrar");
  await login(page, ANA, PASSWORD, js);
  await expect(page).toHaveURL(/\/meu-imovel$/);
  const header = page.locator(".site-header");
  const links = ["Meu Imóvel", "Financeiro", "Documentos", "Mensagens", "Meus dados", "Segurança"];
  for (const [width, maxHeight] of [
    [1280, 80],
    [360, 110],
  ]) {
    await page.setViewportSize({ width, height: 780 });
    const box = (await header.boundingBox())!;
    expect(box.height, `header at ${width} px`).toBeLessThanOrEqual(maxHeight);
    await expect(header.getByRole("button", { name: "Sair" })).toBeInViewport();
    for (const name of links) {
      await expect(header.getByRole("link", { name, exact: true })).toHaveCount(1);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
});
