// Access governance in the background (issue 6; R12, R13, R14, R16): enrollment, unlock, the
// staff status and the signed policy, and what reveals and the popup need from them.
export {
  createGovernance,
  POLICY_ALARM,
  STATUS_ALARM,
  type AlarmsApi,
  type GovernanceDeps,
  type GovernanceMessage,
  type GovernanceService,
} from './service';
export { governanceView, pauseBlockedBy } from './view';
