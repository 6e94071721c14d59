import '@atlaskit/css-reset';
import { lazy, StrictMode, Suspense, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { loadContext, view, type AppContext } from './bridge';
import { Loading } from './components/States';
import { GADGET_KINDS } from './surfaces/gadgets/config';
import { readMacroConfig } from '../../../src/contract/config';

/** One resource serves every module: the module key (and the entry point) picks the surface, loaded lazily. */
const gadgets = {
  health: lazy(() => import('./surfaces/gadgets/HealthGadget')),
  flow: lazy(() => import('./surfaces/gadgets/FlowGadget')),
  value: lazy(() => import('./surfaces/gadgets/ValueGadget')),
  forecast: lazy(() => import('./surfaces/gadgets/ForecastGadget')),
  wins: lazy(() => import('./surfaces/gadgets/WinsGadget')),
};
const GadgetEdit = lazy(() => import('./surfaces/gadgets/GadgetEdit'));
const SettingsPage = lazy(() => import('./surfaces/SettingsPage'));
const WinsPage = lazy(() => import('./surfaces/WinsPage'));
const MacroConfig = lazy(() => import('./surfaces/MacroConfig'));

const ENTRY = document.querySelector('meta[name="pmo-entry"]')?.getAttribute('content') ?? null;

function surfaceFor(context: AppContext): ComponentType<{ context: AppContext }> {
  const kind = GADGET_KINDS[context.moduleKey];
  if (kind) {
    if (context.extension.entryPoint === 'edit') return (props) => <GadgetEdit {...props} kind={kind} />;
    return gadgets[kind];
  }
  switch (context.moduleKey) {
    case 'pmo-settings':
      return SettingsPage;
    case 'pmo-wins-page':
    case 'pmo-wins-confluence':
      return (props) => <WinsPage {...props} options={{ title: 'PMO wins' }} />;
    case 'pmo-wins-macro': {
      // The configuration view is its own resource, marked in its index.html.
      if (ENTRY === 'macro-config' || context.extension.entryPoint === 'config') return MacroConfig;
      const config = readMacroConfig(context.extension.config);
      return (props) => (
        <WinsPage
          {...props}
          options={{
            title: config.title,
            show: config.show,
            goalId: config.goalId,
            quarter: config.quarter,
            fixed: true,
          }}
        />
      );
    }
    default:
      return () => <p>PMO Wins has no view for the module “{context.moduleKey}”.</p>;
  }
}

async function start(): Promise<void> {
  const [context] = await Promise.all([loadContext(), view.theme.enable()]);
  const Surface = surfaceFor(context);
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element');
  createRoot(root).render(
    <StrictMode>
      <Suspense fallback={<Loading label="Loading" />}>
        <Surface context={context} />
      </Suspense>
    </StrictMode>,
  );
}

void start();
