import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { PortfolioConfigView } from '../../../../src/contract';
import { invoke } from '../bridge';
import type { Loadable } from '../useResolver';
import { call } from './form';

export interface Portfolio {
  state: Loadable<PortfolioConfigView>;
  /** Fetches the configuration again; resolves with it (null if it could not be read). */
  refresh(): Promise<PortfolioConfigView | null>;
}

/** The PMO configuration (goals, PMO projects, settings), read once and again after every change. */
export function usePortfolio(): Portfolio {
  const [state, setState] = useState<Loadable<PortfolioConfigView>>({ status: 'loading' });
  const latest = useRef(0);
  const refresh = useCallback(async () => {
    const request = ++latest.current;
    setState((s) => (s.status === 'ready' ? { ...s, reloading: true } : { status: 'loading' }));
    const result = await call(invoke('config/get'));
    if (request !== latest.current) return result.ok ? result.data : null;
    setState(
      result.ok
        ? { status: 'ready', data: result.data, reloading: false }
        : { status: 'error', error: result.error },
    );
    return result.ok ? result.data : null;
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { state, refresh };
}

export interface SettingsEnv {
  locale: string | undefined;
  accountId: string | undefined;
  canConfigure: boolean;
  portfolio: Portfolio;
}

export const SettingsContext = createContext<SettingsEnv | null>(null);

export function useSettings(): SettingsEnv {
  const env = useContext(SettingsContext);
  if (!env) throw new Error('useSettings outside the settings page');
  return env;
}
