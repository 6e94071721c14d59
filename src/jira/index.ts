/**
 * The Jira Cloud REST client: the transport port and its HTTP adapter (the Forge adapter is in src/forge),
 * retries and validation, paging helpers, field discovery and normalization into domain WorkItems.
 */
export * from './transport';
export * from './errors';
export * from './client';
export * from './api';
export * from './normalize';
export type { JiraIssue, JiraChangeHistory, JiraField } from './schemas';
export * from './confluence';
