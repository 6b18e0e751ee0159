// Lint rules, including the import direction between the project's parts (see STYLE.md, "Layout").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'stream', 'http', 'https', 'child_process'];
const pureMessage = 'shared/ is pure TypeScript: no Node APIs. Pass data in from the edge.';

/** Forbid importing the listed top-level parts, however deep the relative path. */
const forbidParts = (parts, why) =>
  parts.map((part) => ({
    group: [`**/${part}`, `**/${part}/**`, `~~/${part}/**`, `@@/${part}/**`],
    message: `${why} Move what both sides need into shared/.`,
  }));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.output/',
      '.wxt/',
      'dist/',
      'data/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // tsconfig's noUncheckedIndexedAccess makes every a[i] possibly undefined; in loops whose
      // bounds prove the index, `a[i]!` says so without a runtime check on the hot path.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidParts(
              ['extension', 'widget', 'server', 'test'],
              'shared/ is the bottom layer and imports nothing of ours.',
            ),
            { group: ['node:*'], message: pureMessage },
          ],
          // exact names, so that a file of ours called ./stream is not mistaken for Node's
          paths: nodeBuiltins.map((name) => ({ name, message: pureMessage })),
        },
      ],
    },
  },
  {
    files: ['extension/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidParts(
            ['widget', 'server', 'test'],
            'extension/ imports shared/ only, never widget/ or server/.',
          ),
        },
      ],
    },
  },
  ...[
    // A single-file entrypoint (background.ts, content.ts): its siblings are other entrypoints.
    { files: ['extension/entrypoints/*.ts'], siblings: { group: ['./*'] } },
    // A folder entrypoint (options/, popup/) may import its own files, not another entrypoint's.
    // `../x` is a sibling entrypoint; `../../lib/x` is not (a glob cannot tell them apart).
    { files: ['extension/entrypoints/*/**'], siblings: { regex: '^\\.\\./(?!\\.\\./)' } },
  ].map(({ files, siblings }) => ({
    // The content script and the background run in different worlds; what both need is in lib/.
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidParts(
              ['widget', 'server', 'test'],
              'extension/ imports shared/ only, never widget/ or server/.',
            ),
            ...[siblings, { group: ['../entrypoints/**', '**/entrypoints/**'] }].map((pattern) => ({
              ...pattern,
              message:
                'An entrypoint never imports another (content script and background run apart): put what both need in extension/lib/.',
            })),
          ],
        },
      ],
    },
  })),
  {
    files: ['widget/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidParts(
            ['extension', 'server', 'test'],
            'widget/ imports shared/ only, never extension/ or server/.',
          ),
        },
      ],
    },
  },
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidParts(
            ['extension', 'widget', 'test'],
            'server/ imports shared/ only, never extension/ or widget/.',
          ),
        },
      ],
    },
  },
);
