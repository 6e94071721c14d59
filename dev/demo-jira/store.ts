/**
 * The data set with the lookups the endpoints need: issues by key and id, what each caller may see,
 * and JQL searches (cached per caller and query, since the data never changes while the server runs).
 */
import { compileJql, parseJql, type JqlSite, type SortOrder } from './jql';
import type { DemoDataset, DemoIssue, DemoProject, DemoUser } from './types';
import { canBrowse } from './users';

export class UnboundedQueryError extends Error {
  constructor() {
    super('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
    this.name = 'UnboundedQueryError';
  }
}

type Rights = Pick<DemoUser, 'browse'>;

const CACHE_SIZE = 16;

export class DemoStore {
  readonly issues: readonly DemoIssue[];
  private readonly byKey = new Map<string, number>();
  private readonly byId = new Map<string, number>();
  private readonly projectRank = new Map<string, number>();
  private readonly searches = new Map<string, Int32Array>();

  constructor(readonly dataset: DemoDataset) {
    this.issues = dataset.issues;
    dataset.issues.forEach((issue, index) => {
      this.byKey.set(issue.key.toUpperCase(), index);
      this.byId.set(issue.id, index);
    });
    [...dataset.projects]
      .sort((a, b) => a.key.localeCompare(b.key))
      .forEach((project, rank) => this.projectRank.set(project.key, rank));
  }

  /** Position of an issue in `issues` by key (any case) or id, whoever asks. */
  indexOf(ref: string): number | undefined {
    return /^\d+$/.test(ref) ? this.byId.get(ref) : this.byKey.get(ref.toUpperCase());
  }

  issueByKey(key: string): DemoIssue | undefined {
    const index = this.byKey.get(key.toUpperCase());
    return index === undefined ? undefined : this.issues[index];
  }

  visibleProjects(user: Rights): DemoProject[] {
    return this.dataset.projects.filter((p) => canBrowse(user, p.key));
  }

  findVisibleIssue(user: Rights, ref: string): DemoIssue | undefined {
    const index = this.indexOf(ref);
    const issue = index === undefined ? undefined : this.issues[index];
    return issue && canBrowse(user, issue.projectKey) ? issue : undefined;
  }

  site(user: Rights): JqlSite {
    return {
      now: this.dataset.now,
      projects: this.visibleProjects(user),
      findIssue: (ref) => this.findVisibleIssue(user, ref),
    };
  }

  /**
   * Positions (in `issues`) of the issues a search returns, in result order.
   * Throws JqlSyntaxError, JqlValidationError or UnboundedQueryError.
   */
  search(user: DemoUser, jql: string): Int32Array {
    const cacheKey = `${user.accountId}\n${jql}`;
    const cached = this.searches.get(cacheKey);
    if (cached) {
      this.searches.delete(cacheKey);
      this.searches.set(cacheKey, cached);
      return cached;
    }
    const compiled = compileJql(parseJql(jql), this.site(user));
    if (!compiled.bounded) throw new UnboundedQueryError();
    const hits: number[] = [];
    const { issues } = this;
    for (let i = 0; i < issues.length; i++) {
      const issue = issues[i] as DemoIssue;
      if (canBrowse(user, issue.projectKey) && compiled.matches(issue)) hits.push(i);
    }
    if (compiled.sort.length > 0) hits.sort(this.comparator(compiled.sort));
    const result = Int32Array.from(hits);
    this.searches.set(cacheKey, result);
    if (this.searches.size > CACHE_SIZE) {
      const oldest = this.searches.keys().next().value;
      if (oldest !== undefined) this.searches.delete(oldest);
    }
    return result;
  }

  /** Sorts by the given keys, then by id. Empty values count as larger than any value. */
  private comparator(order: SortOrder[]): (a: number, b: number) => number {
    const issues = this.issues;
    const keyOf = (index: number, field: SortOrder['field']): number | null => {
      const issue = issues[index] as DemoIssue;
      switch (field) {
        case 'id':
          return index;
        case 'key':
          // Keys number issues in creation order within a project, as ids do across the site.
          return (this.projectRank.get(issue.projectKey) ?? 0) * 1e9 + index;
        case 'created':
          return issue.created;
        case 'updated':
          return issue.updated;
        case 'resolved':
          return issue.resolutiondate;
        case 'duedate':
          return issue.duedate === null ? null : Date.parse(issue.duedate);
      }
    };
    return (a, b) => {
      for (const { field, descending } of order) {
        const x = keyOf(a, field);
        const y = keyOf(b, field);
        if (x === y) continue;
        const diff = x === null ? 1 : y === null ? -1 : x - y;
        return descending ? -diff : diff;
      }
      return a - b;
    };
  }
}
