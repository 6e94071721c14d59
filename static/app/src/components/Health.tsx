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
  unknown: 'Not enough data',
} as const;

/**
 * A RAG status in words and colour (colour alone never carries the meaning). The words are the app's one
 * vocabulary for health: the reasons beside a lozenge never name a rating in other words.
 */
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

/** The reasons of a rating, the main one first (older snapshots carry only their dimensions). */
export const reasonsOf = (health: Health): string[] =>
  (health.reasons as string[] | undefined) ??
  health.dimensions.filter((d) => d.rating === health.computed).map((d) => d.reason);
