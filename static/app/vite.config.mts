import react from '@vitejs/plugin-react';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The Confluence macro's configuration view is its own Forge resource (manifest: macro.config.resource),
 * so it needs its own directory: the same build, with a marker in index.html that main.tsx reads.
 */
function macroConfigResource(): Plugin {
  const dist = resolve(import.meta.dirname, 'dist');
  const target = resolve(import.meta.dirname, 'dist-macro-config');
  return {
    name: 'pmo-macro-config-resource',
    apply: 'build',
    closeBundle() {
      rmSync(target, { recursive: true, force: true });
      cpSync(dist, target, { recursive: true });
      const index = resolve(target, 'index.html');
      const html = readFileSync(index, 'utf8');
      writeFileSync(
        index,
        html.replace('<head>', '<head>\n    <meta name="pmo-entry" content="macro-config" />'),
      );
    },
  };
}

// One Custom UI resource for every module; surfaces are lazy chunks so a gadget loads only what it shows.
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react(), macroConfigResource()],
  resolve: {
    alias: {
      '@atlaskit/feature-gate-js-client/feature-gates': resolve(
        import.meta.dirname,
        'src/shims/feature-gates-off.ts',
      ),
    },
  },
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 500,
  },
});
