/**
 * `npm run dev:ui`: the Vite server `forge tunnel` forwards Custom UI requests to, on the port
 * manifest.yml's `resources[].tunnel.port` names.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('the UI dev server for forge tunnel', () => {
  it('listens on the port manifest.yml gives the tunnel', () => {
    const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')) as {
      resources: Array<{ key: string; tunnel?: { port: number } }>;
    };
    const script = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts['dev:ui'];
    const port = manifest.resources.find((r) => r.key === 'main')?.tunnel?.port;
    expect(port).toBeDefined();
    expect(script).toContain(`--port ${port} --strictPort`);
  });

  describe('serving the app', () => {
    let vite: ChildProcess;
    let url: string;
    beforeAll(async () => {
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      vite = spawn(
        process.execPath,
        [
          join(ROOT, 'node_modules/vite/bin/vite.js'),
          '--config',
          'static/app/vite.config.mts',
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
          '--strictPort',
        ],
        { cwd: ROOT, stdio: 'pipe' },
      );
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('Vite did not start in 30 s')), 30_000);
        vite.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready in')) {
            clearTimeout(timer);
            resolve();
          }
        });
        vite.once('exit', (code) => reject(new Error(`Vite exited with ${code}`)));
      });
    }, 40_000);
    afterAll(() => {
      vite.kill();
    });

    it('serves the page and compiles its entry module on request', async () => {
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('src="./src/main.tsx"');
      const entry = await fetch(`${url}/src/main.tsx`);
      expect(entry.status).toBe(200);
      expect(entry.headers.get('content-type')).toContain('javascript');
      // Compiled from TSX: React's JSX runtime, and the surfaces as lazy chunks.
      const code = await entry.text();
      expect(code).toContain('react_jsx-dev-runtime');
      expect(code).toContain('/src/surfaces/gadgets/HealthGadget.tsx');
    });
  });
});
