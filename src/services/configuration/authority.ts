import { havePermission } from '../../jira';
import type { Store } from '../../store/port';
import { canConfigure, type Viewer } from '../access';
import { loadSettings } from './settings';
import { orWhenDamaged } from './stored';

/**
 * Who may change configuration: Jira administrators and members of the PMO-lead group. Settings that
 * cannot be read name no group: until they are saved again or a portfolio is imported, Jira
 * administrators alone may. `group` is null then.
 */
export async function configureRight(
  store: Store,
  viewer: Viewer | undefined,
): Promise<{ allowed: boolean; group: string | null }> {
  const settings = await orWhenDamaged(loadSettings(store), null);
  const group = settings?.pmoLeadGroup ?? null;
  return { allowed: await mayConfigure(viewer, group), group };
}

/** The same, for a caller that has read the settings already (`group` null: they are damaged). */
export async function mayConfigure(viewer: Viewer | undefined, group: string | null): Promise<boolean> {
  if (!viewer) return false;
  return group === null ? havePermission(viewer.asUser, 'ADMINISTER') : canConfigure(viewer.asUser, group);
}
