import type { Request } from '@forge/resolver';
import type { ViewerInfo } from '../contract';
import { canConfigure } from '../services/access';
import { loadSettings } from '../services/settings';
import { userClient, type AppDeps } from './deps';
import { callerOf } from './result';

export const viewerMe =
  (deps: AppDeps) =>
  async (request: Request): Promise<ViewerInfo> => {
    const caller = callerOf(request);
    if (!caller) return { accountId: '', canConfigure: false };
    const settings = await loadSettings(deps.store);
    return {
      accountId: caller,
      canConfigure: await canConfigure(userClient(deps, caller), settings.pmoLeadGroup),
    };
  };
