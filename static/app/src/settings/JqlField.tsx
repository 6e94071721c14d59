import Textarea from '@atlaskit/textarea';
import { useEffect, useState } from 'react';
import { invoke } from '../bridge';
import { call, FormField } from './form';

export type JqlState =
  | { state: 'empty' }
  | { state: 'checking' }
  | { state: 'valid' }
  | { state: 'invalid'; errors: string[] }
  | { state: 'unknown'; message: string };

/** Asks Jira to parse the JQL a short pause after the last keystroke; reports what Jira's parser said. */
export function useJqlCheck(jql: string, delayMs = 400): JqlState {
  const [check, setCheck] = useState<JqlState>({ state: 'empty' });
  useEffect(() => {
    const text = jql.trim();
    if (!text) {
      setCheck({ state: 'empty' });
      return;
    }
    let live = true;
    setCheck({ state: 'checking' });
    const timer = setTimeout(async () => {
      const result = await call(invoke('config/validateJql', { jql: text }));
      if (!live) return;
      if (!result.ok) setCheck({ state: 'unknown', message: result.error.message });
      else if (result.data.valid) setCheck({ state: 'valid' });
      else setCheck({ state: 'invalid', errors: result.data.errors });
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jql, delayMs]);
  return check;
}

/** A JQL filter with Jira's own verdict under it: its parser messages, or "Valid JQL". */
export function JqlField({
  id,
  value,
  onChange,
  isDisabled,
  saveError,
}: {
  id: string;
  value: string;
  onChange: (jql: string) => void;
  isDisabled: boolean;
  /** The message a refused save gave for this field. */
  saveError?: string;
}) {
  const check = useJqlCheck(value);
  const error =
    saveError ??
    (check.state === 'invalid' ? (
      check.errors.length === 1 ? (
        check.errors[0]
      ) : (
        <span>
          {check.errors.map((e) => (
            <span key={e} className="pmo-block">
              {e}
            </span>
          ))}
        </span>
      )
    ) : undefined);
  const helper =
    check.state === 'checking'
      ? 'Checking with Jira…'
      : check.state === 'unknown'
        ? `Could not check the JQL now: ${check.message}`
        : 'Optional. Issues this filter finds also belong to the PMO project. Leave out ORDER BY.';
  return (
    <FormField
      id={id}
      label="JQL filter"
      helper={helper}
      error={error}
      valid={check.state === 'valid' ? 'Valid JQL' : undefined}
    >
      {(p) => (
        <Textarea
          {...p}
          isMonospaced
          minimumRows={2}
          resize="vertical"
          value={value}
          isDisabled={isDisabled}
          placeholder='e.g. project = PAY AND labels = "checkout"'
          onChange={(e) => onChange(e.currentTarget.value)}
          spellCheck={false}
        />
      )}
    </FormField>
  );
}
