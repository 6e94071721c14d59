import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label, ValidMessage } from '@atlaskit/form';
import { Box, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import type { AppError, Result } from '../../../../src/contract';

/** Calls a resolver; a transport failure becomes an AppError like any other. */
export async function call<T>(pending: Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await pending;
  } catch (error) {
    return {
      ok: false,
      error: { kind: 'internal', message: (error as Error).message || 'The app could not be reached.' },
    };
  }
}

/**
 * Which form field a validation error belongs to. The server names a dotted path into the payload
 * (`project.scope.jql`, `goal.period.end`, `project.benefits.1.amount`); the form's fields are named by
 * the same path without the payload's root. The longest field name that the path starts with wins.
 */
export function fieldOf<F extends string>(
  error: AppError | null,
  root: string,
  fields: readonly F[],
): F | null {
  if (!error || error.kind !== 'validation' || !error.field) return null;
  const path = error.field.startsWith(`${root}.`) ? error.field.slice(root.length + 1) : error.field;
  let best: F | null = null;
  for (const field of fields) {
    if ((path === field || path.startsWith(`${field}.`)) && (best === null || field.length > best.length))
      best = field;
  }
  return best;
}

/** The message to show at the field: without the path the server may lead it with. */
export function atField(error: AppError | null): string | undefined {
  if (!error) return undefined;
  const lead = error.field ? `${error.field}: ` : null;
  return lead && error.message.startsWith(lead) ? error.message.slice(lead.length) : error.message;
}

/** The whole message, naming the field only if the message does not already. */
export function withField(error: AppError): string {
  return error.field && !error.message.includes(error.field)
    ? `${error.message} (${error.field})`
    : error.message;
}

/** The element id of a form field: `goal-period-end` for `period.end` in the goal form. */
export const fieldId = (form: string, field: string) => `${form}-${field.replace(/\./g, '-')}`;

/** Brings the field at fault into view and gives it focus. */
export function focusField(form: string, field: string): void {
  requestAnimationFrame(() => {
    const element = document.getElementById(fieldId(form, field));
    element?.scrollIntoView({ block: 'center' });
    element?.focus({ preventScroll: true });
  });
}

/**
 * A ref that gives its element focus when the element mounts: for content that opens on the user's own
 * action (a form after Create or Edit, the confirm row after Delete, the project picker after "Add to PMO
 * project"). The button they pressed is gone once it opens, and without this, focus falls back to the
 * page and a keyboard or screen-reader user starts again from the top. Never for what a page shows when it
 * loads: moving focus there is what jsx-a11y's no-autofocus rule guards against.
 */
export function focusOnOpen(element: { focus: () => void } | null): void {
  element?.focus();
}

export interface ControlProps {
  id: string;
  isInvalid: boolean;
  'aria-describedby': string;
}

/** A label tied to its control, and one message under it: the error, else the valid note, else the help. */
export function FormField({
  id,
  label,
  isRequired = false,
  helper,
  error,
  valid,
  children,
}: {
  id: string;
  label: string;
  isRequired?: boolean;
  helper?: ReactNode;
  error?: ReactNode;
  valid?: ReactNode;
  children: (props: ControlProps) => ReactNode;
}) {
  const messageId = `${id}-message`;
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>
        {label}
        {isRequired && (
          <span aria-hidden="true" className="pmo-required">
            {' '}
            *
          </span>
        )}
      </Label>
      {children({ id, isInvalid: Boolean(error), 'aria-describedby': messageId })}
      <div id={messageId} aria-live="polite">
        {error ? (
          <ErrorMessage testId={`${id}-error`}>{error}</ErrorMessage>
        ) : valid ? (
          <ValidMessage testId={`${id}-valid`}>{valid}</ValidMessage>
        ) : helper ? (
          <HelperMessage>{helper}</HelperMessage>
        ) : null}
      </div>
    </Stack>
  );
}

/** A form's save problem that no single field shows: conflicts, permissions, Jira, or a field-less check. */
export function SaveProblem({
  error,
  what,
  onReload,
  reloading = false,
}: {
  error: AppError;
  /** "goal", "PMO project", "settings" */
  what: string;
  onReload: () => void;
  reloading?: boolean;
}) {
  if (error.kind === 'conflict') {
    return (
      <Box testId="save-conflict">
        <SectionMessage
          appearance="warning"
          title={`Someone else changed ${what === 'settings' ? 'the settings' : `this ${what}`}`}
          actions={[
            <Button key="reload" onClick={onReload} isLoading={reloading} testId="conflict-reload">
              Reload
            </Button>,
          ]}
        >
          <Stack space="space.100">
            <Text>{error.message}</Text>
            <Text>Your changes were not saved.</Text>
          </Stack>
        </SectionMessage>
      </Box>
    );
  }
  const title =
    error.kind === 'forbidden'
      ? 'You can’t change this'
      : error.kind === 'validation'
        ? 'Check the form'
        : error.kind === 'not-found'
          ? `This ${what} no longer exists`
          : error.kind === 'jira'
            ? 'Jira did not answer as expected'
            : 'Not saved';
  return (
    <Box testId="save-error">
      <SectionMessage appearance="error" title={title}>
        <Text>{withField(error)}</Text>
      </SectionMessage>
    </Box>
  );
}

/** A number typed into a text field: empty is null, anything else must parse. */
export function parseNumber(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : 'invalid';
}

export const numberText = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** "a, b , c" → ["a", "b", "c"], without blanks or repeats. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** A 'YYYY-MM-DD' day as the day it names, whatever the viewer's time zone. */
export function dayLabel(day: string | null, locale: string | undefined): string {
  if (!day) return '—';
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(ms)) return day;
  return new Intl.DateTimeFormat(locale?.replace('_', '-'), {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(ms);
}

export function money(n: number | null, locale: string | undefined): string {
  if (n === null) return '—';
  return new Intl.NumberFormat(locale?.replace('_', '-'), { maximumFractionDigits: 2 }).format(n);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
