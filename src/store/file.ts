import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MemoryStore } from './memory';

/**
 * A Store kept in one JSON file, for the local host and the command line. Every write replaces the file
 * atomically (write a temporary file, then rename), so a crash never leaves it half-written.
 */
export class FileStore extends MemoryStore {
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {
    super();
  }

  static async open(folder: string): Promise<FileStore> {
    const store = new FileStore(join(folder, 'store.json'));
    await mkdir(folder, { recursive: true });
    try {
      const parsed = JSON.parse(await readFile(store.file, 'utf8')) as Record<string, unknown>;
      for (const [key, value] of Object.entries(parsed)) store.data.set(key, JSON.stringify(value));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(`Cannot read the store file ${store.file}: ${(error as Error).message}`);
      }
    }
    return store;
  }

  protected override persist(): Promise<void> {
    const snapshot = JSON.stringify(Object.fromEntries([...this.data].map(([k, v]) => [k, JSON.parse(v)])));
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, snapshot);
      await rename(temporary, this.file);
    });
    return this.writing;
  }
}
