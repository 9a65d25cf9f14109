import { Locator } from "@playwright/test";
import { ANA, PASSWORD, expect, jsEnabled, login, test } from "./fixtures";

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
