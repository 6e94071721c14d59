import { createHash } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkBatchRead,
  checkTransaction,
  checkWrite,
  pageOfKeys,
  type Key,
  type KeyPrefix,
  type QueryOptions,
  type Store,
  type StoreOp,
  StoreDamageError,
  type StorePage,
  type ValuesOf,
  type WriteOptions,
} from './port';

const JOURNAL = '_journal.json';

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

async function keyInside(path: string): Promise<string | undefined> {
  const stored = await readJson<{ key?: unknown }>(path);
  return typeof stored?.key === 'string' ? stored.key : undefined;
}

function decodeKey(name: string): string | undefined {
  try {
    return decodeURIComponent(name.slice(0, -SUFFIX.length));
  } catch {
    return undefined;
  }
}
const SUFFIX = '.json';

/** A key as a safe file name; long keys are hashed (the key itself is kept inside the file). */
function fileNameOf(key: string): string {
  const encoded = encodeURIComponent(key).replace(/\./g, '%2E').replace(/\*/g, '%2A');
  return encoded.length <= 180
    ? `${encoded}${SUFFIX}`
    : `h_${createHash('sha256').update(key).digest('hex')}${SUFFIX}`;
}

/**
 * A Store kept as one file per key in a folder, for the command line (and the local host's own records). Values are read
 * from disk when asked for, so a large item cache does not sit in memory. Each write replaces its file
 * atomically (temporary file, then rename); a transaction is first written to a journal, so after a
 * crash it is completed when the store is next opened, never left half-applied.
 */
export class FileStore implements Store {
  private readonly keys = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly folder: string) {}

  static async open(folder: string): Promise<FileStore> {
    const store = new FileStore(folder);
    await mkdir(folder, { recursive: true });
    const names = await readdir(folder);
    for (const name of names) {
      if (!name.endsWith(SUFFIX) || name === JOURNAL) continue;
      const key = name.startsWith('h_') ? await keyInside(join(folder, name)) : decodeKey(name);
      // A file whose key cannot be read is left alone: no key names it, so it is never read.
      if (key !== undefined) store.keys.set(key, name);
    }
    if (names.includes(JOURNAL)) {
      // The journal is written whole (temporary file, then rename) before any of its operations is
      // applied; one that cannot be read was never complete, so none of its operations ran.
      const ops = await readJson<StoreOp[]>(join(folder, JOURNAL));
      if (Array.isArray(ops)) await store.apply(ops);
      await rm(join(folder, JOURNAL), { force: true });
    }
    return store;
  }

  async get<T>(key: Key<T>): Promise<T | undefined> {
    await this.queue;
    const name = this.keys.get(key);
    if (!name) return undefined;
    const path = join(this.folder, name);
    const stored = await readJson<{ value: T }>(path);
    if (stored === undefined || typeof stored !== 'object' || stored === null || !('value' in stored)) {
      throw new StoreDamageError(key, `its file ${path} is not complete JSON`);
    }
    return stored.value;
  }

  async getMany<const K extends readonly Key<unknown>[]>(keys: K): Promise<ValuesOf<K>> {
    checkBatchRead(keys);
    return (await Promise.all(keys.map((key) => this.get(key)))) as ValuesOf<K>;
  }

  set<T>(key: Key<T>, value: NoInfer<T>, _options?: WriteOptions): Promise<void> {
    checkWrite(key, value);
    return this.serially(() => this.apply([{ kind: 'set', key, value }]));
  }

  /**
   * Written only where no file has the key: the value goes to a temporary file that is then hard-linked
   * to the key's name, which the file system refuses when the name exists, even to another process.
   */
  create<T>(key: Key<T>, value: NoInfer<T>, _options?: WriteOptions): Promise<boolean> {
    checkWrite(key, value);
    let created = false;
    return this.serially(async () => {
      if (this.keys.has(key)) return;
      const name = fileNameOf(key);
      const path = join(this.folder, name);
      const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(temporary, JSON.stringify({ key, value }));
      try {
        await link(temporary, path);
        this.keys.set(key, name);
        created = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        this.keys.set(key, name);
      } finally {
        await rm(temporary, { force: true });
      }
    }).then(() => created);
  }

  delete(key: Key<unknown>): Promise<void> {
    return this.serially(() => this.apply([{ kind: 'delete', key }]));
  }

  async query<T>(prefix: KeyPrefix<T>, options: QueryOptions = {}): Promise<StorePage<T>> {
    await this.queue;
    const { keys, nextCursor } = pageOfKeys(this.keys.keys(), prefix, options);
    const entries = await Promise.all(
      keys.map(async (name) => {
        const key = name as Key<T>;
        return { key, value: (await this.get(key)) as T };
      }),
    );
    return nextCursor ? { entries, nextCursor } : { entries };
  }

  transact(ops: StoreOp[]): Promise<void> {
    checkTransaction(ops);
    return this.serially(async () => {
      const journal = join(this.folder, JOURNAL);
      await writeFile(`${journal}.tmp`, JSON.stringify(ops));
      await rename(`${journal}.tmp`, journal);
      await this.apply(ops);
      await rm(join(this.folder, JOURNAL), { force: true });
    });
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async apply(ops: StoreOp[]): Promise<void> {
    for (const op of ops) {
      const name = fileNameOf(op.key);
      const path = join(this.folder, name);
      if (op.kind === 'delete') {
        await rm(path, { force: true });
        this.keys.delete(op.key);
      } else {
        const temporary = `${path}.${process.pid}.tmp`;
        await writeFile(temporary, JSON.stringify({ key: op.key, value: op.value }));
        await rename(temporary, path);
        this.keys.set(op.key, name);
      }
    }
  }
}
