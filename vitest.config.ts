// Unit tests: pure code is tested beside itself (foo.test.ts); browser tests live in test/e2e (Playwright).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,server,extension,widget,test}/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    setupFiles: ['test/fast-check-seed.ts'],
  },
});
