// The integrity page (R17): the service and its routes.
export { integrityRoutes } from './routes';
export {
  EXPORT_FILE_NAME,
  exportLedger,
  integrityReport,
  runVerify,
  type IntegrityDeps,
} from './service';
