/**
 * Cuts Atlassian's Jira Cloud platform OpenAPI document (about 2.4 MB) down to the operations the contract
 * tests check, plus every component they reach through `$ref`, so the repository carries a small copy and
 * the tests need nothing outside it. The result is formatted with the project's Prettier settings so
 * `npm run lint` accepts it as generated.
 *
 *   npx tsx dev/trim-openapi.ts <path to jira-platform.v3.json> [output file]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import * as prettier from 'prettier';

type Json = Record<string, unknown>;

const DEFAULT_OUTPUT = resolve(__dirname, '../test/contract/openapi/jira-platform.v3.trimmed.json');

/**
 * The operations test/contract/demo-jira.contract.test.ts validates responses against. A test that checks a
 * new operation fails until it is added here and the copy is regenerated.
 */
export const KEPT_OPERATIONS: Readonly<Record<string, readonly ('get' | 'post')[]>> = {
  '/rest/api/3/changelog/bulkfetch': ['post'],
  '/rest/api/3/field': ['get'],
  '/rest/api/3/issue/bulkfetch': ['post'],
  '/rest/api/3/jql/parse': ['post'],
  '/rest/api/3/mypermissions': ['get'],
  '/rest/api/3/myself': ['get'],
  '/rest/api/3/permissions/check': ['post'],
  '/rest/api/3/project/search': ['get'],
  '/rest/api/3/project/{projectKeyOrId}/securitylevel': ['get'],
  '/rest/api/3/search/approximate-count': ['post'],
  '/rest/api/3/search/jql': ['get', 'post'],
  '/rest/api/3/serverInfo': ['get'],
  '/rest/api/3/status': ['get'],
};

/** Component schemas the tests name directly rather than reach through an operation. */
export const KEPT_SCHEMAS: readonly string[] = [
  // Every error body is checked against it, whatever the operation.
  'ErrorCollection',
  // test/contract/jira-openapi.ts corrects these two; keeping them explicitly makes a missing one an error here.
  'ChangeDetails',
  'JqlQueryClause',
];

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Calls `visit` with every `$ref` string inside `node`. */
function eachRef(node: unknown, visit: (ref: string) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) eachRef(item, visit);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') visit(value);
    else eachRef(value, visit);
  }
}

/** Returns the trimmed document; throws when the source lacks something the tests need or a `$ref` dangles. */
export function trimOpenApi(source: Json): Json {
  const sourcePaths = source.paths as Record<string, Json>;
  const sourceComponents = (source.components ?? {}) as Record<string, Record<string, unknown>>;

  const paths: Record<string, Json> = {};
  for (const [pathTemplate, methods] of Object.entries(KEPT_OPERATIONS)) {
    const item = sourcePaths[pathTemplate];
    if (!item) throw new Error(`The document has no path ${pathTemplate}.`);
    const kept: Json = {};
    // Path-level keys (shared parameters, summary) apply to every method, so they stay.
    for (const [key, value] of Object.entries(item)) {
      const isMethod = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(key);
      if (!isMethod || (methods as readonly string[]).includes(key)) kept[key] = value;
    }
    for (const method of methods) {
      if (!kept[method]) throw new Error(`The document has no ${method.toUpperCase()} ${pathTemplate}.`);
    }
    paths[pathTemplate] = kept;
  }

  // Breadth-first over components: each newly kept one may refer to more.
  const keptComponents = new Map<string, Set<string>>();
  const queue: unknown[] = [paths];
  const keep = (section: string, name: string): void => {
    const names = keptComponents.get(section) ?? new Set<string>();
    keptComponents.set(section, names);
    if (names.has(name)) return;
    const component = sourceComponents[section]?.[name];
    if (component === undefined) throw new Error(`The document has no #/components/${section}/${name}.`);
    names.add(name);
    queue.push(component);
  };
  for (const name of KEPT_SCHEMAS) keep('schemas', name);
  while (queue.length > 0) {
    eachRef(queue.shift(), (ref) => {
      const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
      if (!match) throw new Error(`Unsupported $ref ${ref}: only #/components/<section>/<name> is followed.`);
      keep(decodePointer(match[1] as string), decodePointer(match[2] as string));
    });
  }

  // Source order, so regenerating from a newer document gives a readable diff.
  const components: Record<string, Record<string, unknown>> = {};
  for (const [section, entries] of Object.entries(sourceComponents)) {
    const names = keptComponents.get(section);
    if (!names) continue;
    components[section] = Object.fromEntries(Object.entries(entries).filter(([name]) => names.has(name)));
  }

  // Security requirements name schemes and scopes rather than `$ref` them; keep those in use so the
  // trimmed copy is still a valid OpenAPI document.
  const usedScopes = new Map<string, Set<string>>();
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      const security = (operation as Json | null)?.security;
      if (!Array.isArray(security)) continue;
      for (const requirement of security as Record<string, string[]>[]) {
        for (const [scheme, scopes] of Object.entries(requirement)) {
          const set = usedScopes.get(scheme) ?? new Set<string>();
          for (const scope of scopes) set.add(scope);
          usedScopes.set(scheme, set);
        }
      }
    }
  }
  const sourceSchemes = (sourceComponents.securitySchemes ?? {}) as Record<string, Json>;
  const securitySchemes: Record<string, Json> = {};
  for (const [name, scheme] of Object.entries(sourceSchemes)) {
    const scopes = usedScopes.get(name);
    if (!scopes) continue;
    const copy = structuredClone(scheme);
    for (const flow of Object.values((copy.flows ?? {}) as Record<string, Json>)) {
      const all = (flow.scopes ?? {}) as Record<string, string>;
      flow.scopes = Object.fromEntries(Object.entries(all).filter(([scope]) => scopes.has(scope)));
    }
    securitySchemes[name] = copy;
  }
  if (Object.keys(securitySchemes).length > 0) components.securitySchemes = securitySchemes;

  const usedTags = new Set<string>();
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      const tags = (operation as Json | null)?.tags;
      if (Array.isArray(tags)) for (const tag of tags) usedTags.add(String(tag));
    }
  }

  const trimmed: Json = {};
  // The narrative (the API's long introduction) is prose for the developer site, not part of the contract.
  for (const key of ['openapi', 'info', 'servers', 'externalDocs', 'security']) {
    if (source[key] !== undefined) trimmed[key] = source[key];
  }
  if (Array.isArray(source.tags)) {
    trimmed.tags = (source.tags as Json[]).filter((tag) => usedTags.has(String(tag.name)));
  }
  trimmed.paths = paths;
  trimmed.components = components;
  return trimmed;
}

async function main(): Promise<void> {
  const [sourceArg, outputArg] = process.argv.slice(2);
  if (!sourceArg) {
    console.error('Usage: npx tsx dev/trim-openapi.ts <path to jira-platform.v3.json> [output file]');
    process.exit(2);
  }
  const source = JSON.parse(readFileSync(resolve(sourceArg), 'utf8')) as Json;
  const output = outputArg ? resolve(outputArg) : DEFAULT_OUTPUT;
  const trimmed = trimOpenApi(source);
  const options = (await prettier.resolveConfig(output)) ?? {};
  const text = await prettier.format(JSON.stringify(trimmed), { ...options, filepath: output });
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, text);
  const components = trimmed.components as Record<string, object>;
  const counts = Object.entries(components)
    .map(([section, entries]) => `${Object.keys(entries).length} ${section}`)
    .join(', ');
  const info = trimmed.info as Json;
  console.log(
    `${relative(process.cwd(), output)}: ${String(info.title)} ${String(info.version)}, ` +
      `${Object.keys(trimmed.paths as object).length} paths, ${counts}, ${Math.round(text.length / 1024)} KB.`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
