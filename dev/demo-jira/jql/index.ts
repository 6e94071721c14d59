/** The demo site's JQL: tokenizer, parser, Jira-shaped structure, and a compiler to matchers. */
export type { JqlQuery, Clause, TermClause, Operand, SortKey, JqlOperator } from './ast';
export { parseJql } from './parser';
export { compileJql, type CompiledJql, type JqlSite, type SortField, type SortOrder } from './compile';
export { toJqlStructure, type JqlStructure } from './structure';
export { JqlSyntaxError, JqlValidationError } from './errors';
export { parseJqlDate } from './dates';
