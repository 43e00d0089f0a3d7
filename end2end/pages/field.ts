import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Expects `input` to be marked invalid and to point, through
 * `aria-describedby`, at its visible `<p id="<name>-error">`; `name` is the
 * input's own name unless given (the profile's `attributes[locale]` has
 * its errors under `locale`).
 */
export async function expectFieldError(input: Locator, name?: string): Promise<void> {
  name ??= (await input.getAttribute('name')) ?? undefined;
  expect(name, 'the invalid input has a name').toBeTruthy();
  const errorId = `${name}-error`;
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAttribute('aria-describedby', new RegExp(`(^|\\s)${errorId}(\\s|$)`));
  await expect(input.page().locator(`#${errorId}`)).toBeVisible();
}

/** Expects the error of field `name` to carry the message id `id`. */
export async function expectFieldErrorId(page: Page, name: string, id: string): Promise<void> {
  await expect(page.locator(`[id="${name}-error"]`)).toHaveAttribute('data-message-id', id);
}

/** Expects `input` to carry no error marking. */
export async function expectNoFieldError(input: Locator): Promise<void> {
  await expect(input).not.toHaveAttribute('aria-invalid', 'true');
}
