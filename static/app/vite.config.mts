import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// One Custom UI resource for every module; surfaces are lazy chunks so a gadget loads only what it shows.
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
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
