/** The snapshot: built once per sync, published in parts, read one version per request. */
export { buildSnapshot, snapshotFrom, TRIAGE_ACTIVE_DAYS, type BuildInput } from './build';
export { HISTORY_DAYS, readHistory, recordHistory } from './history';
export * from './model';
export { publishSnapshot } from './publish';
export { openSnapshot, readSnapshot, type SnapshotReader } from './reader';
