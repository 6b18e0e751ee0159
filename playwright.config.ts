// Playwright: end-to-end tests in real Chromium (the system binary) with the built extension loaded.
// `npm run test:e2e` builds the extension first; the fixtures in test/e2e/fixtures.ts start the
// browser and the server.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  // One browser at a time: each test starts its own Chromium, and the machines have few cores.
  workers: 1,
  fullyParallel: false,
  // A retry on CI absorbs a slow machine's hiccup; locally a failure should show at once.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
