// The browser's recent views and reveals, for the behaviour rules run locally (issue 6, R16).
export { ACTIVITY_KEY, createActivityLog, prune, type ActivityLog } from './history';
