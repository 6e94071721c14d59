import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Box, Stack, Text } from '@atlaskit/primitives';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { AppError, CuratedWin, WinView } from '../../../../src/contract';
import { invoke } from '../bridge';
import { ErrorMessage } from '../components/States';

/** Rename a win or add a note for readers (PMO leads only; the resolver checks). */
export default function CurateDialog({
  win,
  onClose,
  onSaved,
}: {
  /** The wins page's payload says whether the win names issues and whether it is redacted for this viewer. */
  win: CuratedWin & Partial<Pick<WinView, 'redacted' | 'namesIssues'>>;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [title, setTitle] = useState(win.originalTitle ? win.title : '');
  const [note, setNote] = useState(win.note);
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    const result = await invoke('wins/curate', {
      id: win.id,
      featured: win.featured,
      hidden: win.hidden,
      note,
      title: title.trim() === '' ? null : title.trim(),
      expectedVersion: win.curationVersion,
    });
    setSaving(false);
    if (result.ok) onSaved();
    else setError(result.error);
  };
  return (
    <Modal onClose={onClose} testId="curate-dialog">
      <ModalHeader>
        <ModalTitle>Edit win</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.150">
          {error && <ErrorMessage error={error} />}
          {win.redacted ? (
            <Text testId="curate-redacted-notice">
              Jira does not show you this win’s issues, so its title and note are not shown to you either, and
              only another PMO lead who may see them can change them.
            </Text>
          ) : (
            win.namesIssues && (
              <Text testId="curate-redacted-notice">
                This win is hidden from viewers who cannot browse its issues; your title and note are not
                shown to them, nor on pages published to Confluence or in exports.
              </Text>
            )
          )}
          <Box>
            <label htmlFor="win-title">Title</label>
            <Textfield
              id="win-title"
              value={title}
              placeholder={win.originalTitle ?? win.title}
              isDisabled={win.redacted === true}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
            <Text size="small" color="color.text.subtle">
              Leave empty to use the generated title.
            </Text>
          </Box>
          <Box>
            <label htmlFor="win-note">Note for readers</label>
            <Textarea
              id="win-note"
              value={note}
              maxLength={1000}
              isDisabled={win.redacted === true}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
          </Box>
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
        <Button appearance="primary" onClick={save} isLoading={saving} testId="curate-save">
          Save
        </Button>
      </ModalFooter>
    </Modal>
  );
}
