/**
 * What the surfaces keep between requests so a gadget opened again costs one small storage read and no
 * Jira request: each gadget's answer, and what each viewer may see of the Jira projects and secured
 * issues the snapshot names.
 *
 * A gadget's answer is kept by gadget and configuration, for every viewer alike when nothing in it
 * depends on who asks (health, value, forecast, and flow without its table per Jira project), else per
 * viewer (the recent wins, the flow table). A kept answer is used only while all of this holds:
 *
 * - it was computed from the snapshot version the pointer names now (a new sync: computed again);
 * - no PMO lead has written anything since (`view:epoch` changes after every write of the configuration
 *   or curation, read in the same batch as the answer, and before the answer's data was read);
 * - it is the same day where the snapshot's time zone is (a health override ends with a day);
 * - it is younger than its time to live: 15 minutes for shared answers, and for a viewer's own answer
 *   no longer than what Jira said of the viewer's rights, which is kept 5 minutes.
 *
 * Storage may keep an expired value and still return it for a while, so every kept value says until when
 * it counts, and a reader checks it. The sync's progress and the "stale" warning are never kept: they are
 * read and worked out afresh on every request.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SurfaceView, SyncProgress } from '../../contract';
import { localDate } from '../../domain/calendar';
import { JiraClient, type JiraAccess, type JiraClientOptions } from '../../jira';
import { decodeValue, encodeValue } from '../../store/chunked';
import type { Key, Store } from '../../store/port';
import {
  browsableAmong,
  browsableProjects,
  projectIdsByKey,
  visibleSecuredIssues,
  type IssueSight,
  type NamedIssue,
  type Viewer,
} from '../access';
import { KEYS } from '../keys';
import type { Snapshot } from '../snapshot';

/** How long a viewer's rights, as Jira said them, are used: a change in Jira shows within this. */
export const SIGHT_TTL_SECONDS = 5 * 60;
/** How long an answer the same for everyone is used (a new snapshot or a PMO lead's write ends it sooner). */
export const SHARED_TTL_SECONDS = 15 * 60;

const HOUR_MS = 3_600_000;

/** Changes with every write of what views show. */
export interface ViewsEpoch {
  token: string;
  at: number;
}

/** A gadget's answer as kept: compressed, with what decides whether it may still be used. */
export interface KeptView {
  version: string;
  /** The `view:epoch` token read before the answer's data; null when there was none. */
  epoch: string | null;
  /** The local day (snapshot's time zone) it was computed on. */
  day: string;
  timeZone: string;
  /** Used until then (ms), whatever storage still returns. */
  until: number;
  staleAfterHours: number;
  /** The answer's JSON, compressed (base64 of raw deflate), without its sync progress. */
  answer: string;
}

/** What Jira said one viewer may see of what one snapshot version names, asked as them. */
export interface KeptSight {
  version: string;
  until: number;
  /** Jira project keys asked about, and those the viewer may browse. */
  askedProjects: string[];
  projects: string[];
  /** Keys of secured issues asked about, and those Jira shows the viewer. */
  askedIssues: string[];
  issues: string[];
}

/** The Jira projects' numeric ids (by key), as the app found them: what a permission check names. */
export interface JiraProjectIds {
  /** The snapshot version they were last looked up for, and when. */
  version: string;
  at: number;
  ids: Record<string, string>;
}

/** Project ids are looked up again at least this often, and whenever a snapshot names a key not known. */
const IDS_MAX_AGE_MS = 24 * HOUR_MS;

/** A page waits on these calls: they retry briefly, as every call made while a user waits (services/deps.ts). */
const INTERACTIVE_RETRY = { maxRetries: 2, timeoutMs: 8_000, maxDelayMs: 2_000 };

/** A stable short name for a configuration: the same settings, in any order, give the same name. */
export function configName(config: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .filter(([, v]) => v !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(config)) ?? 'null')
    .digest('hex')
    .slice(0, 20);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** The epoch's token; null when none was written (or what is there is not one). */
export function epochToken(value: unknown): string | null {
  return isRecord(value) && typeof value.token === 'string' ? value.token : null;
}

/** After a write of what views show: every answer kept from before is not used again. */
export async function viewsChanged(store: Store, clock: () => number): Promise<void> {
  try {
    await store.set(KEYS.views.epoch, { token: randomUUID(), at: clock() });
  } catch (error) {
    // Kept answers then last until their time to live, minutes at most.
    console.error('Could not mark the kept views as out of date', error);
  }
}

/** A kept answer read back, or undefined when it is not one (damaged values are not used). */
function asKept(value: unknown): KeptView | undefined {
  if (!isRecord(value)) return undefined;
  const ok =
    typeof value.version === 'string' &&
    (value.epoch === null || typeof value.epoch === 'string') &&
    typeof value.day === 'string' &&
    typeof value.timeZone === 'string' &&
    typeof value.until === 'number' &&
    typeof value.staleAfterHours === 'number' &&
    typeof value.answer === 'string';
  return ok ? (value as unknown as KeptView) : undefined;
}

function asSight(value: unknown): KeptSight | undefined {
  if (!isRecord(value)) return undefined;
  const ok =
    typeof value.version === 'string' &&
    typeof value.until === 'number' &&
    isStrings(value.askedProjects) &&
    isStrings(value.projects) &&
    isStrings(value.askedIssues) &&
    isStrings(value.issues);
  return ok ? (value as unknown as KeptSight) : undefined;
}

/**
 * The kept answer, with this request's sync progress and staleness, when it may be used: the same
 * snapshot version and epoch, the same local day, and not past its time.
 */
export function keptAnswer<T>(
  value: unknown,
  now: { at: number; version: string | undefined; epoch: string | null; sync: SyncProgress },
): SurfaceView<T> | undefined {
  const kept = asKept(value);
  if (
    !kept ||
    now.version === undefined ||
    kept.version !== now.version ||
    kept.epoch !== now.epoch ||
    kept.until <= now.at ||
    kept.day !== localDate(now.at, kept.timeZone)
  ) {
    return undefined;
  }
  let answer: SurfaceView<T>;
  try {
    answer = decodeValue(kept.answer) as SurfaceView<T>;
  } catch {
    return undefined;
  }
  if (!isRecord(answer) || answer.timeZone !== kept.timeZone) return undefined;
  const stale = answer.generatedAt !== null && now.at - answer.generatedAt > kept.staleAfterHours * HOUR_MS;
  return { ...answer, sync: now.sync, stale };
}

/** Keeps an answer computed from `version` after reading `epoch`; a failure to keep it is only logged. */
export async function keepAnswer(
  store: Store,
  key: Key<KeptView>,
  view: SurfaceView<unknown>,
  kept: { version: string; epoch: string | null; now: number; until: number; staleAfterHours: number },
): Promise<void> {
  const ttlSeconds = Math.ceil((kept.until - kept.now) / 1000);
  if (ttlSeconds <= 0) return;
  const { sync: _sync, ...answer } = view;
  const value: KeptView = {
    version: kept.version,
    epoch: kept.epoch,
    day: localDate(kept.now, view.timeZone),
    timeZone: view.timeZone,
    until: kept.until,
    staleAfterHours: kept.staleAfterHours,
    answer: encodeValue(answer),
  };
  try {
    await store.set(key, value, { ttlSeconds });
  } catch (error) {
    console.error(`Could not keep the answer “${key}”`, error);
  }
}

/** What the sight of one request needs: the store (with the batch it read), the clock, Jira as the app. */
export interface SightDeps {
  store: Store;
  clock: () => number;
  jira?: JiraAccess;
  clientOptions?: JiraClientOptions;
}

/**
 * What a viewer may see of the Jira projects and secured issues a view names, for one snapshot version:
 * asked of Jira as the viewer in one permission check, kept per viewer for SIGHT_TTL_SECONDS, and asked
 * again only for what was not asked yet. `until` is when the oldest answer used runs out: an answer
 * built on it is kept no longer.
 */
export class ViewerSight {
  until = Number.POSITIVE_INFINITY;

  constructor(private readonly deps: SightDeps) {}

  async of(
    viewer: Viewer,
    version: string,
    snapshot: Snapshot,
    projectKeys: Iterable<string>,
    issues: Iterable<NamedIssue>,
  ): Promise<IssueSight> {
    const now = this.deps.clock();
    const projects = new Set(projectKeys);
    const securedKeys = new Set<string>();
    for (const issue of issues) {
      projects.add(issue.project);
      if (snapshot.securedIssues?.[issue.key] !== undefined) securedKeys.add(issue.key);
    }
    const key = KEYS.views.sight(viewer.accountId);
    let kept = asSight(await this.deps.store.get(key).catch(() => undefined));
    if (kept && (kept.version !== version || kept.until <= now)) kept = undefined;
    const asked = { projects: new Set(kept?.askedProjects), issues: new Set(kept?.askedIssues) };
    const missingProjects = [...projects].filter((p) => !asked.projects.has(p));
    const missingIssues = [...securedKeys].filter((k) => !asked.issues.has(k));
    if (kept && missingProjects.length === 0 && missingIssues.length === 0) {
      this.until = Math.min(this.until, kept.until);
      return { projects: new Set(kept.projects), securedVisible: new Set(kept.issues) };
    }
    const granted =
      missingProjects.length === 0 && missingIssues.length === 0
        ? { projects: new Set<string>(), issues: new Set<string>() }
        : await this.ask(viewer, version, snapshot, missingProjects, missingIssues);
    const next: KeptSight = {
      version,
      until: kept?.until ?? now + SIGHT_TTL_SECONDS * 1000,
      askedProjects: [...asked.projects, ...missingProjects].sort(),
      projects: [...new Set([...(kept?.projects ?? []), ...granted.projects])].sort(),
      askedIssues: [...asked.issues, ...missingIssues].sort(),
      issues: [...new Set([...(kept?.issues ?? []), ...granted.issues])].sort(),
    };
    this.until = Math.min(this.until, next.until);
    const ttlSeconds = Math.ceil((next.until - now) / 1000);
    if (ttlSeconds > 0) {
      await this.deps.store.set(key, next, { ttlSeconds }).catch((error: unknown) => {
        console.error('Could not keep what a viewer may see', error);
      });
    }
    return { projects: new Set(next.projects), securedVisible: new Set(next.issues) };
  }

  /**
   * Jira's answer for these projects and secured issues, as the viewer: one permission check over their
   * ids. Without Jira as the app to look project ids up (a caller that gives none), the viewer's projects
   * are listed instead and the secured issues checked apart, as views did before anything was kept.
   */
  private async ask(
    viewer: Viewer,
    version: string,
    snapshot: Snapshot,
    projectKeys: string[],
    issueKeys: string[],
  ): Promise<{ projects: Set<string>; issues: Set<string> }> {
    const secured = snapshot.securedIssues ?? {};
    if (!this.deps.jira) {
      const [browsable, issues] = await Promise.all([
        projectKeys.length > 0 ? browsableProjects(viewer.asUser) : Promise.resolve(new Set<string>()),
        visibleSecuredIssues(
          viewer.asUser,
          secured,
          issueKeys.map((key) => ({ key, project: secured[key]?.project ?? '' })),
        ),
      ]);
      return { projects: new Set(projectKeys.filter((p) => browsable.has(p))), issues };
    }
    const ids = await this.projectIds(version, snapshot, projectKeys);
    const projectIds = new Map<string, string>();
    for (const key of projectKeys) {
      const id = ids[key];
      if (id !== undefined) projectIds.set(id, key);
    }
    const issueIds = new Map<string, string>();
    for (const key of issueKeys) {
      const id = secured[key]?.id;
      if (id !== undefined) issueIds.set(id, key);
    }
    return browsableAmong(viewer.asUser, projectIds, issueIds);
  }

  /**
   * The ids of the Jira projects a view names, kept for every viewer. A key not known yet is looked up as
   * the app (`project/search`, the projects the app may browse), at most once per snapshot version; a key
   * Jira does not know then (a project deleted since the sync) has no id, and nobody is shown it.
   */
  private async projectIds(
    version: string,
    snapshot: Snapshot,
    keys: string[],
  ): Promise<Record<string, string>> {
    const { store } = this.deps;
    const stored = await store.get(KEYS.views.jiraProjectIds).catch(() => undefined);
    const known: Record<string, string> =
      isRecord(stored) && isRecord(stored.ids)
        ? Object.fromEntries(
            Object.entries(stored.ids).filter((e): e is [string, string] => typeof e[1] === 'string'),
          )
        : {};
    const now = this.deps.clock();
    const lookedUp = isRecord(stored) && stored.version === version;
    const recent = isRecord(stored) && typeof stored.at === 'number' && now - stored.at < IDS_MAX_AGE_MS;
    const complete = keys.every((key) => known[key] !== undefined);
    if (!this.deps.jira || lookedUp || (recent && complete)) return known;
    const client = new JiraClient(this.deps.jira.asApp(), {
      ...this.deps.clientOptions,
      retry: { ...INTERACTIVE_RETRY, ...this.deps.clientOptions?.retry },
    });
    const found = await projectIdsByKey(client);
    // Kept for the projects the snapshot names (its table and what is asked now), not the whole site.
    // A snapshot published before the table was part of it names no Jira projects of its own.
    const named = new Set([...(snapshot.jiraProjects ?? []).map((p) => p.key), ...keys]);
    const ids: Record<string, string> = {};
    for (const key of [...named].sort()) {
      const id = found.get(key);
      if (id !== undefined) ids[key] = id;
    }
    await store.set(KEYS.views.jiraProjectIds, { version, at: now, ids }).catch((error: unknown) => {
      console.error('Could not keep the Jira project ids', error);
    });
    return ids;
  }
}
