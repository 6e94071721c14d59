import { randomUUID } from 'node:crypto';
import type { Lease } from '../../store/lease';
import { deleteChunkedOps, writeOps } from '../../store/chunked';
import { deleteOp, queryAll, setOp, STORE_LIMITS, type StoreOp } from '../../store/port';
import { KEYS, PREFIXES } from '../keys';
import type { PortfolioState } from './model';
import { commitOps, ensureHeld, type WriteDeps } from './writes';

const ENTITY_KEY = /^cfg:([A-Za-z0-9]+):(goal:|project:|dismissed$)/;

type Entity = { id: string };

/**
 * Writes the model as `next`, given the `current` the change was made from (read under the same lease).
 * A small change lands in the current generation as one transaction with `extra` (the audit entry,
 * settings) and the new revision. Otherwise every entity is written to a new generation first, unseen,
 * and one final transaction switches `cfg:model` to it with `extra`: either way the change is seen whole
 * or not at all.
 */
export async function writeModel(
  deps: WriteDeps,
  lease: Lease,
  current: PortfolioState,
  next: Omit<PortfolioState, 'gen' | 'revision' | 'nextSeq' | 'seqs'>,
  extra: StoreOp[],
  options: { newGeneration?: boolean } = {},
): Promise<void> {
  let nextSeq = current.nextSeq;
  const seqOf = (kind: 'goal' | 'project', id: string) => current.seqs[`${kind}:${id}`] ?? nextSeq++;

  if (current.gen !== null && !options.newGeneration) {
    const gen = current.gen;
    const ops: StoreOp[] = [
      ...changes(
        current.goals,
        next.goals,
        (g) => KEYS.config.goal(gen, g.id),
        (g) => setOp(KEYS.config.goal(gen, g.id), { seq: seqOf('goal', g.id), value: g }),
      ),
      ...changes(
        current.projects,
        next.projects,
        (p) => KEYS.config.project(gen, p.id),
        (p) => setOp(KEYS.config.project(gen, p.id), { seq: seqOf('project', p.id), value: p }),
      ),
    ];
    if (JSON.stringify(current.dismissedEpics) !== JSON.stringify(next.dismissedEpics)) {
      ops.push(setOp(KEYS.config.dismissed(gen), next.dismissedEpics));
    }
    ops.push(setOp(KEYS.config.head, { gen, revision: current.revision + 1, nextSeq }), ...extra);
    if (ops.length <= STORE_LIMITS.transactionOps) {
      await commitOps(deps, lease, ops);
      return;
    }
    nextSeq = current.nextSeq;
  }

  const gen = `g${deps.clock().toString(36)}${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const entities: StoreOp[] = [
    ...next.goals.map((g) => setOp(KEYS.config.goal(gen, g.id), { seq: seqOf('goal', g.id), value: g })),
    ...next.projects.map((p) =>
      setOp(KEYS.config.project(gen, p.id), { seq: seqOf('project', p.id), value: p }),
    ),
    setOp(KEYS.config.dismissed(gen), next.dismissedEpics),
  ];
  for (let i = 0; i < entities.length; i += STORE_LIMITS.transactionOps) {
    ensureHeld(deps, lease);
    await deps.store.transact(entities.slice(i, i + STORE_LIMITS.transactionOps));
  }
  await commitOps(deps, lease, [
    setOp(KEYS.config.head, { gen, revision: current.revision + 1, nextSeq }),
    ...extra,
  ]);
  await removeOtherGenerations(deps, gen).catch(() => undefined);
}

/** Sets for entities added or changed, deletes for those gone. */
function changes<T extends Entity>(
  before: T[],
  after: T[],
  keyOf: (entity: T) => StoreOp['key'],
  write: (entity: T) => StoreOp,
): StoreOp[] {
  const old = new Map(before.map((e) => [e.id, JSON.stringify(e)]));
  const kept = new Set(after.map((e) => e.id));
  return [
    ...after.filter((e) => old.get(e.id) !== JSON.stringify(e)).map(write),
    ...before.filter((e) => !kept.has(e.id)).map((e) => deleteOp(keyOf(e))),
  ];
}

/**
 * Removes what earlier generations (and the one-document layout before them) left: after an import, or
 * an import that never finished. Only storage is at stake, so a failure here is left to the next one.
 */
async function removeOtherGenerations(deps: WriteDeps, keep: string): Promise<void> {
  const stale = (await queryAll(deps.store, PREFIXES.config))
    .map((e) => e.key)
    .filter((key) => {
      const match = ENTITY_KEY.exec(key);
      return match !== null && match[1] !== keep;
    });
  const ops: StoreOp[] = [
    ...stale.map((key) => deleteOp(key as StoreOp['key'])),
    ...(await deleteChunkedOps(deps.store, KEYS.legacy.portfolio)),
  ];
  await writeOps(deps.store, ops);
}
