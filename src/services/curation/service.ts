import type { CurationInput, CurationResult, HealthRow, OverrideInput } from '../../contract';
import { localDate } from '../../domain/calendar';
import type { Win, WinCuration } from '../../domain/wins';
import type { Lease } from '../../store/lease';
import { deleteOp, setOp, type StoreOp } from '../../store/port';
import { auditOp } from '../configuration/audit';
import { loadPortfolio } from '../configuration/model';
import { commitOps, ensureHeld, underLease, type WriteDeps } from '../configuration/writes';
import { AppFailure, invalid, notFound } from '../errors';
import { KEYS } from '../keys';
import { openSnapshot, type SnapshotReader } from '../snapshot';
import { installationSalt, namesIssues, resolveWinId } from '../surfaces';
import { healthRow, withOverrides } from '../surfaces/views';
import { readCuration, readOverrides, soundCuration, soundOverride, type StoredOverride } from './store';

export type CurationDeps = WriteDeps;

const stale = (what: string) =>
  new AppFailure(
    'conflict',
    `Someone else changed ${what} after you opened it. Reload to see their change, then make yours again.`,
  );

/**
 * What PMO leads add to the numbers: a win featured, hidden, noted or retitled, and a PMO project's
 * health overridden for a while, with a reason. Both outlive every snapshot and apply at once. Each
 * change names the version it started from and is written, with its audit entry, under the curation
 * lease: two leads changing the same win cannot both win, and changes to different wins never collide.
 */
export class CurationService {
  constructor(private readonly deps: CurationDeps) {}

  /** A win as curated now; curation back to plain removes its entry. */
  async curateWin(
    input: Omit<CurationInput, 'expectedVersion'>,
    expectedVersion: number | null,
    by: string,
  ): Promise<CurationResult> {
    const { store, clock } = this.deps;
    const win = await findWin(await openSnapshot(store), input.id, await installationSalt(store, clock));
    if (!win) throw notFound('id', `id: no win "${input.id}" in the current numbers`);
    return underLease(this.deps, 'curation', async (lease) => {
      await this.moveLegacy(lease);
      const current = soundCuration(KEYS.curation.win(win.id), await store.get(KEYS.curation.win(win.id)));
      // The title of a win that names Jira issues is not repeated to someone who may not see them.
      const named = namesIssues(win) ? `this win (${input.id})` : `the win “${win.title}”`;
      if ((current?.version ?? null) !== expectedVersion) throw stale(named);
      // A lead who got the win redacted (by its opaque id) never saw its title and note, so cannot
      // change them: those stay as stored, and only featured and hidden change.
      const redacted = input.id !== win.id;
      const note = redacted ? (current?.note ?? '') : input.note;
      const title = redacted ? (current?.title ?? null) : input.title;
      const plain = !input.featured && !input.hidden && note === '' && title === null;
      const entry: WinCuration = {
        featured: input.featured,
        hidden: input.hidden,
        note,
        title,
        by,
        at: clock(),
        version: (current?.version ?? 0) + 1,
      };
      const changed = current
        ? (['featured', 'hidden', 'note', 'title'] as const).filter((k) => current[k] !== entry[k])
        : (['featured', 'hidden', 'note', 'title'] as const).filter((k) => !plain && entry[k] !== PLAIN[k]);
      await commitOps(this.deps, lease, [
        plain
          ? deleteOp(KEYS.curation.win(win.id))
          : setOp(KEYS.curation.win(win.id), { ...entry, winId: win.id }),
        auditOp(clock(), by, {
          action: plain ? 'delete' : current ? 'update' : 'create',
          entity: 'win',
          entityId: input.id,
          name: namesIssues(win) ? `A win naming Jira issues (${win.kind})` : win.title,
          changed: [...changed],
        }),
      ]);
      // The curation as saved, under the id the caller used; the page reloads the win as its viewer sees it.
      return {
        id: input.id,
        featured: entry.featured,
        hidden: entry.hidden,
        note: redacted ? '' : entry.note,
        title: redacted ? null : entry.title,
        curationVersion: plain ? null : entry.version,
      };
    });
  }

  /** Sets a PMO project's health until a day of the snapshot's calendar, or clears it. */
  async overrideHealth(
    input: Omit<OverrideInput, 'expectedVersion'> | { projectId: string; clear: true },
    expectedVersion: number | null,
    by: string,
  ): Promise<HealthRow> {
    const { store, clock } = this.deps;
    const [portfolio, snapshot] = await Promise.all([
      loadPortfolio(store),
      openSnapshot(store).then((reader) => reader.core()),
    ]);
    const project = portfolio.projects.find((p) => p.id === input.projectId);
    if (!project) throw notFound('projectId', `projectId: no PMO project "${input.projectId}"`);
    const numbers = snapshot?.metrics.projects.find((p) => p.id === input.projectId);
    if (!numbers) {
      throw notFound('projectId', 'projectId: the PMO project has no numbers until the next refresh');
    }
    const today = localDate(clock(), snapshot?.timeZone ?? 'UTC');
    if (!('clear' in input) && input.expires < today) {
      throw invalid('expires', `expires: must be today (${today}) or later`);
    }
    const next = await underLease(this.deps, 'curation', async (lease) => {
      await this.moveLegacy(lease);
      const key = KEYS.curation.override(input.projectId);
      const current = soundOverride(key, await store.get(key));
      // An override past its last day shows as none, so a change made from "none" may replace it.
      const shown = current && current.expires >= today ? current.version : null;
      if (shown !== expectedVersion) throw stale(`the health of “${project.name}”`);
      const next: StoredOverride | null =
        'clear' in input ? null : { ...input, by, at: clock(), version: (current?.version ?? 0) + 1 };
      await commitOps(this.deps, lease, [
        next ? setOp(key, next) : deleteOp(key),
        auditOp(clock(), by, {
          action: next ? (current ? 'update' : 'create') : 'delete',
          entity: 'health',
          entityId: input.projectId,
          name: next
            ? `Health of ${project.name} set to ${next.rating} until ${next.expires}`
            : `Health override of ${project.name} cleared`,
          changed: next ? ['rating', 'comment', 'expires'] : [],
        }),
      ]);
      return next;
    });
    // The row as it shows now, worked out after the lease is let go.
    const overrides = (await readOverrides(store)).filter((o) => o.projectId !== input.projectId);
    const row = withOverrides(
      snapshot,
      next ? [...overrides, next] : overrides,
      clock(),
    )?.metrics.projects.find((p) => p.id === input.projectId);
    return healthRow(row ?? numbers);
  }

  /**
   * Installations from before per-win storage kept all curation in one value, and all overrides in
   * another: the first change moves them to one value each (idempotent, under the lease).
   */
  private async moveLegacy(lease: Lease): Promise<void> {
    const { store } = this.deps;
    const [wins, overrides] = await Promise.all([
      store.get(KEYS.legacy.winCuration),
      store.get(KEYS.legacy.healthOverrides),
    ]);
    if (!wins && !overrides) return;
    const [curation, stored] = await Promise.all([readCuration(store), readOverrides(store)]);
    const ops: StoreOp[] = [
      ...Object.entries(curation).map(([winId, c]) => setOp(KEYS.curation.win(winId), { ...c, winId })),
      ...stored.map((o) => setOp(KEYS.curation.override(o.projectId), o)),
    ];
    for (let i = 0; i < ops.length; i += 20) {
      ensureHeld(this.deps, lease);
      await store.transact(ops.slice(i, i + 20));
    }
    await commitOps(this.deps, lease, [
      deleteOp(KEYS.legacy.winCuration),
      deleteOp(KEYS.legacy.healthOverrides),
    ]);
  }
}

/**
 * A win by its id or the opaque id its viewer got, reading one quarter at a time from the newest: the
 * wins PMO leads curate are recent.
 */
async function findWin(snapshot: SnapshotReader, id: string, salt: string): Promise<Win | undefined> {
  const quarters = [...snapshot.winQuarters].sort().reverse();
  for (const quarter of quarters) {
    const win = resolveWinId(await snapshot.wins([quarter]), id, salt);
    if (win) return win;
  }
  return undefined;
}

const PLAIN = { featured: false, hidden: false, note: '', title: null } as const;
