import { defineConfig } from '@playwright/test';
import type { AppUnderTest } from './fixtures';
import suite from './playwright.config';

// `scripts/screenshots`: the same two servers as the test suite, one
// project that photographs every page into docs/screenshots/.
export default defineConfig<{ appUnderTest: AppUnderTest }>({
  ...suite,
  testDir: './screenshots',
  fullyParallel: false,
  workers: 1,
  timeout: 180_000,
  reporter: [['list']],
  projects: [{ name: 'screenshots', use: { javaScriptEnabled: true } }],
});
