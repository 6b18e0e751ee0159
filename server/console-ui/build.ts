// Builds the review console (`npm run build`): dist/console/index.html (the shell the server sends
// for every /admin page), console.js (Preact app, ES module) and console.css. No inline script or
// style anywhere, so the server's CSP can be `script-src 'self'; style-src 'self'`. Prints sizes.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const OUT_DIR = path.join(ROOT, '..', '..', 'dist', 'console');

/**
 * zod's `z` namespace re-exports every locale (`z.locales`, ~260 KB minified) though the console
 * uses only the English messages zod installs by default; this leaves the others out.
 */
const englishOnlyZod: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`)
        ? {
            path: path.join(path.dirname(args.importer), '..', 'locales', 'index.js'),
            namespace: 'zod-locales',
          }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

mkdirSync(OUT_DIR, { recursive: true });
await build({
  entryPoints: { console: path.join(ROOT, 'main.tsx') },
  outdir: OUT_DIR,
  bundle: true,
  format: 'esm',
  minify: true,
  // Reviewers' browsers: current Chrome, Edge, Firefox (the console is not for customers).
  target: 'es2022',
  legalComments: 'none',
  sourcemap: true,
  tsconfigRaw: {
    compilerOptions: {
      // Drop imports that only bring types (`import { type X }`) instead of keeping them.
      verbatimModuleSyntax: false,
      jsx: 'react-jsx',
      jsxImportSource: 'preact',
    },
  },
  plugins: [englishOnlyZod],
  logLevel: 'warning',
});
copyFileSync(path.join(ROOT, 'index.html'), path.join(OUT_DIR, 'index.html'));

for (const file of ['console.js', 'console.css']) {
  const bytes = readFileSync(path.join(OUT_DIR, file));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  console.log(
    `console: dist/console/${file} ${bytes.length} B, ${(gzip / 1024).toFixed(2)} KiB gzip`,
  );
}
