import type { Key, KeyPrefix, QueryOptions, Store, StoreOp, StorePage, ValuesOf, WriteOptions } from './port';

/** Forge meters storage in units of 10 KB of request, rounded up, per minute and installation. */
export const UNIT_BYTES = 10 * 1024;
const MINUTE_MS = 60_000;

const unitsOf = (value: unknown): number =>
  Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') / UNIT_BYTES));

export interface Pace {
  /** Read and write units the holder may spend in any minute. */
  readUnitsPerMinute: number;
  writeUnitsPerMinute: number;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * A store that keeps its holder under a budget of storage units per minute by waiting before a request
 * that would pass it: a large sync then spreads its writes over minutes instead of meeting the
 * installation's limit (4,000 units a minute each way) and being refused, and leaves room for the
 * gadgets people are reading meanwhile. Writes are counted before they go (their size is known), reads
 * once answered. A single request larger than the budget waits for an empty minute and goes.
 */
export class PacedStore implements Store {
  private readonly spent = { read: [] as Array<[number, number]>, write: [] as Array<[number, number]> };
  /** Milliseconds spent waiting, for the benchmark and the log. */
  waitedMs = 0;

  constructor(
    private readonly store: Store,
    private readonly pace: Pace,
  ) {}

  private inLastMinute(kind: 'read' | 'write'): number {
    const since = this.pace.clock() - MINUTE_MS;
    const log = this.spent[kind];
    while (log.length > 0 && log[0]![0] <= since) log.shift();
    return log.reduce((sum, [, units]) => sum + units, 0);
  }

  /** Waits until `units` more fit in the minute's budget. */
  private async room(kind: 'read' | 'write', units: number): Promise<void> {
    const budget = kind === 'read' ? this.pace.readUnitsPerMinute : this.pace.writeUnitsPerMinute;
    for (;;) {
      const used = this.inLastMinute(kind);
      const log = this.spent[kind];
      if (used + units <= budget || log.length === 0) return;
      // Wait for the oldest spending in the window to leave it.
      const wait = log[0]![0] + MINUTE_MS - this.pace.clock() + 1;
      this.waitedMs += wait;
      await this.pace.sleep(wait);
    }
  }

  private note(kind: 'read' | 'write', units: number): void {
    this.spent[kind].push([this.pace.clock(), units]);
  }

  private async reading<T>(read: () => Promise<T>): Promise<T> {
    await this.room('read', 1);
    const value = await read();
    this.note('read', unitsOf(value));
    return value;
  }

  private async writing<T>(units: number, write: () => Promise<T>): Promise<T> {
    await this.room('write', units);
    this.note('write', units);
    return write();
  }

  get<T>(key: Key<T>): Promise<T | undefined> {
    return this.reading(() => this.store.get(key));
  }

  getMany<const K extends readonly Key<unknown>[]>(keys: K): Promise<ValuesOf<K>> {
    return this.reading(() => this.store.getMany(keys));
  }

  query<T>(prefix: KeyPrefix<T>, options?: QueryOptions): Promise<StorePage<T>> {
    return this.reading(() => this.store.query(prefix, options));
  }

  set<T>(key: Key<T>, value: NoInfer<T>, options?: WriteOptions): Promise<void> {
    return this.writing(unitsOf({ key, value }), () => this.store.set(key, value, options));
  }

  create<T>(key: Key<T>, value: NoInfer<T>, options?: WriteOptions): Promise<boolean> {
    return this.writing(unitsOf({ key, value }), () => this.store.create(key, value, options));
  }

  delete(key: Key<unknown>): Promise<void> {
    return this.writing(1, () => this.store.delete(key));
  }

  transact(ops: StoreOp[]): Promise<void> {
    return this.writing(unitsOf(ops), () => this.store.transact(ops));
  }
}
