import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack } from '@atlaskit/primitives';
import { CreatableSelect } from '@atlaskit/select';
import Textarea, { type TextAreaProps } from '@atlaskit/textarea';
import Textfield, { type TextFieldProps } from '@atlaskit/textfield';
import { useState, type ComponentProps, type ReactNode, type Ref } from 'react';
import type { AppError, Result } from '../../../../src/contract';
import { atField, fieldId, fieldOf, focusField, FormField, SaveProblem, type ControlProps } from './form';
import { Panel } from './parts';

/** A check the browser makes before saving: the field at fault, and where to put focus if not there. */
export interface Problem<F extends string> {
  field: F;
  message: string;
  focus?: string;
}

/**
 * A form's draft, its save and its messages. Each field's message is the browser's own check first, then
 * the server's validation error; editing a field clears the messages that belong to it.
 */
export function useDraftForm<D, F extends string, T>({
  root,
  fields,
  readOnly,
  initial,
  check,
  submit,
  onSaved,
  onReload,
  onEdit,
  nested = false,
  focusOf = (_error, field) => field,
  clearAfterReload = false,
}: {
  /** The payload's root in validation paths, and the prefix of the fields' element ids. */
  root: string;
  fields: readonly F[];
  readOnly: boolean;
  initial: () => D;
  check: (draft: D) => Problem<F> | null;
  submit: (draft: D) => Promise<Result<T>>;
  onSaved: (saved: T) => void;
  onReload: () => Promise<unknown>;
  /** Told of every edit and every save attempt. */
  onEdit?: () => void;
  /** Whether editing a field also clears a server error on a field nested in it or holding it. */
  nested?: boolean;
  /** Where to put focus for a server error on a field. */
  focusOf?: (error: AppError, field: F) => string;
  /** Whether a reload also drops the save problem it answered. */
  clearAfterReload?: boolean;
}) {
  const [draft, setDraft] = useState<D>(initial);
  const [error, setError] = useState<AppError | null>(null);
  const [local, setLocal] = useState<Problem<F> | null>(null);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);

  const serverField = fieldOf(error, root, fields);
  const messageFor = (field: F) =>
    local?.field === field ? local.message : serverField === field ? atField(error) : undefined;
  const clears = (field: F, edited: F) =>
    field === edited || (nested && (field.startsWith(`${edited}.`) || edited.startsWith(`${field}.`)));

  const set = (patch: Partial<D>, edited: F[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    onEdit?.();
    if (local && edited.includes(local.field)) setLocal(null);
    if (serverField && edited.some((f) => clears(serverField, f))) setError(null);
  };

  const save = async () => {
    const problem = check(draft);
    setLocal(problem);
    if (problem) return focusField(root, problem.focus ?? problem.field);
    setSaving(true);
    setError(null);
    onEdit?.();
    const result = await submit(draft);
    setSaving(false);
    if (result.ok) return onSaved(result.data);
    setError(result.error);
    const field = fieldOf(result.error, root, fields);
    if (field) focusField(root, focusOf(result.error, field));
  };

  const reload = async () => {
    setReloading(true);
    await onReload();
    setReloading(false);
    if (clearAfterReload) setError(null);
  };

  return {
    draft,
    setDraft,
    error,
    local,
    saving,
    reloading,
    serverField,
    readOnly,
    root,
    messageFor,
    set,
    save,
    reload,
    id: (field: string) => fieldId(root, field),
    /** A field's id, its message (or the first of its fallbacks') and whether it is disabled. */
    field: (field: F, ...fallbacks: F[]) => ({
      id: fieldId(root, field),
      error: [field, ...fallbacks].map(messageFor).find((m) => m !== undefined),
      isDisabled: readOnly,
    }),
  };
}

export type DraftForm = Pick<
  ReturnType<typeof useDraftForm>,
  'error' | 'serverField' | 'readOnly' | 'reloading' | 'save' | 'reload'
>;

/**
 * The frame of a draft form: its panel, an optional heading, the save problem no field shows, and the
 * buttons below. Submitting saves unless the form is read-only.
 */
export function DraftFormFrame({
  form,
  testId,
  label,
  showHeading = false,
  what,
  space = 'space.400',
  footer,
  children,
}: {
  form: DraftForm;
  testId: string;
  label: string;
  showHeading?: boolean;
  /** "goal", "PMO project", "settings" */
  what: string;
  space?: ComponentProps<typeof Stack>['space'];
  footer: ReactNode;
  children: ReactNode;
}) {
  return (
    <Panel testId={testId} label={label}>
      <form
        className="pmo-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!form.readOnly) void form.save();
        }}
      >
        <Stack space={space}>
          {showHeading && (
            <Heading size="medium" as="h3">
              {label}
            </Heading>
          )}
          {children}
          {form.error && !form.serverField && (
            <SaveProblem
              error={form.error}
              what={what}
              onReload={() => void form.reload()}
              reloading={form.reloading}
            />
          )}
          {footer}
        </Stack>
      </form>
    </Panel>
  );
}

/** Save (unless read-only) and Cancel, or Close when read-only; `kind` names their test ids. */
export function EditorButtons({
  kind,
  readOnly,
  saving,
  saveLabel,
  onCancel,
}: {
  kind: string;
  readOnly: boolean;
  saving: boolean;
  saveLabel: string;
  onCancel: () => void;
}) {
  return (
    <Inline space="space.100">
      {!readOnly && (
        <Button type="submit" appearance="primary" isLoading={saving} testId={`save-${kind}`}>
          {saveLabel}
        </Button>
      )}
      <Button appearance="subtle" onClick={onCancel} testId={`cancel-${kind}`}>
        {readOnly ? 'Close' : 'Cancel'}
      </Button>
    </Inline>
  );
}

interface FieldFrame {
  id: string;
  label: string;
  isRequired?: boolean;
  helper?: ReactNode;
  error?: ReactNode;
}

/** Parts a labelled control's props into its field frame and the control's own. */
function splitFrame<P extends FieldFrame>({ id, label, isRequired, helper, error, ...control }: P) {
  return [{ id, label, isRequired, helper, error }, control] as const;
}

type TextProps<P> = FieldFrame &
  Omit<P, 'id' | 'value' | 'onChange'> & {
    value: string;
    onChange: (value: string) => void;
  };

/** A labelled one-line text field. */
export function TextInput({
  value,
  onChange,
  inputRef,
  ...props
}: TextProps<TextFieldProps> & { inputRef?: Ref<HTMLInputElement> }) {
  const [frame, control] = splitFrame(props);
  return (
    <FormField {...frame}>
      {(p) => (
        <Textfield
          {...p}
          {...control}
          ref={inputRef}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </FormField>
  );
}

/** A labelled text area of two rows or more. */
export function TextAreaInput({ value, onChange, ...props }: TextProps<TextAreaProps>) {
  const [frame, control] = splitFrame(props);
  return (
    <FormField {...frame}>
      {(p) => (
        <Textarea
          {...p}
          {...control}
          value={value}
          minimumRows={2}
          resize="vertical"
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </FormField>
  );
}

export interface TextOption {
  value: string;
  label: string;
}
export const textOption = (value: string): TextOption => ({ value, label: value });

/** Jira project keys picked from the options or typed in, upper-cased. */
export function ProjectKeysSelect({
  control,
  value,
  onChange,
  ...props
}: {
  control: ControlProps;
  value: string[];
  onChange: (keys: string[]) => void;
  isDisabled: boolean;
  options: TextOption[];
  placeholder: string;
  noOptionsMessage?: () => string;
}) {
  return (
    <CreatableSelect<TextOption, true>
      inputId={control.id}
      isMulti
      isInvalid={control.isInvalid}
      {...props}
      value={value.map(textOption)}
      onChange={(o) => onChange(o.map((k) => k.value))}
      isValidNewOption={(text) => /^[A-Za-z][A-Za-z0-9_]{0,9}$/.test(text.trim())}
      onCreateOption={(text) => {
        const key = text.trim().toUpperCase();
        if (!value.includes(key)) onChange([...value, key]);
      }}
      formatCreateLabel={(text) => `Add project ${text.trim().toUpperCase()}`}
    />
  );
}
