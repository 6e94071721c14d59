/** POST /rest/api/3/jql/parse: parses and validates queries with the same parser the search uses. */
import { z } from 'zod';
import { badRequest } from '../http/errors';
import { validateBody } from '../http/body';
import type { Handler } from '../http/router';
import {
  compileJql,
  JqlSyntaxError,
  JqlValidationError,
  parseJql,
  toJqlStructure,
  type JqlQuery,
} from '../jql';

const ParseBody = z.strictObject({ queries: z.array(z.string().min(1, 'a query must not be empty')).min(1) });

type Validation = 'strict' | 'warn' | 'none';

export const parseQueries: Handler = ({ url, body, store, user }) => {
  const validation = (url.searchParams.get('validation') ?? 'strict') as Validation;
  if (!['strict', 'warn', 'none'].includes(validation)) {
    throw badRequest(`'validation' must be one of strict, warn or none (got '${validation}').`, {
      validation: 'must be strict, warn or none',
    });
  }
  const { queries } = validateBody(ParseBody, body);
  const site = store.site(user);
  return {
    body: {
      queries: queries.map((query) => {
        let parsed: JqlQuery;
        try {
          parsed = parseJql(query);
        } catch (error) {
          if (error instanceof JqlSyntaxError) return { query, errors: [error.message] };
          throw error;
        }
        const structure = toJqlStructure(parsed);
        if (validation === 'none') return { query, structure };
        try {
          compileJql(parsed, site);
          return { query, structure };
        } catch (error) {
          if (!(error instanceof JqlValidationError)) throw error;
          return validation === 'strict'
            ? { query, errors: error.messages }
            : { query, structure, errors: error.messages };
        }
      }),
    },
  };
};
