/**
 * What each invocation spent, as Forge meters and prices it: product requests, storage read and write
 * units (10 KB each, as the per-minute limits count them) and bytes (as storage is priced), queue pushes,
 * duration and peak memory. Tests and benchmarks read it.
 */
export type InvocationKind =
  | 'resolver'
  | 'consumer'
  | 'scheduledTrigger'
  | 'trigger'
  | 'adfExport'
  /** Platform calls made from outside a sandbox (contract tests of the SDKs). */
  | 'direct';

export type InvocationOutcome = 'ok' | 'error' | 'timeout' | 'out-of-memory' | 'crashed' | 'refused';

export interface InvocationRecord {
  id: string;
  functionKey: string;
  kind: InvocationKind;
  /** The resolver's function key, the queue, the trigger's key or event. */
  detail: string;
  accountId: string | null;
  startedAt: number;
  durationMs: number;
  outcome: InvocationOutcome;
  error: string | null;
  jiraRequests: number;
  confluenceRequests: number;
  kvsRequests: number;
  kvsReadUnits: number;
  kvsWriteUnits: number;
  kvsBytesRead: number;
  kvsBytesWritten: number;
  /** Storage answers of 429 RATE_LIMIT_EXCEEDED. */
  kvsThrottled: number;
  queuePushes: number;
  peakHeapMB: number;
}

/** What an invocation spends: everything the meter adds up. */
export type Costs = Omit<
  InvocationRecord,
  'id' | 'functionKey' | 'kind' | 'detail' | 'accountId' | 'startedAt' | 'outcome' | 'error'
>;

export type MeterTotals = Costs & { invocations: number; failures: number };

export const noCosts = (): Costs => ({
  durationMs: 0,
  jiraRequests: 0,
  confluenceRequests: 0,
  kvsRequests: 0,
  kvsReadUnits: 0,
  kvsWriteUnits: 0,
  kvsBytesRead: 0,
  kvsBytesWritten: 0,
  kvsThrottled: 0,
  queuePushes: 0,
  peakHeapMB: 0,
});

export class Meter {
  readonly records: InvocationRecord[] = [];

  /** A mark to read the records after it with `since`. */
  mark(): number {
    return this.records.length;
  }

  since(mark: number): InvocationRecord[] {
    return this.records.slice(mark);
  }

  static totals(records: InvocationRecord[]): MeterTotals {
    const totals: MeterTotals = {
      invocations: records.length,
      failures: records.filter((r) => r.outcome !== 'ok').length,
      ...noCosts(),
    };
    for (const r of records) {
      totals.durationMs += r.durationMs;
      totals.jiraRequests += r.jiraRequests;
      totals.confluenceRequests += r.confluenceRequests;
      totals.kvsRequests += r.kvsRequests;
      totals.kvsReadUnits += r.kvsReadUnits;
      totals.kvsWriteUnits += r.kvsWriteUnits;
      totals.kvsBytesRead += r.kvsBytesRead;
      totals.kvsBytesWritten += r.kvsBytesWritten;
      totals.kvsThrottled += r.kvsThrottled;
      totals.queuePushes += r.queuePushes;
      totals.peakHeapMB = Math.max(totals.peakHeapMB, r.peakHeapMB);
    }
    return totals;
  }
}
