import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Box, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { AppError, HealthRow } from '../../../../src/contract';
import { invoke } from '../bridge';
import { ratingLabel } from '../components/Health';
import { ErrorMessage } from '../components/States';

const RATINGS = (['green', 'amber', 'red'] as const).map((r) => ({ label: ratingLabel(r), value: r }));

/**
 * A PMO lead's health override: a rating, why, and the last day it applies. The computed rating stays
 * visible beside it, and the override ends by itself.
 */
export default function OverrideDialog(props: {
  project: HealthRow;
  today: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const current = props.project.health.override;
  const [rating, setRating] = useState<'green' | 'amber' | 'red'>(current?.rating ?? 'amber');
  const [comment, setComment] = useState(current?.comment ?? '');
  const [expires, setExpires] = useState(current?.expires ?? '');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const expectedVersion = current?.version ?? null;
  const send = async (payload: Parameters<typeof invoke<'health/override'>>[1]) => {
    setBusy(true);
    const result = await invoke('health/override', payload);
    setBusy(false);
    if (result.ok) props.onSaved();
    else setError(result.error);
  };
  return (
    <Modal onClose={props.onClose} testId="override-dialog">
      <ModalHeader>
        <ModalTitle>Override the health of {props.project.name}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.150">
          {error && <ErrorMessage error={error} />}
          <Text>
            Computed: {ratingLabel(props.project.health.computed)}. An override is shown as such, with your
            reason, until the end date.
          </Text>
          <Box>
            <label htmlFor="override-rating" className="pmo-label">
              Health
            </label>
            <Select
              inputId="override-rating"
              options={RATINGS}
              value={RATINGS.find((r) => r.value === rating)}
              onChange={(o) => o && setRating(o.value)}
            />
          </Box>
          <Box>
            <label htmlFor="override-comment" className="pmo-label">
              Why
            </label>
            <Textarea
              id="override-comment"
              value={comment}
              maxLength={1000}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
          </Box>
          <Box>
            <label htmlFor="override-expires" className="pmo-label">
              Applies until (last day)
            </label>
            <Textfield
              id="override-expires"
              type="date"
              min={props.today}
              value={expires}
              onChange={(e) => setExpires(e.currentTarget.value)}
            />
          </Box>
        </Stack>
      </ModalBody>
      <ModalFooter>
        {current && (
          <Button
            appearance="subtle"
            onClick={() => send({ projectId: props.project.id, clear: true, expectedVersion })}
            testId="override-clear"
          >
            Remove override
          </Button>
        )}
        <Button appearance="subtle" onClick={props.onClose}>
          Cancel
        </Button>
        <Button
          appearance="primary"
          isLoading={busy}
          onClick={() => send({ projectId: props.project.id, rating, comment, expires, expectedVersion })}
          testId="override-save"
        >
          Save
        </Button>
      </ModalFooter>
    </Modal>
  );
}
