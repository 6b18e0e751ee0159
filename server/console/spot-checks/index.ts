// Quarterly spot checks of high-risk roles (R18): the service and its routes.
export { spotCheckRoutes } from './routes';
export {
  addFinding,
  drawSpotCheck,
  signSpotCheck,
  spotCheckDetail,
  spotCheckPopulation,
  type GrantHolders,
  type SpotCheckDeps,
} from './service';
export { daysAsInstants, startOfDay } from './zoned-days';
