/** Personal data: reporting the account ids the app keeps, erasing closed accounts, audit retention. */
export { APP_ACTOR, CLOSED_ACCOUNT, type ReportedAccount } from './accounts';
export {
  AUDIT_RETENTION_DAYS,
  REPORT_BATCH,
  runPrivacyJob,
  type AccountUpdate,
  type PrivacyDeps,
  type PrivacyRun,
} from './service';
