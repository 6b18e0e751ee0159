// The consent pages of the review console (R6): statistics and the data-request queue.
export { consentStatsRoutes } from './routes';
export { changeRequestStatus, consentStats, requestQueue, type ConsentStatsDeps } from './service';
