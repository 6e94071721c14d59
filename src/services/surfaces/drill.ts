import type { DrillData, DrillEntry, DrillInput, DrillRow } from '../../contract/drill';
import { issueSummaries } from '../../jira';
import { browsableProjects, canConfigure, maySee, visibleSecuredIssues, type Viewer } from '../access';
import { loadSettings } from '../configuration/settings';
import { invalid, notFound } from '../errors';
import { openSnapshot } from '../snapshot';
import { drillEntries, drillName } from '../snapshot/drill';
import type { SurfaceDeps } from './service';

/** Entries per page: one bulk request to Jira for their summaries. */
export const DRILL_PAGE_SIZE = 50;

/**
 * The list behind one number, as one viewer may see it. The entries come from the published snapshot
 * (the same version for the whole request); which of them the viewer may see is asked of Jira as the
 * viewer: the Jira projects they browse, and, for issues with a security level, one bulk permission
 * check. Items and epics they may not see are counted, never named: no key, summary or date of them
 * leaves the server. Summaries and statuses of the page shown are asked of Jira as the viewer too (one
 * bulk fetch), so an issue Jira no longer shows them is counted as hidden as well.
 *
 * Jira requests: one for projects, at most one per 1,000 secured issues in the list, one for the page's
 * summaries (none when the page names no issue), and two to decide whether benefit records may be listed
 * when the list holds any.
 */
export async function drillList(
  deps: SurfaceDeps,
  viewer: Viewer | undefined,
  input: DrillInput,
): Promise<DrillData> {
  // The pointer says whether there are numbers and when they were computed: the core is not read.
  const snapshot = await openSnapshot(deps.store);
  const empty: DrillData = {
    total: 0,
    hidden: 0,
    withheld: 0,
    rows: [],
    page: 1,
    pages: 1,
    pageSize: DRILL_PAGE_SIZE,
    generatedAt: snapshot.generatedAt,
  };
  if (snapshot.version === undefined) return empty;
  const part = await snapshot.drill(drillName(input.scope));
  if (!part) {
    throw notFound(
      'scope.id',
      `scope.id: the published numbers have no ${input.scope.kind === 'jira' ? 'Jira project' : input.scope.kind} "${input.scope.id}"`,
    );
  }
  let entries: DrillEntry[];
  try {
    entries = drillEntries(part, input.number, deps.clock());
  } catch (error) {
    if (error instanceof RangeError) throw invalid('number', `number: ${error.message}`);
    throw error;
  }
  const client = viewer?.asUser;
  const issues = entries.flatMap((e) =>
    e.key !== null && e.project !== null ? [{ key: e.key, project: e.project }] : [],
  );
  const hasBenefits = entries.some((e) => e.kind === 'benefit');
  const [projects, securedVisible, configurer] = client
    ? await Promise.all([
        browsableProjects(client),
        visibleSecuredIssues(client, part.secured, issues),
        hasBenefits
          ? loadSettings(deps.store).then((s) => canConfigure(client, s.pmoLeadGroup))
          : Promise.resolve(false),
      ])
    : [new Set<string>(), new Set<string>(), false];
  const sight = { projects, securedVisible };
  let hidden = 0;
  let withheld = 0;
  const visible = entries.filter((e) => {
    if (e.kind === 'benefit') {
      if (!configurer) withheld += 1;
      return configurer;
    }
    if (e.key === null) return true;
    const seen = e.project !== null && maySee(sight, part.secured, { key: e.key, project: e.project });
    if (!seen) hidden += 1;
    return seen;
  });
  const pages = Math.max(1, Math.ceil(visible.length / DRILL_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pages);
  const slice = visible.slice((page - 1) * DRILL_PAGE_SIZE, page * DRILL_PAGE_SIZE);
  const keys = slice.flatMap((e) => (e.key === null ? [] : [e.key]));
  const details = client && keys.length > 0 ? await issueSummaries(client, keys) : new Map();
  const rows: DrillRow[] = [];
  for (const entry of slice) {
    if (entry.key === null) {
      rows.push({ ...entry, summary: null, status: null });
      continue;
    }
    const detail = details.get(entry.key);
    // Jira no longer shows the viewer this issue (deleted, moved, or its permissions changed): not named.
    if (!detail) {
      hidden += 1;
      continue;
    }
    rows.push({ ...entry, summary: detail.summary, status: detail.status });
  }
  return {
    total: entries.length,
    hidden,
    withheld,
    rows,
    page,
    pages,
    pageSize: DRILL_PAGE_SIZE,
    generatedAt: snapshot.generatedAt,
  };
}
