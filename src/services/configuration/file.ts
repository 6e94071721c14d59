import type { PortfolioDocument } from '../../contract';
import { documentSchema } from './schemas';

export class DocumentError extends Error {}

/** Reads a portfolio document (export file, sample portfolio, --config): JSON, then the schema. */
export function parseDocument(text: string, source: string): PortfolioDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DocumentError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DocumentError(
      `${source}: ${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data as PortfolioDocument;
}
