import { z } from 'zod';
import type { AuditEntry } from '../../contract';
import { setOp, type Store, type StoreOp } from '../../store/port';
import { KEYS, PREFIXES } from '../keys';

/** What a change says about itself; who made it and when are added here. */
export type AuditChange = Omit<AuditEntry, 'at' | 'accountId'>;

/** The write of one audit entry, to go in the same transaction as the change it records. */
export const auditOp = (at: number, accountId: string, change: AuditChange): StoreOp =>
  setOp(KEYS.config.audit(at), { at, accountId, ...change });

/** The newest entries first (the keys sort that way). */
export async function readAudit(store: Store, limit = 50): Promise<AuditEntry[]> {
  const page = await store.query(PREFIXES.audit, { limit: Math.min(limit, 100) });
  return page.entries.flatMap(({ key, value }) => {
    const parsed = entrySchema.safeParse(value);
    if (parsed.success) return [parsed.data];
    // A damaged entry is left out of the list (and logged by key); the rest of the trail still reads.
    console.warn(`Damaged audit entry “${key}” is left out`);
    return [];
  });
}

const entrySchema: z.ZodType<AuditEntry> = z.object({
  at: z.number(),
  accountId: z.string(),
  action: z.enum(['create', 'update', 'delete', 'import']),
  entity: z.enum(['goal', 'project', 'settings', 'portfolio', 'win', 'health']),
  entityId: z.string().nullable(),
  name: z.string(),
  changed: z.array(z.string()),
  note: z.string().optional(),
});

/** Names of the fields whose values differ (a field absent and a field that is null are the same). */
export function changedFields(before: object | undefined, after: object): string[] {
  if (!before) return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return Object.keys(b).filter(
    (k) => k !== 'version' && JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null),
  );
}
