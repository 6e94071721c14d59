/**
 * Longer than 400 lines: one REST API with its limits; each operation's checks sit beside it, as Forge's
 * table of errors lists them.
 *
 * The KVS service the `@forge/kvs` client talks to (`POST /api/v1/...`), for one installation: get, set
 * (TTL, key policies), delete, query by key prefix with cursors, batches, transactions and secrets, with
 * Forge's documented limits and error bodies (`{code, message}`), and the per-minute read and write units
 * (10 KB each) that answer 429 RATE_LIMIT_EXCEEDED when spent. Kept in memory and in a journal file, so
 * the data outlives the process and a crash never leaves half a request applied.
 */
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import {
  pageOfKeys,
  type Key,
  type KeyPrefix,
  type QueryOptions,
  type Store,
  type ValuesOf,
} from '../../src/store/port';
import { KVS_LIMITS } from './limits';

export interface KvsAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What one request cost, for the invocation's meter. */
export interface KvsCost {
  readUnits: number;
  writeUnits: number;
  bytesRead: number;
  bytesWritten: number;
}

interface Entry {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expireAt?: number;
}

type Limits = {
  -readonly [K in keyof typeof KVS_LIMITS]: (typeof KVS_LIMITS)[K] extends number ? number : RegExp;
};

export interface KvsOptions {
  /** The journal file; none keeps the data in memory only. */
  file?: string;
  now?: () => number;
  /** Overrides of the documented limits (tests that break one on purpose). */
  limits?: Partial<Pick<Limits, 'readUnitsPerMinute' | 'writeUnitsPerMinute'>>;
  /** How long an expired value stays readable before it is removed (Forge: "up to 48 hours"). */
  expiredGraceMs?: number;
  /** The window the unit limits apply to (Forge: a minute; tests shorten it with smaller limits). */
  windowMs?: number;
  /** Where warnings go (a damaged journal); the console by default. */
  warn?: (message: string) => void;
}

class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TTL_SECONDS: Record<string, number> = { SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86_400 };

type JournalOp = { k: string; v?: Entry; d?: true };

function depthOf(value: unknown, depth = 0): number {
  if (value === null || typeof value !== 'object') return depth;
  let deepest = depth + 1;
  for (const child of Object.values(value as Record<string, unknown>)) {
    deepest = Math.max(deepest, depthOf(child, depth + 1));
  }
  return deepest;
}

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

export class LocalKvs {
  private readonly data = new Map<string, Entry>();
  private readonly secrets = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly warn: (message: string) => void;
  private readonly limits: Limits;
  private readonly grace: number;
  private readonly windowMs: number;
  private readonly usage = { read: [] as Array<[number, number]>, write: [] as Array<[number, number]> };
  private journalLines = 0;

  constructor(private readonly options: KvsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.limits = { ...KVS_LIMITS, ...options.limits };
    this.grace = options.expiredGraceMs ?? 48 * 3_600_000;
    this.windowMs = options.windowMs ?? 60_000;
    if (options.file) this.load(options.file);
  }

  /**
   * A read-only look at the stored data, outside any invocation (not metered, never throttled): for tests
   * and the benchmark, as a developer would open the installation's storage. Writes are refused.
   */
  inspector(): Store {
    const refuse = () => Promise.reject(new Error('The storage inspector is read-only'));
    return {
      get: <T>(key: Key<T>) => Promise.resolve(structuredClone(this.data.get(key)?.value) as T | undefined),
      getMany: <const K extends readonly Key<unknown>[]>(keys: K) =>
        Promise.resolve(keys.map((key) => structuredClone(this.data.get(key)?.value)) as ValuesOf<K>),
      query: <T>(prefix: KeyPrefix<T>, options: QueryOptions = {}) => {
        const { keys, nextCursor } = pageOfKeys(this.data.keys(), prefix, options);
        const entries = keys.map((key) => ({
          key: key as Key<T>,
          value: structuredClone(this.data.get(key)?.value) as T,
        }));
        return Promise.resolve(nextCursor ? { entries, nextCursor } : { entries });
      },
      set: refuse,
      create: refuse,
      delete: refuse,
      transact: refuse,
    };
  }

  /** How many keys and bytes are stored (expired values included, until removed). */
  size(): { keys: number; bytes: number } {
    let bytes = 0;
    for (const entry of this.data.values()) bytes += bytesOf(entry.value);
    return { keys: this.data.size, bytes };
  }

  handle(path: string, body: unknown): { answer: KvsAnswer; cost: KvsCost } {
    const cost: KvsCost = { readUnits: 0, writeUnits: 0, bytesRead: 0, bytesWritten: 0 };
    try {
      this.purgeExpired();
      const answer = this.route(path, body, cost, Buffer.byteLength(JSON.stringify(body) ?? '', 'utf8'));
      return { answer, cost };
    } catch (error) {
      if (error instanceof KvsError) {
        return {
          answer: {
            status: error.status,
            body: { code: error.code, message: error.message },
            ...(error.status === 429
              ? { headers: { 'retry-after': String(Math.ceil(this.windowMs / 1000)) } }
              : {}),
          },
          cost,
        };
      }
      throw error;
    }
  }

  private route(path: string, body: unknown, cost: KvsCost, requestBytes: number): KvsAnswer {
    const b = (body ?? {}) as Record<string, unknown>;
    switch (path) {
      case '/api/v1/get':
        return this.get(this.data, b, cost);
      case '/api/v1/secret/get':
        return this.get(this.secrets, b, cost);
      case '/api/v1/set':
        return this.set(this.data, b, cost, requestBytes);
      case '/api/v1/secret/set':
        return this.set(this.secrets, b, cost, requestBytes);
      case '/api/v1/delete':
        return this.remove(this.data, b, cost);
      case '/api/v1/secret/delete':
        return this.remove(this.secrets, b, cost);
      case '/api/v1/query':
        return this.query(b, cost);
      case '/api/v1/batch/set':
        return this.batchSet(body, cost, requestBytes);
      case '/api/v1/batch/get':
        return this.batchGet(body, cost);
      case '/api/v1/batch/delete':
        return this.batchDelete(body, cost, requestBytes);
      case '/api/v1/transaction':
        return this.transaction(b, cost, requestBytes);
      default:
        if (path.startsWith('/api/v1/entity/')) {
          throw new KvsError(
            400,
            'INVALID_REQUEST',
            'Custom entities are not declared by this app (manifest.yml has no storage entities)',
          );
        }
        throw new KvsError(404, 'NOT_FOUND', `No KVS operation at ${path}`);
    }
  }

  // --- limits -------------------------------------------------------------------------------------

  private checkKey(key: unknown): string {
    if (typeof key !== 'string' || key.length === 0) {
      throw new KvsError(400, 'KEY_TOO_SHORT', 'The provided key needs to be more than one character.');
    }
    if (key.length > this.limits.keyLength) {
      throw new KvsError(
        400,
        'KEY_TOO_LONG',
        `The provided key has exceeded the maximum ${this.limits.keyLength} characters.`,
      );
    }
    if (!this.limits.keyPattern.test(key)) {
      throw new KvsError(
        400,
        'INVALID_KEY',
        `The key "${key.slice(0, 80)}" must match ${String(this.limits.keyPattern)}`,
      );
    }
    return key;
  }

  private checkValue(key: string, value: unknown): void {
    if (value === undefined) throw new KvsError(400, 'INVALID_VALUE', `No value given for "${key}"`);
    const bytes = bytesOf(value);
    if (bytes > this.limits.valueBytes) {
      throw new KvsError(
        400,
        'MAX_SIZE',
        `The value of "${key}" is ${bytes} bytes, over the maximum of ${this.limits.valueBytes}.`,
      );
    }
    if (depthOf(value) > this.limits.objectDepth) {
      throw new KvsError(
        400,
        'MAX_DEPTH',
        `The value of "${key}" exceeded the maximum object depth (${this.limits.objectDepth}) limit.`,
      );
    }
  }

  private expiryOf(options: unknown): number | undefined {
    const ttl = (options as { ttl?: { value?: unknown; unit?: unknown } } | undefined)?.ttl;
    if (!ttl) return undefined;
    const unit = TTL_SECONDS[String(ttl.unit)];
    const value = ttl.value;
    if (!unit || typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new KvsError(
        400,
        'INVALID_TTL',
        'ttl needs a positive value and a unit SECONDS|MINUTES|HOURS|DAYS',
      );
    }
    if (value * unit > this.limits.ttlMaxSeconds) {
      throw new KvsError(400, 'INVALID_TTL', 'The maximum supported TTL is 1 year from the time it is set');
    }
    return this.now() + value * unit * 1000;
  }

  /** Spends units of the per-minute budget, or refuses the whole request with 429. */
  private spend(kind: 'read' | 'write', bytes: number, cost: KvsCost): void {
    const units = Math.max(1, Math.ceil(bytes / this.limits.unitBytes));
    const now = this.now();
    const log = this.usage[kind];
    while (log.length > 0 && (log[0] as [number, number])[0] <= now - this.windowMs) log.shift();
    const used = log.reduce((sum, [, u]) => sum + u, 0);
    const limit = kind === 'read' ? this.limits.readUnitsPerMinute : this.limits.writeUnitsPerMinute;
    if (used + units > limit) {
      throw new KvsError(
        429,
        'RATE_LIMIT_EXCEEDED',
        `This installation used ${used} of its ${limit} storage ${kind} units in the last ${this.windowMs / 1000} s; this request needs ${units}.`,
      );
    }
    log.push([now, units]);
    if (kind === 'read') {
      cost.readUnits += units;
      cost.bytesRead += bytes;
    } else {
      cost.writeUnits += units;
      cost.bytesWritten += bytes;
    }
  }

  // --- operations ---------------------------------------------------------------------------------

  private metadata(key: string, entry: Entry, fields: unknown) {
    const wanted = Array.isArray(fields) ? (fields as string[]) : [];
    return {
      key,
      value: entry.value,
      ...(wanted.includes('CREATED_AT') ? { createdAt: entry.createdAt } : {}),
      ...(wanted.includes('UPDATED_AT') ? { updatedAt: entry.updatedAt } : {}),
      ...(wanted.includes('EXPIRE_TIME') && entry.expireAt !== undefined
        ? { expireTime: new Date(entry.expireAt).toISOString() }
        : {}),
    };
  }

  private get(map: Map<string, Entry>, b: Record<string, unknown>, cost: KvsCost): KvsAnswer {
    const key = this.checkKey(b.key);
    const entry = map.get(key);
    this.spend('read', entry ? bytesOf(entry.value) : 0, cost);
    if (!entry) throw new KvsError(404, 'KEY_NOT_FOUND', 'The specified key does not exist.');
    const options = b.options as { metadataFields?: unknown } | undefined;
    return {
      status: 200,
      body: this.metadata(key, entry, options?.metadataFields ?? ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']),
    };
  }

  private set(map: Map<string, Entry>, b: Record<string, unknown>, cost: KvsCost, bytes: number): KvsAnswer {
    const key = this.checkKey(b.key);
    this.checkValue(key, b.value);
    const options = (b.options ?? {}) as {
      keyPolicy?: string;
      returnValue?: string;
      returnMetadataFields?: unknown;
    };
    const expireAt = this.expiryOf(options);
    if (
      options.keyPolicy !== undefined &&
      options.keyPolicy !== 'OVERRIDE' &&
      options.keyPolicy !== 'FAIL_IF_EXISTS'
    ) {
      throw new KvsError(400, 'INVALID_KEY_POLICY', `Unknown keyPolicy "${options.keyPolicy}"`);
    }
    if (options.returnValue !== undefined && options.keyPolicy !== 'OVERRIDE') {
      throw new KvsError(
        400,
        'INVALID_KEY_POLICY_RETURN_VALUE_COMBINATION',
        'returnValue is only allowed with keyPolicy OVERRIDE',
      );
    }
    this.spend('write', bytes, cost);
    const previous = map.get(key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous) {
      throw new KvsError(
        409,
        'KEY_CONFLICT',
        'The provided key already exists and the key policy is set to FAIL_IF_EXISTS',
      );
    }
    const now = this.now();
    const entry: Entry = {
      value: structuredClone(b.value),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      ...(expireAt !== undefined ? { expireAt } : {}),
    };
    this.commit(map, [{ k: key, v: entry }]);
    if (options.returnValue === 'PREVIOUS' || options.returnValue === 'LATEST') {
      const shown = options.returnValue === 'LATEST' ? entry : previous;
      return { status: 200, body: shown ? this.metadata(key, shown, options.returnMetadataFields) : { key } };
    }
    return { status: 204 };
  }

  private remove(map: Map<string, Entry>, b: Record<string, unknown>, cost: KvsCost): KvsAnswer {
    const key = this.checkKey(b.key);
    this.spend('write', 0, cost);
    if (map.has(key)) this.commit(map, [{ k: key, d: true }]);
    return { status: 204 };
  }

  private query(b: Record<string, unknown>, cost: KvsCost): KvsAnswer {
    const limit = b.limit === undefined ? this.limits.queryDefault : Number(b.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > this.limits.queryMax) {
      throw new KvsError(
        400,
        'LIST_QUERY_LIMIT_EXCEEDED',
        `Limit for list query should be between 1 and ${this.limits.queryMax}; got ${String(b.limit)}.`,
      );
    }
    let prefix = '';
    if (b.where !== undefined) {
      const where = b.where as Array<{ property?: string; condition?: string; values?: unknown[] }>;
      if (!Array.isArray(where) || where.length !== 1) {
        throw new KvsError(
          400,
          'QUERY_WHERE_INVALID',
          'KVS queries should contain only a single "where" clause.',
        );
      }
      const [clause] = where as [{ property?: string; condition?: string; values?: unknown[] }];
      if (clause.property !== 'key') {
        throw new KvsError(
          400,
          'QUERY_WHERE_FIELD_INVALID',
          'The specified field is not supported for filters.',
        );
      }
      if (clause.condition !== 'BEGINS_WITH') {
        throw new KvsError(400, 'INVALID_FILTER_CONDITION', 'The Key-Value Store supports only beginsWith.');
      }
      if (!Array.isArray(clause.values) || clause.values.length !== 1) {
        throw new KvsError(400, 'INVALID_FILTER_VALUES', 'beginsWith takes exactly one value.');
      }
      prefix = String(clause.values[0]);
    }
    let after = '';
    if (b.after !== undefined && b.after !== null) {
      try {
        const decoded = JSON.parse(Buffer.from(String(b.after), 'base64url').toString('utf8')) as {
          p?: string;
          k?: string;
        };
        if (decoded.p !== prefix || typeof decoded.k !== 'string') throw new Error('mismatch');
        after = decoded.k;
      } catch {
        throw new KvsError(400, 'INVALID_CURSOR', 'The cursor does not belong to this query.');
      }
    }
    const keys = [...this.data.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const page = keys.slice(0, limit);
    const options = b.options as { metadataFields?: unknown } | undefined;
    const data = page.map((k) => this.metadata(k, this.data.get(k) as Entry, options?.metadataFields));
    this.spend('read', bytesOf(data), cost);
    const last = page[page.length - 1];
    const cursor =
      keys.length > limit && last !== undefined
        ? Buffer.from(JSON.stringify({ p: prefix, k: last })).toString('base64url')
        : undefined;
    return { status: 200, body: cursor ? { data, cursor } : { data } };
  }

  private batchItems(body: unknown, bytes: number): Array<Record<string, unknown>> {
    if (!Array.isArray(body) || body.length === 0) {
      throw new KvsError(400, 'INVALID_REQUEST', 'A batch operation needs at least one key.');
    }
    if (body.length > this.limits.batchKeys) {
      throw new KvsError(
        400,
        'BATCH_SIZE_EXCEEDED',
        `A batch operation can contain at most ${this.limits.batchKeys} keys; got ${body.length}.`,
      );
    }
    if (bytes > this.limits.batchBytes) {
      throw new KvsError(400, 'MAX_SIZE', `A batch operation is limited to ${this.limits.batchBytes} bytes.`);
    }
    const keys = body.map((item: Record<string, unknown>) => this.checkKey(item?.key));
    if (new Set(keys).size !== keys.length) {
      throw new KvsError(400, 'INVALID_REQUEST', 'A batch operation may name each key once.');
    }
    return body as Array<Record<string, unknown>>;
  }

  private batchSet(body: unknown, cost: KvsCost, bytes: number): KvsAnswer {
    const items = this.batchItems(body, bytes);
    this.spend('write', bytes, cost);
    const successfulKeys: Array<{ key: string }> = [];
    const failedKeys: Array<{ key: string; error: { code: string; message: string } }> = [];
    const ops: JournalOp[] = [];
    const now = this.now();
    for (const item of items) {
      const key = item.key as string;
      try {
        if (item.entityName !== undefined) throw new KvsError(400, 'INVALID_REQUEST', 'No custom entities');
        this.checkValue(key, item.value);
        const expireAt = this.expiryOf(item.options);
        const previous = this.data.get(key);
        ops.push({
          k: key,
          v: {
            value: structuredClone(item.value),
            createdAt: previous?.createdAt ?? now,
            updatedAt: now,
            ...(expireAt !== undefined ? { expireAt } : {}),
          },
        });
        successfulKeys.push({ key });
      } catch (error) {
        if (!(error instanceof KvsError)) throw error;
        failedKeys.push({ key, error: { code: error.code, message: error.message } });
      }
    }
    this.commit(this.data, ops);
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchGet(body: unknown, cost: KvsCost): KvsAnswer {
    const items = this.batchItems(body, bytesOf(body));
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    let bytes = 0;
    for (const item of items) {
      const key = item.key as string;
      const entry = this.data.get(key);
      if (entry) {
        bytes += bytesOf(entry.value);
        const options = item.options as { metadataFields?: unknown } | undefined;
        successfulKeys.push(this.metadata(key, entry, options?.metadataFields));
      } else {
        failedKeys.push({
          key,
          error: { code: 'KEY_NOT_FOUND', message: 'The specified key does not exist.' },
        });
      }
    }
    this.spend('read', bytes, cost);
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchDelete(body: unknown, cost: KvsCost, bytes: number): KvsAnswer {
    const items = this.batchItems(body, bytes);
    this.spend('write', bytes, cost);
    const keys = items.map((item) => item.key as string);
    this.commit(
      this.data,
      keys.filter((k) => this.data.has(k)).map((k) => ({ k, d: true as const })),
    );
    return { status: 200, body: { successfulKeys: keys.map((key) => ({ key })), failedKeys: [] } };
  }

  private transaction(b: Record<string, unknown>, cost: KvsCost, bytes: number): KvsAnswer {
    const sets = (b.set ?? []) as Array<Record<string, unknown>>;
    const deletes = (b.delete ?? []) as Array<Record<string, unknown>>;
    const checks = (b.check ?? []) as Array<Record<string, unknown>>;
    if (!Array.isArray(sets) || !Array.isArray(deletes) || !Array.isArray(checks)) {
      throw new KvsError(400, 'INVALID_TRANSACTION_REQUEST', 'set, delete and check must be lists.');
    }
    const total = sets.length + deletes.length + checks.length;
    if (total === 0) {
      throw new KvsError(
        400,
        'INVALID_TRANSACTION_REQUEST',
        'Transaction request must include one of set, check or delete.',
      );
    }
    if (total > this.limits.transactionOps) {
      throw new KvsError(
        400,
        'INVALID_TRANSACTION_REQUEST',
        `Each transaction can contain a maximum of ${this.limits.transactionOps} operations; got ${total}.`,
      );
    }
    if (bytes > this.limits.transactionBytes) {
      throw new KvsError(
        400,
        'MAX_SIZE',
        `Each transaction is limited to ${this.limits.transactionBytes} bytes.`,
      );
    }
    const all = [...sets, ...deletes, ...checks];
    if (all.some((op) => op.entityName !== undefined || op.conditions !== undefined) || checks.length > 0) {
      throw new KvsError(
        400,
        'INVALID_TRANSACTION_REQUEST',
        'Conditions and checks apply to custom entities only, and this app declares none.',
      );
    }
    const keys = all.map((op) => this.checkKey(op.key));
    if (new Set(keys).size !== keys.length) {
      throw new KvsError(
        400,
        'INVALID_TRANSACTION_REQUEST',
        'Each key can only be used once in a transaction.',
      );
    }
    const now = this.now();
    const ops: JournalOp[] = [];
    for (const op of sets) {
      const key = op.key as string;
      this.checkValue(key, op.value);
      const expireAt = this.expiryOf(op.options);
      ops.push({
        k: key,
        v: {
          value: structuredClone(op.value),
          createdAt: this.data.get(key)?.createdAt ?? now,
          updatedAt: now,
          ...(expireAt !== undefined ? { expireAt } : {}),
        },
      });
    }
    for (const op of deletes) ops.push({ k: op.key as string, d: true });
    // A transaction counts as one write of its whole size.
    this.spend('write', bytes, cost);
    this.commit(this.data, ops);
    return { status: 204 };
  }

  // --- storage ------------------------------------------------------------------------------------

  private purgeExpired(): void {
    const cutoff = this.now() - this.grace;
    const gone: JournalOp[] = [];
    for (const [k, e] of this.data)
      if (e.expireAt !== undefined && e.expireAt <= cutoff) gone.push({ k, d: true });
    if (gone.length > 0) this.commit(this.data, gone);
  }

  /** Applies a request's changes in memory and as one journal line: all of them survive a crash, or none. */
  private commit(map: Map<string, Entry>, ops: JournalOp[]): void {
    if (ops.length === 0) return;
    for (const op of ops) {
      if (op.d) map.delete(op.k);
      else map.set(op.k, op.v as Entry);
    }
    const file = this.options.file;
    if (!file) return;
    const space = map === this.secrets ? 's' : 'd';
    appendFileSync(file, `${JSON.stringify({ s: space, ops })}\n`);
    this.journalLines += 1;
    if (this.journalLines > 5_000) this.compact(file);
  }

  private compact(file: string): void {
    const lines = [
      JSON.stringify({ s: 'd', ops: [...this.data].map(([k, v]) => ({ k, v })) }),
      JSON.stringify({ s: 's', ops: [...this.secrets].map(([k, v]) => ({ k, v })) }),
    ];
    writeFileSync(`${file}.tmp`, `${lines.join('\n')}\n`);
    renameSync(`${file}.tmp`, file);
    this.journalLines = 2;
  }

  /**
   * Replays the journal. The last line may be cut short by a crash: that request never finished, so it
   * is dropped. A damaged line anywhere else (the file was cut or edited) is skipped too, so the host
   * still starts: the file as it was is kept beside it (`.damaged-<time>`) and the skipped lines are
   * named, and the app's own checks deal with any value left stale by a lost change.
   */
  private load(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file)) return;
    const lines = readFileSync(file, 'utf8').split('\n');
    const damaged: number[] = [];
    lines.forEach((line, index) => {
      if (!line) return;
      let parsed: { s: 's' | 'd'; ops: JournalOp[] };
      try {
        parsed = JSON.parse(line) as typeof parsed;
        if (!Array.isArray(parsed.ops)) throw new Error('no operations');
      } catch {
        if (index < lines.length - 2) damaged.push(index + 1);
        return;
      }
      const map = parsed.s === 's' ? this.secrets : this.data;
      for (const op of parsed.ops) {
        if (typeof op?.k !== 'string') continue;
        if (op.d) map.delete(op.k);
        else if (op.v && typeof op.v === 'object') map.set(op.k, op.v);
      }
    });
    if (damaged.length > 0) {
      const kept = `${file}.damaged-${this.now()}`;
      copyFileSync(file, kept);
      this.warn(
        `${file}: skipped ${damaged.length} damaged line(s) (${damaged.slice(0, 10).join(', ')}${damaged.length > 10 ? ', …' : ''}); the file as it was is kept as ${kept}`,
      );
    }
    this.compact(file);
  }
}
