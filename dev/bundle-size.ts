/**
 * Gzipped JavaScript and CSS each surface loads: the entry chunk plus the surface's lazy chunk and
 * everything they import statically, read from Vite's build manifest. `npm run bundle-size` prints them.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}

export const SURFACES: Record<string, string> = {
  'portfolio health gadget': 'src/surfaces/gadgets/HealthGadget.tsx',
  'delivery flow gadget': 'src/surfaces/gadgets/FlowGadget.tsx',
  'value by goal gadget': 'src/surfaces/gadgets/ValueGadget.tsx',
  'forecast gadget': 'src/surfaces/gadgets/ForecastGadget.tsx',
  'recent wins gadget': 'src/surfaces/gadgets/WinsGadget.tsx',
  'gadget edit view': 'src/surfaces/gadgets/GadgetEdit.tsx',
  'PMO wins page / Confluence': 'src/surfaces/WinsPage.tsx',
  'macro configuration': 'src/surfaces/MacroConfig.tsx',
  'settings page': 'src/surfaces/SettingsPage.tsx',
};

export interface SurfaceSize {
  surface: string;
  jsGzipBytes: number;
  cssGzipBytes: number;
  files: number;
}

export function surfaceSizes(distDir = resolve(__dirname, '../static/app/dist')): SurfaceSize[] {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const gz = new Map<string, number>();
  const sizeOf = (file: string) => {
    if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length);
    return gz.get(file) as number;
  };
  const collect = (key: string, seen: Set<string>) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) collect(imported, seen);
  };
  return Object.entries(SURFACES).map(([surface, source]) => {
    if (!manifest[source]) throw new Error(`The build has no chunk for ${source}`);
    const keys = new Set<string>();
    collect('index.html', keys);
    collect(source, keys);
    const chunks = [...keys].map((k) => manifest[k] as ManifestChunk);
    const css = new Set(chunks.flatMap((c) => c.css ?? []));
    return {
      surface,
      jsGzipBytes: chunks.reduce((sum, c) => sum + sizeOf(c.file), 0),
      cssGzipBytes: [...css].reduce((sum, f) => sum + sizeOf(f), 0),
      files: chunks.length + css.size,
    };
  });
}

if (require.main === module) {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log('surface                        JS (gzip)   CSS (gzip)  files');
  for (const s of surfaceSizes()) {
    console.log(
      `${s.surface.padEnd(30)} ${kb(s.jsGzipBytes).padStart(9)}   ${kb(s.cssGzipBytes).padStart(9)}  ${s.files}`,
    );
  }
}
