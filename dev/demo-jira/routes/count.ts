/** POST /rest/api/3/search/approximate-count: how many issues the caller may browse match a bounded JQL. */
import { z } from 'zod';
import { validateBody } from '../http/body';
import type { Handler } from '../http/router';
import { jqlError } from './search';

const CountBody = z.strictObject({ jql: z.string().optional() });

export const approximateCount: Handler = ({ body, store, user }) => {
  const { jql } = validateBody(CountBody, body);
  try {
    // The same cached search as search/jql, so counting before paging costs one evaluation.
    return { body: { count: store.search(user, jql ?? '').hits.length } };
  } catch (error) {
    throw jqlError(error);
  }
};
