// Generated from the zod schemas in sources.ts by `npx tsx test/tools/print-content-schemas.ts >
// shared/schema/json/content-schemas.ts && npx prettier --write shared/schema/json`: do not
// edit. content-schemas.test.ts fails when a zod schema changed and this file did not.
import type { JsonSchema } from '../../consent/json-check';
import type { StaffPolicy } from '../policy';

export const policyStateJsonSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    policy: {
      type: 'object',
      properties: {
        version: { type: 'string', minLength: 1, maxLength: 64 },
        protect: { minItems: 1, type: 'array', items: { $ref: '#/$defs/__schema0' } },
        exclude: { default: [], type: 'array', items: { $ref: '#/$defs/__schema0' } },
        sites: {
          default: [],
          type: 'array',
          items: {
            type: 'object',
            properties: {
              match: { minItems: 1, type: 'array', items: { $ref: '#/$defs/__schema0' } },
              selectors: {
                default: [],
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    selector: { type: 'string', minLength: 1 },
                    type: { $ref: '#/$defs/__schema1' },
                  },
                  required: ['selector', 'type'],
                  additionalProperties: false,
                },
              },
              watermark: { default: false, type: 'boolean' },
            },
            required: ['match', 'selectors', 'watermark'],
            additionalProperties: false,
          },
        },
        roles: {
          default: {},
          type: 'object',
          propertyNames: { $ref: '#/$defs/__schema2' },
          additionalProperties: {
            type: 'object',
            properties: {
              reveal: {
                default: {},
                type: 'object',
                propertyNames: { $ref: '#/$defs/__schema1' },
                additionalProperties: {
                  type: 'object',
                  properties: {
                    reasonRequired: { default: false, type: 'boolean' },
                    access: { default: 'full', type: 'string', enum: ['partial', 'full'] },
                    sites: { minItems: 1, type: 'array', items: { $ref: '#/$defs/__schema0' } },
                    offline: { default: false, type: 'boolean' },
                  },
                  required: ['reasonRequired', 'access', 'offline'],
                  additionalProperties: false,
                },
              },
              mayPause: { default: false, type: 'boolean' },
            },
            required: ['reveal', 'mayPause'],
            additionalProperties: false,
          },
        },
        revealSeconds: { default: 30, type: 'integer', minimum: 1, maximum: 600 },
        rules: {
          type: 'object',
          properties: {
            timeZone: { type: 'string' },
            dailyLimit: {
              type: 'object',
              properties: {
                max: { default: 50, type: 'integer', minimum: 1, maximum: 9007199254740991 },
                window: { default: 'calendar-day', type: 'string', const: 'calendar-day' },
              },
              required: ['max', 'window'],
              additionalProperties: false,
            },
            workingHours: {
              type: 'object',
              properties: {
                week: { $ref: '#/$defs/__schema3' },
                holidays: { $ref: '#/$defs/__schema6' },
                extraWorkingDays: { $ref: '#/$defs/__schema8' },
                extraWorkingDayHours: { $ref: '#/$defs/__schema9' },
              },
              required: ['week', 'holidays', 'extraWorkingDays', 'extraWorkingDayHours'],
              additionalProperties: false,
            },
            bulkReveals: {
              type: 'object',
              properties: {
                max: { default: 10, type: 'integer', minimum: 1, maximum: 9007199254740991 },
                seconds: { default: 60, type: 'integer', minimum: 1, maximum: 3600 },
              },
              required: ['max', 'seconds'],
              additionalProperties: false,
            },
          },
          required: ['timeZone', 'dailyLimit', 'workingHours', 'bulkReveals'],
          additionalProperties: false,
        },
      },
      required: ['version', 'protect', 'exclude', 'sites', 'roles', 'revealSeconds', 'rules'],
      additionalProperties: false,
    },
    source: { type: 'string', enum: ['managed', 'server', 'options', 'fail-closed'] },
    identity: {
      anyOf: [
        {
          type: 'object',
          properties: {
            staffId: { $ref: '#/$defs/__schema10' },
            role: { $ref: '#/$defs/__schema2' },
          },
          required: ['staffId', 'role'],
          additionalProperties: false,
        },
        { type: 'null' },
      ],
    },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' } },
        required: ['path', 'message'],
        additionalProperties: false,
      },
    },
    identityManaged: { type: 'boolean' },
    staff: {
      type: 'object',
      properties: {
        staffId: { $ref: '#/$defs/__schema10' },
        name: { type: 'string' },
        roles: { type: 'array', items: { $ref: '#/$defs/__schema2' } },
      },
      required: ['staffId', 'name', 'roles'],
      additionalProperties: false,
    },
  },
  required: ['policy', 'source', 'identity', 'problems', 'identityManaged'],
  additionalProperties: false,
  $defs: {
    __schema0: {
      type: 'string',
      pattern: '^(<all_urls>|(\\*|https?):\\/\\/(\\*|(\\*\\.)?[^/*:]+)(:\\d{1,5})?\\/.*)$',
    },
    __schema1: {
      type: 'string',
      enum: ['cn_id', 'phone', 'bank_card', 'email', 'uscc', 'passport', 'name', 'address'],
    },
    __schema2: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,39}$' },
    __schema3: {
      type: 'object',
      properties: {
        mon: {
          default: { start: '09:00', end: '18:00' },
          anyOf: [{ $ref: '#/$defs/__schema4' }, { type: 'null' }],
        },
        tue: {
          default: { start: '09:00', end: '18:00' },
          anyOf: [{ $ref: '#/$defs/__schema4' }, { type: 'null' }],
        },
        wed: {
          default: { start: '09:00', end: '18:00' },
          anyOf: [{ $ref: '#/$defs/__schema4' }, { type: 'null' }],
        },
        thu: {
          default: { start: '09:00', end: '18:00' },
          anyOf: [{ $ref: '#/$defs/__schema4' }, { type: 'null' }],
        },
        fri: {
          default: { start: '09:00', end: '18:00' },
          anyOf: [{ $ref: '#/$defs/__schema4' }, { type: 'null' }],
        },
        sat: { default: null, anyOf: [{ $ref: '#/$defs/__schema4' }, { type: 'null' }] },
        sun: { default: null, anyOf: [{ $ref: '#/$defs/__schema4' }, { type: 'null' }] },
      },
      required: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      additionalProperties: false,
    },
    __schema4: {
      type: 'object',
      properties: { start: { $ref: '#/$defs/__schema5' }, end: { $ref: '#/$defs/__schema5' } },
      required: ['start', 'end'],
      additionalProperties: false,
    },
    __schema5: { type: 'string', pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$' },
    __schema6: { default: [], type: 'array', items: { $ref: '#/$defs/__schema7' } },
    __schema7: {
      type: 'string',
      format: 'date',
      pattern:
        '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))$',
    },
    __schema8: { default: [], type: 'array', items: { $ref: '#/$defs/__schema7' } },
    __schema9: { default: { start: '09:00', end: '18:00' }, $ref: '#/$defs/__schema4' },
    __schema10: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
  },
};

export const backgroundToContentJsonSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  oneOf: [
    {
      type: 'object',
      properties: { type: { type: 'string', const: 'recount' } },
      required: ['type'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { type: { type: 'string', const: 'set-paused' }, paused: { type: 'boolean' } },
      required: ['type', 'paused'],
      additionalProperties: false,
    },
  ],
};

export const revealAnswerJsonSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  oneOf: [
    {
      type: 'object',
      properties: {
        status: { type: 'string', const: 'allowed' },
        seconds: { type: 'integer', exclusiveMinimum: 0, maximum: 9007199254740991 },
        access: { type: 'string', enum: ['partial', 'full'] },
      },
      required: ['status', 'seconds', 'access'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { status: { type: 'string', const: 'reason-required' } },
      required: ['status'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { status: { type: 'string', const: 'refused' }, why: { type: 'string' } },
      required: ['status', 'why'],
      additionalProperties: false,
    },
  ],
};

/** FAIL_CLOSED_POLICY of ../policy.ts, which zod computes: every page protected, nothing revealed. */
export const failClosedPolicy: StaffPolicy = {
  version: 'none (fail closed)',
  protect: ['<all_urls>'],
  exclude: [],
  sites: [],
  roles: {},
  revealSeconds: 30,
  rules: {
    timeZone: 'Asia/Shanghai',
    dailyLimit: { max: 50, window: 'calendar-day' },
    workingHours: {
      week: {
        mon: { start: '09:00', end: '18:00' },
        tue: { start: '09:00', end: '18:00' },
        wed: { start: '09:00', end: '18:00' },
        thu: { start: '09:00', end: '18:00' },
        fri: { start: '09:00', end: '18:00' },
        sat: null,
        sun: null,
      },
      holidays: [],
      extraWorkingDays: [],
      extraWorkingDayHours: { start: '09:00', end: '18:00' },
    },
    bulkReveals: { max: 10, seconds: 60 },
  },
};
