import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** A UI module as manifest.yml declares it; the host draws each one where its product would. */
export interface UiModule {
  type: string;
  key: string;
  title: string;
  resource: string;
  resolverFunction: string | null;
  hasEdit: boolean;
}

export interface ManifestInfo {
  modules: UiModule[];
  /** Function key -> handler ("index.resolver"). */
  functions: Record<string, string>;
}

const UI_TYPES = [
  'jira:dashboardGadget',
  'jira:globalPage',
  'jira:adminPage',
  'macro',
  'confluence:globalPage',
];

export function readManifest(file: string): ManifestInfo {
  const manifest = parse(readFileSync(file, 'utf8')) as {
    modules: Record<string, Array<Record<string, unknown>>>;
  };
  const modules: UiModule[] = [];
  for (const type of UI_TYPES) {
    for (const m of manifest.modules[type] ?? []) {
      const resolver = m.resolver as { function?: string } | undefined;
      modules.push({
        type,
        key: String(m.key),
        title: String(m.title),
        resource: String(m.resource),
        resolverFunction: resolver?.function ?? null,
        hasEdit: m.edit !== undefined,
      });
    }
  }
  const functions: Record<string, string> = {};
  for (const f of manifest.modules.function ?? []) functions[String(f.key)] = String(f.handler);
  return { modules, functions };
}
