import { PREFIXES } from '../../src/services/keys';
import { queryAll, type Store } from '../../src/store/port';

/**
 * Drops every answer gadgets kept (`view:` keys). A test that changes a published snapshot version in
 * place (damage, an older layout), which a sync never does, calls it so the next view computes its
 * answer from what is stored now instead of answering what it kept from before the change, as it would
 * until the kept answer's time ran out.
 */
export async function forgetKeptAnswers(store: Store): Promise<void> {
  for (const { key } of await queryAll(store, PREFIXES.views)) await store.delete(key);
}
