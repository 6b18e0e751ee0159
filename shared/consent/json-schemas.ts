// The JSON Schemas the widget checks what crosses its boundary against, generated from the zod
// schemas (the single source of truth). The widget's build replaces this module with the computed
// JSON (widget/build.ts), so zod never reaches the browser.
import { z } from 'zod';
import {
  ConsentPolicySchema,
  DataRequestSchema,
  DecisionResponseSchema,
  PolicyResponseSchema,
  SubjectStateSchema,
  VerificationConfirmedSchema,
  VerificationStartedSchema,
  WidgetStoreSchema,
} from '../schema/consent';
import type { JsonSchema } from './json-check';

const toJson = (schema: z.ZodType): JsonSchema =>
  // 'ref': a schema used twice (receipts, localized texts) is written once, under $defs.
  z.toJSONSchema(schema, { reused: 'ref', unrepresentable: 'throw' }) as JsonSchema;

/** One JSON Schema per body the widget reads. */
export const consentJsonSchemas = {
  policy: toJson(ConsentPolicySchema),
  policyResponse: toJson(PolicyResponseSchema),
  decisionResponse: toJson(DecisionResponseSchema),
  subjectState: toJson(SubjectStateSchema),
  dataRequest: toJson(DataRequestSchema),
  verificationStarted: toJson(VerificationStartedSchema),
  verificationConfirmed: toJson(VerificationConfirmedSchema),
  widgetStore: toJson(WidgetStoreSchema),
};
export type ConsentJsonSchemaName = keyof typeof consentJsonSchemas;
