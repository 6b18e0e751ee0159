// `GET /openapi.json`: the service's OpenAPI 3.1 description, generated from the same zod
// schemas the routes validate with, so the document cannot drift from what the server accepts.
import { z } from 'zod';
import {
  CheckpointResponseSchema,
  ConsistencyProofSchema,
  ConsistencyQuerySchema,
  DataRequestBodySchema,
  DataRequestSchema,
  DecisionRequestSchema,
  DecisionResponseSchema,
  EventBatchResultSchema,
  EventBatchSchema,
  ExportQuerySchema,
  InclusionProofSchema,
  InclusionQuerySchema,
  PolicyResponseSchema,
  SiteIdSchema,
  StaffEventSchema,
  SubjectStateSchema,
  VerificationConfirmedSchema,
  VerificationConfirmSchema,
  VerificationStartedSchema,
  VerificationStartSchema,
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

/** A JSON request body. */
const body = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: json(schema, 'input') } },
});

/** A path parameter (`{name}` in the path). */
const pathParameter = (name: string, schema: z.ZodType, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: json(schema, 'input'),
});

const site = pathParameter('site', SiteIdSchema, "The policy's site id, e.g. shop");
const subjectId = pathParameter('subjectId', z.string(), 'The subject id, sub_…');
const subjectAuth = [{ subjectToken: [] }];
const tooLarge = error('The body is over 64 KiB');

/** The consent routes (consent-routes.ts). */
const consentPaths = {
  '/v1/consent/sites/{site}/policy': {
    get: {
      summary: "The site's current policy (or ?version=N) with the hash of each language's text",
      parameters: [
        site,
        { name: 'version', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
      ],
      responses: {
        200: ok(PolicyResponseSchema),
        404: error('No policy published for this site, or no such version'),
      },
    },
  },
  '/v1/consent/sites/{site}/decisions': {
    post: {
      summary:
        'Record a decision and get its signed receipt; without a token a new subject is created',
      parameters: [site],
      security: [{}, ...subjectAuth],
      requestBody: body(DecisionRequestSchema),
      responses: {
        201: ok(DecisionResponseSchema, 'Recorded; `subject` only when this call created it'),
        200: ok(DecisionResponseSchema, 'A resend of a recorded decisionId: the same receipt'),
        400: error(
          'Bad body, unknown version, textHash mismatch, bad choices, or verification-required',
        ),
        401: error('The subject token is unknown on this site'),
        404: error('No policy published for this site'),
        409: error('The decisionId is recorded for another subject or with other content'),
        413: tooLarge,
      },
    },
  },
  '/v1/consent/sites/{site}/subjects/{subjectId}': {
    get: {
      summary: "The subject's receipts (oldest first) and data requests",
      parameters: [site, subjectId],
      security: subjectAuth,
      responses: {
        200: ok(SubjectStateSchema),
        401: error('No token, or an unknown one'),
        403: error('A token of another subject'),
      },
    },
  },
  '/v1/consent/sites/{site}/subjects/{subjectId}/requests': {
    post: {
      summary: 'Ask for deletion or a copy; due in 15 days, tracked in the ledger',
      parameters: [site, subjectId],
      security: subjectAuth,
      requestBody: body(DataRequestBodySchema),
      responses: {
        201: ok(DataRequestSchema),
        400: error('The body is not {"kind": "deletion" | "copy"}'),
        401: error('No token, or an unknown one'),
        403: error('A token of another subject'),
        413: tooLarge,
      },
    },
  },
  '/v1/consent/sites/{site}/verifications': {
    post: {
      summary: 'Send a 6-digit code to an address (at most 5 per address per hour)',
      parameters: [site],
      requestBody: body(VerificationStartSchema),
      responses: {
        201: ok(VerificationStartedSchema),
        400: error('Bad address for the channel, or a channel the policy does not offer'),
        404: error('No policy published for this site'),
        413: tooLarge,
        429: error('Too many codes to this address in the last hour (see Retry-After)'),
        502: error('The code gateway failed; try again'),
      },
    },
  },
  '/v1/consent/sites/{site}/verifications/{id}/confirm': {
    post: {
      summary: 'Check the code; the answer holds a single-use verification token (30 minutes)',
      parameters: [site, pathParameter('id', z.string(), 'The verificationId')],
      requestBody: body(VerificationConfirmSchema),
      responses: {
        200: ok(VerificationConfirmedSchema),
        400: error('Wrong code (the answer says how many tries are left)'),
        404: error('No such verification on this site'),
        409: error('The code was already used'),
        410: error('The code has expired'),
        429: error('Locked after 5 wrong codes'),
      },
    },
  },
  '/widget/custodian-consent.js': {
    get: {
      summary: 'The consent widget as a classic script',
      responses: {
        200: { description: 'text/javascript' },
        404: error('Not built: run npm run build'),
      },
    },
  },
  '/widget/custodian-consent.mjs': {
    get: {
      summary: 'The consent widget as an ES module',
      responses: {
        200: { description: 'text/javascript' },
        404: error('Not built: run npm run build'),
      },
    },
  },
};

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
        'signed C2SP checkpoints); consent decisions get receipts signed by the same key and are ' +
        'logged there too. Every input is validated; bad input is a 400 naming the field.',
    },
    components: {
      securitySchemes: {
        deviceToken: { type: 'http', scheme: 'bearer' },
        subjectToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'cst_…, from the first decision',
        },
      },
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
      ...consentPaths,
    },
  };
}
