import './table.css';
import Lozenge from '@atlaskit/lozenge';
import type { DeliveryTiming, DeliveryView } from '../../../../src/contract';
import { dayFormatter } from '../format';

const TIMING: Record<DeliveryTiming, { label: string; appearance: 'success' | 'removed' | 'default' }> = {
  early: { label: 'Early', appearance: 'success' },
  'on-time': { label: 'On time', appearance: 'success' },
  late: { label: 'Late', appearance: 'removed' },
  'no-date': { label: 'No date', appearance: 'default' },
};

/** "3 days late", "early by 2 days", "on time"; a dash without a date. */
export function slipText(slipDays: number | null): string {
  if (slipDays === null) return '–';
  if (slipDays === 0) return 'on time';
  const n = Math.abs(slipDays);
  const days = `${n} day${n === 1 ? '' : 's'}`;
  return slipDays > 0 ? `${days} late` : `early by ${days}`;
}

/**
 * Every delivery of the quarter, on time or late, with its date and slip. An epic the viewer may not see
 * is listed without its key and summary (the server has redacted it already).
 */
export function DeliveredList({ delivered, locale }: { delivered: DeliveryView[]; locale?: string }) {
  const day = dayFormatter(locale);
  return (
    <div className="pmo-scroll">
      <table className="pmo-table" data-testid="delivered">
        <thead>
          <tr>
            <th scope="col">Delivered</th>
            <th scope="col">Done</th>
            <th scope="col">Due or target</th>
            <th scope="col">Slip</th>
          </tr>
        </thead>
        <tbody>
          {delivered.map((d) => (
            <tr key={d.id} data-testid="delivery" data-delivery={d.id}>
              <th scope="row">
                <span data-testid="delivery-title">{d.title}</span>
              </th>
              <td>{day(d.date)}</td>
              <td>{d.due ? day(d.due) : '–'}</td>
              <td>
                <Lozenge appearance={TIMING[d.timing].appearance}>{TIMING[d.timing].label}</Lozenge>{' '}
                {slipText(d.slipDays)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
