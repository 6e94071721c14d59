/**
 * Longer than 400 lines: one checker per family of JQL fields, all sharing the caller's view of the site.
 *
 * Checks a parsed query against the fields, values and functions the demo site knows, in the caller's
 * view of the site (a project the caller cannot browse "does not exist"), and turns it into a matcher
 * and a sort order. Problems are collected and thrown together, worded as Jira words them.
 */
import { STATUSES, ISSUE_TYPES, STATUS_CATEGORIES } from '../catalog';
import type { DemoIssue, DemoProject, StatusCategoryKey } from '../types';
import type { Clause, JqlOperator, JqlQuery, ListItem, Operand, TermClause } from './ast';
import { DATE_FORMAT_HINT, parseJqlDate, startOfDayFunction, utcDate } from './dates';
import { JqlValidationError } from './errors';
import { compileTextQuery } from './text';

/** What the query may see of the site: only what the caller may browse. */
export interface JqlSite {
  now: number;
  projects: readonly DemoProject[];
  /** An issue by key (any case) or numeric id, if the caller may browse it. */
  findIssue(ref: string): DemoIssue | undefined;
}

export type SortField = 'key' | 'id' | 'created' | 'updated' | 'resolved' | 'duedate';

export interface SortOrder {
  field: SortField;
  descending: boolean;
}

export interface CompiledJql {
  matches(issue: DemoIssue): boolean;
  sort: SortOrder[];
  /** Whether the query restricts the search at all (Jira refuses unbounded searches). */
  bounded: boolean;
  /**
   * A lower bound on `updated` that every match meets (from `updated >= x` or `updated > x` standing alone
   * or directly under the top-level AND), so a search can start from an index; null when there is none.
   */
  updatedFrom: number | null;
}

type FieldKind =
  | 'project'
  | 'issuekey'
  | 'issuetype'
  | 'status'
  | 'statusCategory'
  | 'parent'
  | 'labels'
  | 'created'
  | 'updated'
  | 'resolved'
  | 'duedate'
  | 'summary'
  | 'text'
  | 'description';

const FIELD_NAMES: Readonly<Record<string, FieldKind>> = {
  project: 'project',
  key: 'issuekey',
  issuekey: 'issuekey',
  id: 'issuekey',
  issue: 'issuekey',
  issuetype: 'issuetype',
  type: 'issuetype',
  status: 'status',
  statuscategory: 'statusCategory',
  parent: 'parent',
  labels: 'labels',
  created: 'created',
  createddate: 'created',
  updated: 'updated',
  updateddate: 'updated',
  resolved: 'resolved',
  resolutiondate: 'resolved',
  duedate: 'duedate',
  due: 'duedate',
  summary: 'summary',
  text: 'text',
  description: 'description',
};

const SORT_FIELDS: Readonly<Partial<Record<FieldKind, SortField>>> = {
  created: 'created',
  updated: 'updated',
  resolved: 'resolved',
  duedate: 'duedate',
};

const EQUALITY: readonly JqlOperator[] = ['=', '!=', 'in', 'not in', 'is', 'is not'];
const ORDERING: readonly JqlOperator[] = ['>', '>=', '<', '<='];
const OPERATORS: Readonly<Record<FieldKind, readonly JqlOperator[]>> = {
  project: EQUALITY,
  issuetype: EQUALITY,
  status: EQUALITY,
  statusCategory: EQUALITY,
  parent: EQUALITY,
  labels: EQUALITY,
  issuekey: ['=', '!=', 'in', 'not in', ...ORDERING],
  created: [...EQUALITY, ...ORDERING],
  updated: [...EQUALITY, ...ORDERING],
  resolved: [...EQUALITY, ...ORDERING],
  duedate: [...EQUALITY, ...ORDERING],
  summary: ['~', '!~', 'is', 'is not'],
  text: ['~'],
  description: ['~', '!~', 'is', 'is not'],
};

const DATE_KINDS = new Set<FieldKind>(['created', 'updated', 'resolved', 'duedate']);
/**
 * Text fields. `text` searches every text field, which here is only the summary; the demo issues have no
 * description, so `description` is known but empty on every issue.
 */
const TEXT_KINDS = new Set<FieldKind>(['summary', 'text', 'description']);
const KNOWN_FUNCTIONS = new Set(['now', 'startofday', 'standardissuetypes', 'subtaskissuetypes']);
const CATEGORY_BY_STATUS = new Map<string, StatusCategoryKey>(STATUSES.map((s) => [s.id, s.categoryKey]));

type Matcher = (issue: DemoIssue) => boolean;

/** A resolved operand: the canonical values it names and whether it includes EMPTY. */
interface ValueSet {
  values: Set<string>;
  numbers: Set<number>;
  empty: boolean;
}

export function compileJql(query: JqlQuery, site: JqlSite): CompiledJql {
  const compiler = new Compiler(site);
  const matches = query.where ? compiler.clause(query.where) : () => true;
  const sort: SortOrder[] = [];
  for (const key of query.orderBy) {
    const kind = FIELD_NAMES[key.field.toLowerCase()];
    const descending = key.direction === 'desc';
    if (!kind) {
      compiler.errors.push(`Field '${key.field}' does not exist or you do not have permission to view it.`);
    } else if (kind === 'issuekey') {
      sort.push({ field: key.field.toLowerCase() === 'id' ? 'id' : 'key', descending });
    } else {
      const field = SORT_FIELDS[kind];
      if (field) sort.push({ field, descending });
      else compiler.errors.push(`Field '${key.field}' does not support sorting.`);
    }
  }
  if (compiler.errors.length > 0) throw new JqlValidationError([...new Set(compiler.errors)]);
  const where = query.where;
  const conjuncts = where === null ? [] : where.kind === 'and' ? where.clauses : [where];
  let updatedFrom: number | null = null;
  for (const clause of conjuncts) {
    const floor = clause.kind === 'term' ? compiler.updatedFloors.get(clause) : undefined;
    if (floor !== undefined && (updatedFrom === null || floor > updatedFrom)) updatedFrom = floor;
  }
  return { matches, sort, bounded: where !== null, updatedFrom };
}

class Compiler {
  readonly errors: string[] = [];
  /** Bounds of the `updated >= x` and `updated > x` terms compiled so far. */
  readonly updatedFloors = new Map<TermClause, number>();

  constructor(private readonly site: JqlSite) {}

  clause(clause: Clause): Matcher {
    switch (clause.kind) {
      case 'and': {
        const parts = clause.clauses.map((c) => this.clause(c));
        return (issue) => parts.every((m) => m(issue));
      }
      case 'or': {
        const parts = clause.clauses.map((c) => this.clause(c));
        return (issue) => parts.some((m) => m(issue));
      }
      case 'not': {
        const inner = this.clause(clause.clause);
        return (issue) => !inner(issue);
      }
      case 'term':
        return this.term(clause);
    }
  }

  private term(term: TermClause): Matcher {
    const never: Matcher = () => false;
    const kind = FIELD_NAMES[term.field.toLowerCase()];
    if (!kind) {
      this.errors.push(`Field '${term.field}' does not exist or you do not have permission to view it.`);
      return never;
    }
    const { operator } = term;
    if (!OPERATORS[kind].includes(operator)) {
      this.errors.push(`The operator '${operator}' is not supported by the '${term.field}' field.`);
      return never;
    }
    if (!this.operandFits(term)) return never;
    if (TEXT_KINDS.has(kind)) return this.text(kind, term);
    if (ORDERING.includes(operator)) return this.ordering(kind, term);
    const set = this.resolve(kind, term);
    if (!set) return never;
    const positive = operator === '=' || operator === 'in' || operator === 'is';
    return DATE_KINDS.has(kind) ? dateMatcher(kind, set, positive) : valueMatcher(kind, set, positive);
  }

  /** Checks the operand's shape against the operator: lists for IN, EMPTY for IS, single values otherwise. */
  private operandFits({ field, operator, operand }: TermClause): boolean {
    const isList = operand.kind === 'list';
    const multiFunction =
      operand.kind === 'function' &&
      ['standardissuetypes', 'subtaskissuetypes'].includes(operand.name.toLowerCase());
    if (operator === 'in' || operator === 'not in') {
      if (isList || operand.kind === 'function') return true;
      this.errors.push(
        `Operator '${operator}' does not support the non-list value '${operand.raw}' for field '${field}'.`,
      );
      return false;
    }
    if (operator === 'is' || operator === 'is not') {
      if (operand.kind === 'empty') return true;
      this.errors.push(
        `Operator '${operator}' does not support the value '${operand.raw}' for field '${field}'; use EMPTY or NULL.`,
      );
      return false;
    }
    if (isList) {
      this.errors.push(
        `Operator '${operator}' does not support the list value '${operand.raw}' for field '${field}'.`,
      );
      return false;
    }
    if (multiFunction) {
      this.errors.push(
        `Operator '${operator}' does not support the multi-value function '${operand.raw}' for field '${field}'.`,
      );
      return false;
    }
    if (operand.kind === 'empty' && ORDERING.includes(operator)) {
      this.errors.push(
        `Operator '${operator}' does not support the value '${operand.raw}' for field '${field}'.`,
      );
      return false;
    }
    return true;
  }

  /**
   * `~` / `!~` (and IS [NOT] EMPTY) on a text field. The summary always has a value and the description
   * never does; like `!=`, `!~` leaves out issues without a value.
   */
  private text(kind: FieldKind, term: TermClause): Matcher {
    const { operand, operator, field } = term;
    const hasValue = kind !== 'description';
    if (operator === 'is' || operator === 'is not') {
      const answer = (operator === 'is') !== hasValue;
      return () => answer;
    }
    if (operand.kind === 'function') {
      this.resolveFunction(kind, field, operand.name, operand.args, operand.raw, {
        values: new Set(),
        numbers: new Set(),
        empty: false,
      });
      return () => false;
    }
    if (operand.kind !== 'value') {
      this.errors.push(
        `Operator '${operator}' does not support the value '${operand.raw}' for field '${field}'; use IS EMPTY or IS NOT EMPTY.`,
      );
      return () => false;
    }
    const query = compileTextQuery(operand.value, field);
    if (typeof query === 'string') {
      this.errors.push(query);
      return () => false;
    }
    if (!hasValue) return () => false;
    return operator === '~'
      ? (issue) => query.matches(issue.summary)
      : (issue) => !query.matches(issue.summary);
  }

  private items(operand: Operand): ListItem[] {
    return operand.kind === 'list' ? operand.items : [operand];
  }

  /** Resolves every value of the operand to canonical values; null after recording an error. */
  private resolve(kind: FieldKind, term: TermClause): ValueSet | null {
    const set: ValueSet = { values: new Set(), numbers: new Set(), empty: false };
    let ok = true;
    for (const item of this.items(term.operand)) {
      if (item.kind === 'empty') {
        set.empty = true;
        continue;
      }
      if (item.kind === 'function') {
        ok = this.resolveFunction(kind, term.field, item.name, item.args, item.raw, set) && ok;
        continue;
      }
      ok = this.resolveValue(kind, term.field, item.value, set) && ok;
    }
    return ok ? set : null;
  }

  private resolveFunction(
    kind: FieldKind,
    field: string,
    name: string,
    args: string[],
    raw: string,
    set: ValueSet,
  ): boolean {
    const fn = name.toLowerCase();
    if (!KNOWN_FUNCTIONS.has(fn)) {
      this.errors.push(`Unable to find JQL function '${raw}'.`);
      return false;
    }
    const forDates = fn === 'now' || fn === 'startofday';
    if (forDates !== DATE_KINDS.has(kind) || (!forDates && kind !== 'issuetype')) {
      this.errors.push(`A value provided by the function '${name}' is invalid for the field '${field}'.`);
      return false;
    }
    if (fn !== 'startofday' && args.length > 0) {
      this.errors.push(`Function '${name}' expected no arguments but got ${args.length}.`);
      return false;
    }
    if (fn === 'standardissuetypes' || fn === 'subtaskissuetypes') {
      const subtask = fn === 'subtaskissuetypes';
      for (const type of ISSUE_TYPES) if (type.subtask === subtask) set.values.add(type.id);
      return true;
    }
    const ms = fn === 'now' ? this.site.now : startOfDayFunction(this.site.now, args);
    if (ms === null) {
      this.errors.push(
        `Function '${name}' could not use the argument '${args.join(', ')}'. ${DATE_FORMAT_HINT}`,
      );
      return false;
    }
    set.numbers.add(kind === 'duedate' ? Date.parse(utcDate(ms)) : ms);
    return true;
  }

  private resolveValue(kind: FieldKind, field: string, text: string, set: ValueSet): boolean {
    const lower = text.toLowerCase();
    const missing = (): false => {
      this.errors.push(`The value '${text}' does not exist for the field '${field}'.`);
      return false;
    };
    switch (kind) {
      case 'project': {
        const project = this.site.projects.find(
          (p) => p.key.toLowerCase() === lower || p.id === text || p.name.toLowerCase() === lower,
        );
        if (!project) return missing();
        set.values.add(project.key);
        return true;
      }
      case 'issuetype': {
        const type = ISSUE_TYPES.find((t) => t.id === text || t.name.toLowerCase() === lower);
        if (!type) return missing();
        set.values.add(type.id);
        return true;
      }
      case 'status': {
        const status = STATUSES.find((s) => s.id === text || s.name.toLowerCase() === lower);
        if (!status) return missing();
        set.values.add(status.id);
        return true;
      }
      case 'statusCategory': {
        const category = STATUS_CATEGORIES.find(
          (c) => String(c.id) === text || c.key === lower || c.name.toLowerCase() === lower,
        );
        if (!category) return missing();
        set.values.add(category.key);
        return true;
      }
      case 'parent':
      case 'issuekey': {
        const issue = this.findIssue(field, text);
        if (!issue) return false;
        set.values.add(issue.key);
        return true;
      }
      case 'labels':
        set.values.add(text);
        return true;
      case 'created':
      case 'updated':
      case 'resolved':
      case 'duedate': {
        const ms = parseJqlDate(text, this.site.now);
        if (ms === null) {
          this.errors.push(`Date value '${text}' for field '${field}' is invalid. ${DATE_FORMAT_HINT}`);
          return false;
        }
        set.numbers.add(kind === 'duedate' ? Date.parse(utcDate(ms)) : ms);
        return true;
      }
      case 'summary':
      case 'text':
      case 'description':
        // Text clauses are compiled by text(), never resolved to values.
        return missing();
    }
  }

  private findIssue(field: string, text: string): DemoIssue | undefined {
    if (!/^\d+$/.test(text) && !/^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(text)) {
      this.errors.push(`The issue key '${text}' for field '${field}' is invalid.`);
      return undefined;
    }
    const issue = this.site.findIssue(text);
    if (!issue) this.errors.push(`An issue with key '${text}' does not exist for field '${field}'.`);
    return issue;
  }

  private ordering(kind: FieldKind, term: TermClause): Matcher {
    const set = this.resolve(kind, term);
    if (!set) return () => false;
    const compare = comparator(term.operator);
    if (kind === 'issuekey') {
      const key = [...set.values][0] ?? '';
      const dash = key.lastIndexOf('-');
      const project = key.slice(0, dash);
      const number = Number(key.slice(dash + 1));
      return (issue) => issue.projectKey === project && compare(keyNumber(issue.key), number);
    }
    const bound = [...set.numbers][0] ?? 0;
    if (kind === 'updated' && (term.operator === '>=' || term.operator === '>')) {
      this.updatedFloors.set(term, bound);
    }
    const read = dateReader(kind);
    return (issue) => {
      const value = read(issue);
      return value !== null && compare(value, bound);
    };
  }
}

function comparator(operator: JqlOperator): (a: number, b: number) => boolean {
  switch (operator) {
    case '>':
      return (a, b) => a > b;
    case '>=':
      return (a, b) => a >= b;
    case '<':
      return (a, b) => a < b;
    default:
      return (a, b) => a <= b;
  }
}

export function keyNumber(key: string): number {
  return Number(key.slice(key.lastIndexOf('-') + 1));
}

function dateReader(kind: FieldKind): (issue: DemoIssue) => number | null {
  switch (kind) {
    case 'created':
      return (issue) => issue.created;
    case 'updated':
      return (issue) => issue.updated;
    case 'resolved':
      return (issue) => issue.resolutiondate;
    default:
      return (issue) => (issue.duedate === null ? null : Date.parse(issue.duedate));
  }
}

function dateMatcher(kind: FieldKind, set: ValueSet, positive: boolean): Matcher {
  const read = dateReader(kind);
  if (positive) {
    return (issue) => {
      const value = read(issue);
      return value === null ? set.empty : set.numbers.has(value);
    };
  }
  return (issue) => {
    const value = read(issue);
    return value !== null && !set.numbers.has(value);
  };
}

function valueMatcher(kind: FieldKind, set: ValueSet, positive: boolean): Matcher {
  const { values, empty } = set;
  if (kind === 'labels') {
    return positive
      ? (issue) => (issue.labels.length === 0 ? empty : issue.labels.some((l) => values.has(l)))
      : (issue) => issue.labels.length > 0 && !issue.labels.some((l) => values.has(l));
  }
  const read = valueReader(kind);
  if (positive) {
    return (issue) => {
      const value = read(issue);
      return value === null ? empty : values.has(value);
    };
  }
  return (issue) => {
    const value = read(issue);
    return value !== null && !values.has(value);
  };
}

function valueReader(kind: FieldKind): (issue: DemoIssue) => string | null {
  switch (kind) {
    case 'project':
      return (issue) => issue.projectKey;
    case 'issuetype':
      return (issue) => issue.issueTypeId;
    case 'status':
      return (issue) => issue.statusId;
    case 'statusCategory':
      return (issue) => CATEGORY_BY_STATUS.get(issue.statusId) ?? null;
    case 'parent':
      return (issue) => issue.parentKey;
    default:
      return (issue) => issue.key;
  }
}
