/** Reads and parses JSON request bodies; validates them with zod into ErrorCollection-shaped 400s. */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { badRequest, errorCollection, HttpError } from './errors';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/json')) {
    // Drain so the connection can be reused.
    for await (const chunk of request) void chunk;
    throw new HttpError(
      415,
      errorCollection([
        `Unsupported Media Type: send the request body as application/json (got '${type || 'none'}').`,
      ]),
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, errorCollection(['The request body is too large.']));
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw badRequest('The request body is empty; a JSON object is required.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`Malformed JSON in the request body: ${(error as Error).message}`);
  }
}

/** Validates a body against a schema; a failure names every offending field. */
export function validateBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  const messages: string[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    if (keys.length > 0) {
      for (const key of keys) {
        const at = path ? `${path}.${key}` : key;
        errors[at] = `Unrecognized field '${at}'.`;
        messages.push(`Unrecognized field '${at}'.`);
      }
      continue;
    }
    const at = path || 'body';
    errors[at] = issue.message;
    messages.push(`Invalid value for '${at}': ${issue.message}`);
  }
  throw new HttpError(400, errorCollection(messages, errors));
}
