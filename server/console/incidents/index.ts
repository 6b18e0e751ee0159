// The incident register (R21): the service and its routes.
export { incidentRoutes } from './routes';
export {
  addIncidentStep,
  incidentOf,
  incidentView,
  openIncident,
  type IncidentDeps,
} from './service';
