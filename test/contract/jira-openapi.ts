/**
 * Validators built from Atlassian's published Jira Cloud OpenAPI document (OpenAPI 3.0), read from the
 * trimmed copy in test/contract/openapi/ (only the operations these tests check and the components they
 * reach; test/contract/openapi/README.md says where it comes from and how to regenerate it). The whole copy
 * is registered with ajv so every `$ref` resolves; OpenAPI's `nullable` is rewritten into JSON Schema, and
 * two known defects of the document are corrected (listed in SPEC_CORRECTIONS with the reason for each).
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const JIRA_OPENAPI_PATH = path.resolve(__dirname, 'openapi/jira-platform.v3.trimmed.json');

/** The copy holds only what the tests used when it was cut, so a new check needs a new copy first. */
function notInCopy(what: string): Error {
  return new Error(
    `${what} is not in ${path.basename(JIRA_OPENAPI_PATH)}: add it to dev/trim-openapi.ts and regenerate ` +
      'the copy (see test/contract/openapi/README.md).',
  );
}

type Json = Record<string, unknown>;

/**
 * Places where the document disagrees with what Jira Cloud itself sends. Kept deliberately short:
 * anything added here weakens the contract.
 */
export const SPEC_CORRECTIONS: readonly { schema: string; reason: string; apply(schema: Json): void }[] = [
  {
    schema: 'ChangeDetails',
    reason:
      'Jira Cloud sends null for from/fromString/to/toString when a side of the change is empty ' +
      '(setting a flag, clearing a due date), but the document types them as plain strings.',
    apply(schema) {
      const properties = schema.properties as Record<string, Json>;
      for (const name of ['from', 'fromString', 'to', 'toString']) {
        const property = properties[name];
        if (property) property.nullable = true;
      }
    },
  },
  {
    schema: 'JqlQueryClause',
    reason:
      'The document combines anyOf with additionalProperties:false and no properties, which rejects every ' +
      'clause Jira returns (including its own examples); the anyOf alone describes the clause.',
    apply(schema) {
      delete schema.additionalProperties;
    },
  },
];

/** Rewrites OpenAPI 3.0 `nullable: true` into JSON Schema that accepts null. */
function rewriteNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteNullable(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Json;
  for (const value of Object.values(schema)) rewriteNullable(value);
  if (schema.nullable !== true) return;
  delete schema.nullable;
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum)) schema.enum = [...(schema.enum as unknown[]), null];
    return;
  }
  const rest: Json = { ...schema };
  for (const key of Object.keys(schema)) delete schema[key];
  schema.anyOf = [rest, { type: 'null' }];
}

function pointerEscape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export interface JiraSchemas {
  /** The document as loaded (after corrections), for looking things up in tests. */
  document: Json;
  /** Validates against a named component schema; returns readable errors (empty when valid). */
  check(schemaName: string, data: unknown): string[];
  /** Validates against the JSON response schema the document gives for an operation and status. */
  checkResponse(pathTemplate: string, method: 'get' | 'post', status: number, data: unknown): string[];
}

export function loadJiraSchemas(): JiraSchemas {
  const document = JSON.parse(fs.readFileSync(JIRA_OPENAPI_PATH, 'utf8')) as Json;
  const components = (document.components as Json).schemas as Record<string, Json>;
  for (const correction of SPEC_CORRECTIONS) {
    const schema = components[correction.schema];
    if (!schema) throw new Error(`The document no longer has ${correction.schema}; review SPEC_CORRECTIONS.`);
    correction.apply(schema);
  }
  rewriteNullable(components);

  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addSchema(document, 'jira');

  const cache = new Map<string, ValidateFunction>();
  function run(ref: string, data: unknown): string[] {
    let validate = cache.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: ref });
      cache.set(ref, validate);
    }
    if (validate(data)) return [];
    return (validate.errors ?? []).map(
      (e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    );
  }

  return {
    document,
    check(schemaName, data) {
      if (!components[schemaName]) throw notInCopy(`Schema ${schemaName}`);
      return run(`jira#/components/schemas/${schemaName}`, data);
    },
    checkResponse(pathTemplate, method, status, data) {
      const paths = document.paths as Record<string, Record<string, Json | undefined> | undefined>;
      const responses = paths[pathTemplate]?.[method]?.responses as Json | undefined;
      if (!responses?.[String(status)]) throw notInCopy(`${method.toUpperCase()} ${pathTemplate} ${status}`);
      const pointer = [
        'paths',
        pathTemplate,
        method,
        'responses',
        String(status),
        'content',
        'application/json',
        'schema',
      ]
        .map(pointerEscape)
        .join('/');
      return run(`jira#/${pointer}`, data);
    },
  };
}
