import { expect, type Locator, type Page } from '@playwright/test';

/** The form that holds the button named `name` (exactly). */
export function formWithButton(page: Page, name: string): Locator {
  return page.locator('form').filter({ has: page.getByRole('button', { name, exact: true }) });
}

/**
 * The absolute action URL and the named inputs of a POST form, as rendered,
 * so a test can replay or tamper with the form over HTTP.
 */
export async function readForm(form: Locator): Promise<{ action: string; fields: Record<string, string> }> {
  await expect(form).toHaveAttribute('method', /^post$/i);
  const action = new URL((await form.getAttribute('action')) ?? '', form.page().url()).toString();
  const fields: Record<string, string> = {};
  const inputs = form.locator('input[name]');
  for (let i = 0; i < (await inputs.count()); i++) {
    const input = inputs.nth(i);
    fields[(await input.getAttribute('name'))!] = (await input.getAttribute('value')) ?? '';
  }
  return { action, fields };
}
