import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useRef, useState } from 'react';
import type { AppError } from '../../../../src/contract';
import { invoke } from '../bridge';
import { call, plural, withField } from './form';
import { FormSection, Panel, TabHeader } from './parts';
import { useSettings } from './portfolio';
import './settings.css';

type ImportState =
  | { state: 'idle' }
  | { state: 'chosen'; name: string; document: unknown }
  | { state: 'importing'; name: string }
  | { state: 'done'; goals: number; projects: number }
  | { state: 'failed'; title: string; message: string };

/** Hands the browser a file to save. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The portfolio as one JSON file: export it, or import one in its place (all or nothing). */
export default function ImportExportTab() {
  const { portfolio, canConfigure } = useSettings();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<AppError | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [imp, setImp] = useState<ImportState>({ state: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);

  const exportAll = async () => {
    setExporting(true);
    setExportError(null);
    setExported(null);
    const result = await call(invoke('config/export'));
    setExporting(false);
    if (!result.ok) return setExportError(result.error);
    download('pmo-portfolio.json', `${JSON.stringify(result.data, null, 2)}\n`);
    setExported(
      `Exported ${plural(result.data.goals.length, 'goal')} and ${plural(result.data.projects.length, 'PMO project')} to pmo-portfolio.json.`,
    );
  };

  const choose = async (file: File | undefined) => {
    if (!file) return;
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch (error) {
      setImp({
        state: 'failed',
        title: `${file.name} is not a JSON file`,
        message: `It could not be read as JSON: ${(error as Error).message}`,
      });
      return;
    }
    setImp({ state: 'chosen', name: file.name, document });
  };

  const importChosen = async () => {
    if (imp.state !== 'chosen') return;
    setImp({ state: 'importing', name: imp.name });
    const result = await call(invoke('config/import', { document: imp.document }));
    if (!result.ok) {
      setImp({
        state: 'failed',
        title:
          result.error.kind === 'forbidden'
            ? 'You can’t import a portfolio'
            : `Nothing was imported from ${imp.name}`,
        message: withField(result.error),
      });
      return;
    }
    setImp({ state: 'done', goals: result.data.goals.length, projects: result.data.projects.length });
    void portfolio.refresh();
  };

  const reset = () => {
    setImp({ state: 'idle' });
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <Stack space="space.200" testId="import-export-tab">
      <TabHeader
        title="Import and export"
        description="Move the portfolio between sites, keep a copy, or edit it in bulk. The file holds goals, PMO projects and settings; the pmo-wins command line reads the same file."
      />
      <Panel label="Export">
        <FormSection
          title="Export"
          description="Downloads pmo-portfolio.json with every goal, PMO project and setting."
        >
          <Inline space="space.150" alignBlock="center">
            <Button onClick={() => void exportAll()} isLoading={exporting} testId="export">
              Export
            </Button>
            {exported && (
              <Text color="color.text.success" testId="export-done">
                {exported}
              </Text>
            )}
          </Inline>
          {exportError && (
            <SectionMessage appearance="error" title="Nothing was exported">
              <Text>{exportError.message}</Text>
            </SectionMessage>
          )}
        </FormSection>
      </Panel>
      <Panel label="Import">
        <FormSection
          title="Import"
          description="Replaces every goal, PMO project and setting with the file’s. All or nothing: if anything in the file is wrong, nothing changes and PMO Wins says what to fix."
        >
          <input
            ref={fileInput}
            id="import-file"
            type="file"
            accept=".json,application/json"
            className="pmo-visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            disabled={!canConfigure}
            onChange={(e) => void choose(e.currentTarget.files?.[0])}
            data-testid="import-file"
          />
          {imp.state === 'chosen' || imp.state === 'importing' ? (
            <SectionMessage
              appearance="warning"
              title={`Replace the portfolio with ${imp.name}?`}
              actions={[
                <Button
                  key="import"
                  appearance="warning"
                  onClick={() => void importChosen()}
                  isLoading={imp.state === 'importing'}
                  testId="confirm-import"
                >
                  Import
                </Button>,
                <Button key="cancel" appearance="subtle" onClick={reset}>
                  Cancel
                </Button>,
              ]}
            >
              <Text>
                The goals, PMO projects and settings you have now are replaced. Export first if you may want
                them back.
              </Text>
            </SectionMessage>
          ) : (
            <Inline>
              <Button
                onClick={() => fileInput.current?.click()}
                isDisabled={!canConfigure}
                testId="choose-import"
              >
                Choose a file to import…
              </Button>
            </Inline>
          )}
          {imp.state === 'done' && (
            <SectionMessage appearance="success" title="Imported" testId="import-done">
              <Text>
                Imported {plural(imp.goals, 'goal')} and {plural(imp.projects, 'PMO project')}.
              </Text>
            </SectionMessage>
          )}
          {imp.state === 'failed' && (
            <SectionMessage appearance="error" title={imp.title} testId="import-error">
              <Text>{imp.message}</Text>
            </SectionMessage>
          )}
        </FormSection>
      </Panel>
    </Stack>
  );
}
