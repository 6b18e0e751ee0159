// Zod schemas: the single source of truth for every message, record and HTTP body.
export * from './pii';
export * from './messages';
export * from './policy';
export * from './events';
export * from './ingest';
export * from './popup';
export * from './ledger';
export * from './consent';
export * from './rules';
export * from './staff';
export * from './review';
export * from './console-records';
