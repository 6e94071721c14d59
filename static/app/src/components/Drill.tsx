import './table.css';
import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
import type { DrillNumber, DrillScope } from '../../../../src/contract';

/** The list itself is loaded when a reader first opens one: gadgets stay small for everyone else. */
const DrillPanel = lazy(() => import('./DrillPanel'));

/** A number to open: the scope and what it counts, and the words the list is titled with. */
export interface DrillRequest {
  scope: DrillScope;
  number: DrillNumber;
  /** "Items done in Q3 2026", "Epics committed to Q4 2026". */
  title: string;
}

/**
 * The number a reader can open: the figure as a button that opens the list behind it. Keyboard and
 * screen-reader users get the same: a button named after the number.
 */
export function DrillButton({
  onOpen,
  label,
  children,
  testId,
}: {
  onOpen: () => void;
  /** What the button opens, for assistive technology: "Show the 12 items done in Q3 2026". */
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className="pmo-drill"
      onClick={onOpen}
      aria-label={label}
      title={label}
      data-testid={testId}
    >
      {children}
    </button>
  );
}

/**
 * State for one open list per surface: `open` a number, and `panel` to place where the list should show,
 * given the time zone the numbers were computed in (dates read as the periods were cut).
 */
export function useDrill(context: { locale?: string; siteUrl?: string }) {
  const [request, setRequest] = useState<DrillRequest | null>(null);
  const close = useCallback(() => setRequest(null), []);
  const panel = (timeZone: string) =>
    request ? (
      <Suspense fallback={null}>
        <DrillPanel
          key={JSON.stringify(request)}
          request={request}
          onClose={close}
          locale={context.locale}
          timeZone={timeZone}
          siteUrl={context.siteUrl}
        />
      </Suspense>
    ) : null;
  return { open: setRequest, panel };
}
