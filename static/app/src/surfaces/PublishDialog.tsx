import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Box, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { router } from '@forge/bridge';
import { useState } from 'react';
import type { AppError, PublishResult } from '../../../../src/contract';
import { invoke } from '../bridge';
import { ErrorMessage, Loading } from '../components/States';
import { useResolver } from '../useResolver';

const loadSpaces = () => invoke('confluence/spaces');

/**
 * "Publish to Confluence": the quarter's wins as a page in a chosen space, for readers who never open
 * Jira. Publishing again with the same title updates that page.
 */
export default function PublishDialog(props: {
  quarter: string;
  goalId: string | null;
  defaultTitle: string;
  onClose: () => void;
}) {
  const [spaces, reload] = useResolver(loadSpaces);
  const [spaceId, setSpaceId] = useState<string | null>(null);
  const [title, setTitle] = useState(props.defaultTitle);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<PublishResult | null>(null);

  const publish = async () => {
    if (!spaceId) {
      setError({ kind: 'validation', field: 'spaceId', message: 'Choose a space to publish to.' });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await invoke('confluence/publish', {
      spaceId,
      title,
      quarter: props.quarter,
      goalId: props.goalId,
    });
    setBusy(false);
    if (result.ok) setDone(result.data);
    else setError(result.error);
  };

  const options =
    spaces.status === 'ready' ? spaces.data.map((s) => ({ label: `${s.name} (${s.key})`, value: s.id })) : [];
  return (
    <Modal onClose={props.onClose} testId="publish-dialog">
      <ModalHeader>
        <ModalTitle>Publish to Confluence</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.150">
          {spaces.status === 'loading' && <Loading label="Loading spaces" />}
          {spaces.status === 'error' && <ErrorMessage error={spaces.error} onRetry={reload} />}
          {error && <ErrorMessage error={error} />}
          {done ? (
            <SectionMessage
              appearance="success"
              title={done.created ? 'Page created' : 'Page updated'}
              testId="published"
            >
              <Text>
                “{done.title}” is now at version {done.version}.{done.url ? ' ' : ''}
              </Text>
              {done.url && (
                <Button
                  appearance="subtle"
                  onClick={() => {
                    void router.open(done.url!);
                  }}
                >
                  Open the page
                </Button>
              )}
            </SectionMessage>
          ) : (
            <>
              <Text>
                The page shows {props.quarter}’s headline numbers and wins. Epic keys and summaries are left
                out, since its readers may not be able to browse them in Jira. Publishing again with the same
                title updates the page.
              </Text>
              <Box>
                <label htmlFor="publish-space" className="pmo-label">
                  Space
                </label>
                <Select
                  inputId="publish-space"
                  options={options}
                  value={options.find((o) => o.value === spaceId) ?? null}
                  onChange={(o) => setSpaceId(o?.value ?? null)}
                  placeholder="Choose a space"
                />
              </Box>
              <Box>
                <label htmlFor="publish-title" className="pmo-label">
                  Page title
                </label>
                <Textfield
                  id="publish-title"
                  value={title}
                  maxLength={255}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                />
              </Box>
            </>
          )}
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={props.onClose}>
          {done ? 'Close' : 'Cancel'}
        </Button>
        {!done && (
          <Button appearance="primary" onClick={publish} isLoading={busy} testId="publish-confirm">
            Publish
          </Button>
        )}
      </ModalFooter>
    </Modal>
  );
}
