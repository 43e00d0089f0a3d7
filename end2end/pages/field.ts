import { expect, type Locator } from '@playwright/test';

/**
 * Expects `input` to be marked invalid and to point, through
 * `aria-describedby`, at its visible `<p id="<name>-error">`.
 */
export async function expectFieldError(input: Locator): Promise<void> {
  const name = await input.getAttribute('name');
  expect(name, 'the invalid input has a name').toBeTruthy();
  const errorId = `${name}-error`;
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAttribute('aria-describedby', new RegExp(`(^|\\s)${errorId}(\\s|$)`));
  await expect(input.page().locator(`#${errorId}`)).toBeVisible();
}

/** Expects `input` to carry no error marking. */
export async function expectNoFieldError(input: Locator): Promise<void> {
  await expect(input).not.toHaveAttribute('aria-invalid', 'true');
}
