// Builds the consent widget (`npm run build`): dist/widget/custodian-consent.js, one classic script
// (IIFE) for the embed tag, and custodian-consent.mjs, an ES module exporting mount(). Styles are
// inside; zod is not: the JSON Schemas are computed here and inlined. Prints the gzip size.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { consentJsonSchemas } from '../shared/consent/json-schemas';
import { schemaModule } from './schema-code';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
/** CUSTODIAN_WIDGET_OUT builds elsewhere (a variant to compare with; the bench reads CUSTODIAN_WIDGET_DIR). */
const OUT_DIR = process.env.CUSTODIAN_WIDGET_OUT ?? path.join(ROOT, '..', 'dist', 'widget');
/** Issue 5's target: the embed file, everything included, at most 15 KiB gzip. */
const BUDGET_GZIP_BYTES = 15 * 1024;

/** Replaces shared/consent/json-schemas.ts (which runs zod) with its result, compacted (schema-code). */
const precomputedSchemas: Plugin = {
  name: 'precomputed-json-schemas',
  setup(b) {
    b.onLoad({ filter: /[\\/]shared[\\/]consent[\\/]json-schemas\.ts$/ }, () => ({
      contents: schemaModule('consentJsonSchemas', consentJsonSchemas),
      loader: 'js',
    }));
  },
};

const outputs = [
  { entry: 'embed.ts', file: 'custodian-consent.js', format: 'iife' },
  { entry: 'index.ts', file: 'custodian-consent.mjs', format: 'esm' },
] as const;

for (const { entry, file, format } of outputs) {
  const result = await build({
    entryPoints: [path.join(ROOT, entry)],
    outfile: path.join(OUT_DIR, file),
    bundle: true,
    format,
    minify: true,
    target: 'es2020',
    // \u escapes for non-ASCII text: smaller once gzipped than UTF-8 here, and independent of
    // the charset the host page serves the file with.
    charset: 'ascii',
    legalComments: 'none',
    sourcemap: true,
    // verbatimModuleSyntax off: drop imports that only bring types even when written
    // `import { type X }` (as shared/consent/consent-mode.ts does); kept, one would load zod.
    tsconfigRaw: {
      compilerOptions: {
        verbatimModuleSyntax: false,
        // Class fields as plain assignments, not defineProperty calls through a helper.
        useDefineForClassFields: false,
        // Classic transform (h calls, see jsx-factory.ts): 240 B less gzip than the automatic one.
        jsx: 'react',
        jsxFactory: 'h',
        jsxFragmentFactory: 'Fragment',
      },
    },
    inject: [path.join(ROOT, 'jsx-factory.ts')],
    plugins: [precomputedSchemas],
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const zod = inputs.find((name) => name.includes('node_modules/zod'));
  if (zod)
    throw new Error(
      `${file} pulls in zod (${zod}): import shared/consent files directly, never the barrel.`,
    );
  const code = readFileSync(path.join(OUT_DIR, file));
  const gzip = gzipSync(code, { level: 9 }).length;
  console.log(
    `widget: ${path.relative(process.cwd(), path.join(OUT_DIR, file))} ${code.length} B, ${(gzip / 1024).toFixed(2)} KiB gzip` +
      (format === 'iife' ? ` (budget ${BUDGET_GZIP_BYTES / 1024} KiB)` : ''),
  );
  if (format === 'iife' && gzip > BUDGET_GZIP_BYTES) {
    // Loud, not fatal: `npm start` and the end-to-end tests need the file even when it is heavy;
    // the benchmark (npm run bench) holds the target.
    console.warn(
      `widget: OVER BUDGET by ${gzip - BUDGET_GZIP_BYTES} B gzip: see what grew with esbuild's metafile (analyze).`,
    );
  }
}
