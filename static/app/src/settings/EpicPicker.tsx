import { AsyncSelect } from '@atlaskit/select';
import { useEffect, useRef, useState } from 'react';
import type { EpicSummary } from '../../../../src/contract';
import { invoke } from '../bridge';
import type { ControlProps } from './form';
import { call } from './form';

export interface EpicOption {
  value: string;
  label: string;
  epic: EpicSummary | null;
}

export const epicOption = (key: string, epic: EpicSummary | null): EpicOption => ({
  value: key,
  label: epic ? `${epic.key} · ${epic.summary}` : key,
  epic,
});

/**
 * Picks epics by searching Jira (key or summary) as the user types: a short pause between keystrokes
 * sends one search, and an answer that arrives after a newer search started is dropped.
 */
export function EpicPicker({
  control,
  value,
  onChange,
  isDisabled,
  onEpicsKnown,
}: {
  control: ControlProps;
  value: EpicOption[];
  onChange: (options: EpicOption[]) => void;
  isDisabled: boolean;
  /** Every epic a search returned, so the form can offer their Jira projects. */
  onEpicsKnown?: (epics: EpicSummary[]) => void;
}) {
  const [searchError, setSearchError] = useState<string | null>(null);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; resolve: (o: EpicOption[]) => void } | null>(
    null,
  );
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current.timer);
    },
    [],
  );

  const loadOptions = (query: string): Promise<EpicOption[]> => {
    if (pending.current) {
      clearTimeout(pending.current.timer);
      pending.current.resolve([]);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(
        async () => {
          pending.current = null;
          const result = await call(invoke('config/searchEpics', { query: query.trim() }));
          if (!result.ok) {
            setSearchError(result.error.message);
            return resolve([]);
          }
          setSearchError(null);
          onEpicsKnown?.(result.data);
          resolve(result.data.map((epic) => epicOption(epic.key, epic)));
        },
        query ? 250 : 0,
      );
      pending.current = { timer, resolve };
    });
  };

  return (
    <AsyncSelect<EpicOption, true>
      inputId={control.id}
      isMulti
      isInvalid={control.isInvalid}
      isDisabled={isDisabled}
      aria-describedby={control['aria-describedby']}
      defaultOptions
      loadOptions={loadOptions}
      filterOption={null}
      value={value}
      onChange={(options) => onChange([...options])}
      placeholder="Search epics by key or summary"
      noOptionsMessage={({ inputValue }) =>
        searchError ?? (inputValue ? `No epic matches “${inputValue}”` : 'No epics found')
      }
      loadingMessage={() => 'Searching Jira…'}
      menuPlacement="auto"
      styles={{ multiValue: (base) => ({ ...base, maxWidth: '100%' }) }}
    />
  );
}
