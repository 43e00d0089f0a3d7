import type { Locator, Page } from '@playwright/test';

/**
 * The page's `<main>`, known by the message id of its title
 * (`data-title-id`, e.g. `sign_in.title`), never by the title's words.
 */
export function titledMain(page: Page, titleId: string): Locator {
  return page.locator(`main[data-title-id="${titleId}"]`);
}

/** The `<h1>` of the page whose title has this message id. */
export function titleHeading(page: Page, titleId: string): Locator {
  return titledMain(page, titleId).getByRole('heading', { level: 1 });
}
