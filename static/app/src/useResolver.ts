import { useCallback, useEffect, useState } from 'react';
import type { AppError, Result } from '../../../src/contract';

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'error'; error: AppError }
  | { status: 'ready'; data: T; reloading: boolean };

/** Calls a resolver once per change of `deps`, and on reload(); transport failures become AppErrors. */
export function useResolver<T>(call: () => Promise<Result<T>>, deps: unknown[]): [Loadable<T>, () => void] {
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
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [state, reload];
}
