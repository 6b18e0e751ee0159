// `GET /openapi.json`: the service's OpenAPI 3.1 description, generated from the same zod
// schemas the routes validate with, so the document cannot drift from what the server accepts.
import { z } from 'zod';
import {
  CheckpointResponseSchema,
  ConsistencyProofSchema,
  ConsistencyQuerySchema,
  EventBatchResultSchema,
  EventBatchSchema,
  ExportQuerySchema,
  InclusionProofSchema,
  InclusionQuerySchema,
  StaffEventSchema,
  VerifyReportSchema,
} from '../../shared/schema';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' });

const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: json(ErrorSchema) } },
});

const ok = (schema: z.ZodType, description = 'OK') => ({
  description,
  content: { 'application/json': { schema: json(schema) } },
});

/** Query parameters of a GET route, from its zod object schema. */
function queryParameters(schema: z.ZodObject): object[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: json(field as z.ZodType, 'input'),
  }));
}

/**
 * The OpenAPI document for `version`.
 *
 * @example
 *   openApiDocument('0.1.0').paths['/v1/events'].post.requestBody;
 */
export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Custodian audit and consent service',
      version,
      description:
        'Staff events from the extension go into an append-only ledger (RFC 6962 Merkle tree, ' +
        'signed C2SP checkpoints). Every input is validated; bad input is a 400 naming the field.',
    },
    components: {
      securitySchemes: { deviceToken: { type: 'http', scheme: 'bearer' } },
      schemas: { StaffEvent: json(StaffEventSchema) },
    },
    paths: {
      '/healthz': {
        get: {
          summary: 'Liveness and version',
          responses: { 200: ok(z.object({ ok: z.literal(true), version: z.string() })) },
        },
      },
      '/v1/events': {
        post: {
          summary: 'A device sends a batch of staff events; each is stored once, by event id',
          security: [{ deviceToken: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  ...json(EventBatchSchema, 'input'),
                  properties: {
                    events: {
                      type: 'array',
                      minItems: 1,
                      maxItems: 500,
                      items: { $ref: '#/components/schemas/StaffEvent' },
                    },
                  },
                },
              },
            },
          },
          responses: {
            200: ok(EventBatchResultSchema, 'Per-event acknowledgements, rejections and gaps'),
            400: error('The body is not {"events": [...]} with 1 to 500 events'),
            401: error('No device token, or an unknown or revoked one; nothing stored'),
            413: error('The body is over 1 MiB'),
          },
        },
      },
      '/v1/ledger/checkpoint': {
        get: {
          summary: 'The latest signed checkpoint',
          responses: { 200: ok(CheckpointResponseSchema) },
        },
      },
      '/v1/ledger/proof/inclusion': {
        get: {
          summary: 'RFC 9162 inclusion proof of entry `index` in the tree of `size`',
          parameters: queryParameters(InclusionQuerySchema),
          responses: { 200: ok(InclusionProofSchema), 400: error('A bad or out-of-range number') },
        },
      },
      '/v1/ledger/proof/consistency': {
        get: {
          summary: 'RFC 9162 consistency proof between two tree sizes',
          parameters: queryParameters(ConsistencyQuerySchema),
          responses: {
            200: ok(ConsistencyProofSchema),
            400: error('A bad or out-of-range number'),
          },
        },
      },
      '/v1/ledger/verify': {
        get: {
          summary: 'Recompute every leaf, the tree and every checkpoint',
          responses: { 200: ok(VerifyReportSchema) },
        },
      },
      '/v1/ledger/export': {
        get: {
          summary: 'JSON lines: header, prefix, entries, checkpoints, end',
          parameters: queryParameters(ExportQuerySchema),
          responses: {
            200: { description: 'application/x-ndjson, one ExportLine per line' },
            400: error('A bad or out-of-range number'),
          },
        },
      },
    },
  };
}
