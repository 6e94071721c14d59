import { useCallback, useEffect, useState } from 'react';
import type { AppError, Result } from '../../../src/contract';

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'error'; error: AppError }
  | { status: 'ready'; data: T; reloading: boolean };

/**
 * Calls a resolver on mount, whenever `call` changes, on a change of `refresh`, and on reload();
 * transport failures become AppErrors.
 *
 * `call` must keep its identity between renders: a function declared outside the component when the
 * request reads nothing of it, else a useCallback over what it reads (exhaustive-deps then checks that
 * list). An inline arrow would be a new function every render, and so a new request every render.
 * `refresh` is for a request that reads nothing that changes, yet must be asked again when something
 * else does (the audit list after a save elsewhere on the page).
 */
export function useResolver<T>(call: () => Promise<Result<T>>, refresh?: unknown): [Loadable<T>, () => void] {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => (s.status === 'ready' ? { ...s, reloading: true } : { status: 'loading' }));
    call()
      .then((result) => {
        if (!live) return;
        setState(
          result.ok
            ? { status: 'ready', data: result.data, reloading: false }
            : { status: 'error', error: result.error },
        );
      })
      .catch((error: unknown) => {
        if (live)
          setState({
            status: 'error',
            error: { kind: 'internal', message: (error as Error).message || 'The app could not be reached.' },
          });
      });
    return () => {
      live = false;
    };
  }, [call, refresh, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [state, reload];
}
