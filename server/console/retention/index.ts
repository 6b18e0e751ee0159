// The retention schedule (R10): the service and its routes.
export { retentionRoutes } from './routes';
export { destroyDue, LEDGER_RETENTION, retentionReport, type RetentionDeps } from './service';
