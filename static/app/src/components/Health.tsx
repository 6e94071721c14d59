import Lozenge from '@atlaskit/lozenge';
import type { Health } from '../../../../src/contract';

const APPEARANCE = {
  green: 'success',
  amber: 'moved',
  red: 'removed',
  done: 'new',
  unknown: 'default',
} as const;

const LABEL = {
  green: 'On track',
  amber: 'At risk',
  red: 'Off track',
  done: 'Delivered',
  unknown: 'Not rated',
} as const;

/** A RAG status in words and colour (colour alone never carries the meaning). */
export function HealthLozenge({ rating, overridden }: { rating: Health['rating']; overridden?: boolean }) {
  return (
    <span data-testid="rating" data-value={rating}>
      <Lozenge appearance={APPEARANCE[rating]} isBold={rating !== 'unknown'}>
        {LABEL[rating]}
        {overridden ? ' *' : ''}
      </Lozenge>
    </span>
  );
}

export const ratingLabel = (rating: Health['rating']) => LABEL[rating];
