import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkTransaction,
  checkWrite,
  pageOfKeys,
  type Key,
  type KeyPrefix,
  type QueryOptions,
  type Store,
  type StoreOp,
  type StorePage,
} from './port';

const JOURNAL = '_journal.json';
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
      const key = name.startsWith('h_')
        ? (JSON.parse(await readFile(join(folder, name), 'utf8')) as { key: string }).key
        : decodeURIComponent(name.slice(0, -SUFFIX.length));
      store.keys.set(key, name);
    }
    if (names.includes(JOURNAL)) {
      const ops = JSON.parse(await readFile(join(folder, JOURNAL), 'utf8')) as StoreOp[];
      await store.apply(ops);
      await rm(join(folder, JOURNAL), { force: true });
    }
    return store;
  }

  async get<T>(key: Key<T>): Promise<T | undefined> {
    await this.queue;
    const name = this.keys.get(key);
    if (!name) return undefined;
    return (JSON.parse(await readFile(join(this.folder, name), 'utf8')) as { value: T }).value;
  }

  set<T>(key: Key<T>, value: NoInfer<T>): Promise<void> {
    checkWrite(key, value);
    return this.serially(() => this.apply([{ kind: 'set', key, value }]));
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
      await writeFile(join(this.folder, JOURNAL), JSON.stringify(ops));
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
