// `GET /openapi.json`: the service's OpenAPI 3.1 description, generated from the same zod
// schemas the routes validate with, so the document cannot drift from what the server accepts.
import { z } from 'zod';
import {
  ChangeGrantBodySchema,
  CheckpointResponseSchema,
  CreateGrantBodySchema,
  CreateStaffBodySchema,
  CreateStaffResponseSchema,
  EnrollBodySchema,
  EnrollmentIssuedSchema,
  EnrollResponseSchema,
  GrantSchema,
  ReviewCaseSchema,
  ReviewDecisionBodySchema,
  ReviewStatusSchema,
  RevealAuthorizeBodySchema,
  RevealVerdictSchema,
  RevokeGrantBodySchema,
  SignedPolicySchema,
  StaffIdSchema,
  StaffMemberSchema,
  StaffPolicySchema,
  StaffStatusSchema,
  TotpBodySchema,
  UnlockResponseSchema,
  UuidSchema,
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

const deviceAuth = [{ deviceToken: [] }];
const operatorAuth = [{ operatorToken: [] }];
const noDevice = error('No device token, or an unknown or revoked one');
const notEnrolled = error('not-enrolled: a device token bound to no staff member (npm run device)');
const noOperator = error('No operator token, or an unknown one');
const wrongRole = (roles: string) => error(`forbidden: this needs ${roles}`);
const governanceTooLarge = error('The body is over 256 KiB');
const staffIdParameter = pathParameter('staffId', StaffIdSchema, 'The staff number, e.g. CS-0420');
const grantIdParameter = pathParameter('grantId', UuidSchema, 'The grantId');
const caseIdParameter = pathParameter('caseId', UuidSchema, 'The caseId');

/** The staff device routes (staff-routes.ts). */
const staffPaths = {
  '/v1/enroll': {
    post: {
      summary:
        'Exchange a one-time enrollment code for a device token bound to the staff member, the service key and a new TOTP secret',
      requestBody: body(EnrollBodySchema),
      responses: {
        201: ok(EnrollResponseSchema),
        400: error('The body is not {code, deviceLabel}'),
        401: error('enrollment-invalid: unknown, used, replaced or expired code'),
        413: governanceTooLarge,
      },
    },
  },
  '/v1/staff/totp/confirm': {
    post: {
      summary: "Register the authenticator: confirm one code of this device's TOTP secret",
      security: deviceAuth,
      requestBody: body(TotpBodySchema),
      responses: {
        200: ok(z.object({ totpActive: z.literal(true) })),
        400: error('totp-wrong, or a body that is not {code}'),
        401: noDevice,
        403: notEnrolled,
        409: error('totp-active: an authenticator is registered already; or totp-not-pending'),
      },
    },
  },
  '/v1/staff/unlock': {
    post: {
      summary: 'Unlock reveals on this device until the next local midnight with a TOTP code',
      security: deviceAuth,
      requestBody: body(TotpBodySchema),
      responses: {
        200: ok(UnlockResponseSchema),
        400: error('totp-wrong or totp-replayed'),
        401: noDevice,
        403: notEnrolled,
        409: error('totp-not-registered: confirm an authenticator first'),
        429: error('totp-locked: 5 wrong codes within 15 minutes (see Retry-After)'),
      },
    },
  },
  '/v1/staff/status': {
    get: {
      summary:
        'What the staff member may do now: grants in force, unlock, open case, approvals, policy version',
      security: deviceAuth,
      responses: { 200: ok(StaffStatusSchema), 401: noDevice, 403: notEnrolled },
    },
  },
  '/v1/staff/policy': {
    get: {
      summary: 'The staff policy as a signed note (custodian-staff-policy/1)',
      security: deviceAuth,
      responses: {
        200: ok(SignedPolicySchema),
        401: noDevice,
        403: notEnrolled,
        404: error('no-policy: none published yet'),
      },
    },
  },
  '/v1/staff/reveals': {
    post: {
      summary:
        'May this reveal happen? Refusals are answers; the same requestId gets the same verdict, counted once',
      security: deviceAuth,
      requestBody: body(RevealAuthorizeBodySchema),
      responses: {
        200: ok(RevealVerdictSchema),
        400: error('The body is not a reveal request'),
        401: noDevice,
        403: notEnrolled,
        413: governanceTooLarge,
      },
    },
  },
};

const GrantList = z.object({ staff: StaffMemberSchema, grants: z.array(GrantSchema) });

/** The admin routes (admin-routes.ts). */
const adminPaths = {
  '/v1/admin/staff': {
    post: {
      summary: 'Create a staff member and their first enrollment code (admin)',
      security: operatorAuth,
      requestBody: body(CreateStaffBodySchema),
      responses: {
        201: ok(CreateStaffResponseSchema),
        400: error('The body is not {staffId, name}'),
        401: noOperator,
        403: wrongRole('an admin'),
        409: error('staff-exists'),
      },
    },
    get: {
      summary: 'Every staff member',
      security: operatorAuth,
      responses: { 200: ok(z.object({ staff: z.array(StaffMemberSchema) })), 401: noOperator },
    },
  },
  '/v1/admin/staff/{staffId}': {
    get: {
      summary: 'A staff member and every grant they had, newest first',
      security: operatorAuth,
      parameters: [staffIdParameter],
      responses: { 200: ok(GrantList), 401: noOperator, 404: error('unknown-staff') },
    },
  },
  '/v1/admin/staff/{staffId}/enrollment': {
    post: {
      summary: 'A new enrollment code; older unused ones stop working (admin)',
      security: operatorAuth,
      parameters: [staffIdParameter],
      responses: {
        201: ok(EnrollmentIssuedSchema),
        401: noOperator,
        403: wrongRole('an admin'),
        404: error('unknown-staff'),
      },
    },
  },
  '/v1/admin/staff/{staffId}/totp/reset': {
    post: {
      summary:
        "Withdraw a staff member's authenticator (lost phone); their next enrollment registers a new one (admin)",
      security: operatorAuth,
      parameters: [staffIdParameter],
      responses: {
        200: ok(z.object({ staffId: StaffIdSchema, wasActive: z.boolean() })),
        401: noOperator,
        403: wrongRole('an admin'),
        404: error('unknown-staff'),
      },
    },
  },
  '/v1/admin/staff/{staffId}/grants': {
    post: {
      summary: 'Grant a role of the published policy until a date (admin)',
      security: operatorAuth,
      parameters: [staffIdParameter],
      requestBody: body(CreateGrantBodySchema),
      responses: {
        201: ok(GrantSchema),
        400: error(
          'unknown-role (the message names the roles), bad-expiry (past, or over 366 days away), or a bad body',
        ),
        401: noOperator,
        403: wrongRole('an admin'),
        404: error('unknown-staff'),
      },
    },
  },
  '/v1/admin/grants/{grantId}/change': {
    post: {
      summary: "Move a grant's end date (admin)",
      security: operatorAuth,
      parameters: [grantIdParameter],
      requestBody: body(ChangeGrantBodySchema),
      responses: {
        200: ok(GrantSchema),
        400: error('bad-expiry, or a bad body'),
        401: noOperator,
        403: wrongRole('an admin'),
        404: error('unknown-grant'),
        409: error('grant-revoked'),
      },
    },
  },
  '/v1/admin/grants/{grantId}/revoke': {
    post: {
      summary: 'Withdraw a grant now (admin)',
      security: operatorAuth,
      parameters: [grantIdParameter],
      requestBody: body(RevokeGrantBodySchema),
      responses: {
        200: ok(GrantSchema),
        400: error('A bad body'),
        401: noOperator,
        403: wrongRole('an admin'),
        404: error('unknown-grant'),
        409: error('grant-revoked: revoked already'),
      },
    },
  },
  '/v1/admin/policy': {
    put: {
      summary: 'Publish the staff policy, signed with the service key (admin)',
      security: operatorAuth,
      requestBody: body(StaffPolicySchema),
      responses: {
        200: ok(SignedPolicySchema),
        400: error('bad-policy: every problem as path: message'),
        401: noOperator,
        403: wrongRole('an admin'),
        413: governanceTooLarge,
      },
    },
    get: {
      summary: 'The published staff policy as a signed note',
      security: operatorAuth,
      responses: {
        200: ok(SignedPolicySchema),
        401: noOperator,
        404: error('no-policy'),
      },
    },
  },
  '/v1/admin/reviews': {
    get: {
      summary: 'Review cases, newest first (at most 500)',
      security: operatorAuth,
      parameters: [
        {
          name: 'status',
          in: 'query',
          required: false,
          schema: json(ReviewStatusSchema, 'input'),
        },
      ],
      responses: {
        200: ok(z.object({ cases: z.array(ReviewCaseSchema) })),
        400: error('status is not open, approved or rejected'),
        401: noOperator,
      },
    },
  },
  '/v1/admin/reviews/{caseId}': {
    get: {
      summary: 'One review case',
      security: operatorAuth,
      parameters: [caseIdParameter],
      responses: {
        200: ok(z.object({ case: ReviewCaseSchema })),
        401: noOperator,
        404: error('unknown-case'),
      },
    },
  },
  '/v1/admin/reviews/{caseId}/decision': {
    post: {
      summary: 'Approve or reject an open case with a comment (reviewer or admin)',
      security: operatorAuth,
      parameters: [caseIdParameter],
      requestBody: body(ReviewDecisionBodySchema),
      responses: {
        200: ok(ReviewCaseSchema),
        400: error('A bad body'),
        401: noOperator,
        403: wrongRole('a reviewer or an admin'),
        404: error('unknown-case'),
        409: error('review-decided'),
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
        'logged there too, as is every access-governance change; the staff policy is signed by ' +
        'it as well. Every input is validated; bad input is a 400 naming the field.',
    },
    components: {
      securitySchemes: {
        deviceToken: { type: 'http', scheme: 'bearer' },
        subjectToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'cst_…, from the first decision',
        },
        operatorToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'cop_…, from npm run staff -- operator add NAME --role ROLE',
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
      ...staffPaths,
      ...adminPaths,
    },
  };
}
