// The zod schemas whose JSON Schemas the extension's content script checks data against (it
// cannot afford zod at document_start), and how those JSON Schemas (and the fail-closed policy,
// which zod computes) are written out. The output is content-schemas.ts;
// content-schemas.test.ts proves it is current and that its checks agree with zod.
import { z } from 'zod';
import type { JsonSchema } from '../../consent/json-check';
import { BackgroundToContentSchema, RevealAnswerSchema } from '../messages';
import { FAIL_CLOSED_POLICY, PolicyStateSchema } from '../policy';

/** Each JSON Schema's zod original, by the name content-schemas.ts exports it under. */
export const contentZodSchemas = {
  /** What the background publishes under `effectivePolicy` (always a parsed, complete state). */
  policyState: PolicyStateSchema,
  backgroundToContent: BackgroundToContentSchema,
  revealAnswer: RevealAnswerSchema,
} as const;
export type ContentSchemaName = keyof typeof contentZodSchemas;

/**
 * The JSON Schema of `schema`'s output, the form the data has once a zod parse wrote it (stored
 * state) or when our own code sent it (messages).
 *
 * @example
 *   toContentJsonSchema(RevealAnswerSchema).oneOf?.length; // 3
 */
export const toContentJsonSchema = (schema: z.ZodType): JsonSchema =>
  // 'ref': a schema used twice (page patterns, PII types) is written once, under $defs.
  z.toJSONSchema(schema, { reused: 'ref', unrepresentable: 'throw' }) as JsonSchema;

/**
 * The source text of content-schemas.ts, for `npx tsx test/tools/print-content-schemas.ts`.
 *
 * @example
 *   contentSchemasModule().startsWith('// Generated'); // true
 */
export function contentSchemasModule(): string {
  const lines = [
    '// Generated from the zod schemas in sources.ts by `npx tsx test/tools/print-content-schemas.ts >',
    '// shared/schema/json/content-schemas.ts && npx prettier --write shared/schema/json`: do not',
    '// edit. content-schemas.test.ts fails when a zod schema changed and this file did not.',
    "import type { JsonSchema } from '../../consent/json-check';",
    "import type { StaffPolicy } from '../policy';",
  ];
  for (const [name, schema] of Object.entries(contentZodSchemas)) {
    lines.push(
      '',
      `export const ${name}JsonSchema: JsonSchema = ${JSON.stringify(toContentJsonSchema(schema))};`,
    );
  }
  lines.push(
    '',
    '/** FAIL_CLOSED_POLICY of ../policy.ts, which zod computes: every page protected, nothing revealed. */',
    `export const failClosedPolicy: StaffPolicy = ${JSON.stringify(FAIL_CLOSED_POLICY)};`,
  );
  return `${lines.join('\n')}\n`;
}
