import '@atlaskit/css-reset';
import { lazy, StrictMode, Suspense, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { loadContext, view, type AppContext } from './bridge';
import { Loading } from './components/States';

/** One resource serves every module: the module key (and the gadget's entry point) picks the surface. */
const PortfolioHealthGadget = lazy(() => import('./surfaces/PortfolioHealthGadget'));
const PortfolioHealthEdit = lazy(() => import('./surfaces/PortfolioHealthEdit'));
const SettingsPage = lazy(() => import('./surfaces/SettingsPage'));
const PortfolioPage = lazy(() => import('./surfaces/PortfolioPage'));

function surfaceFor(context: AppContext): ComponentType<{ context: AppContext }> {
  switch (context.moduleKey) {
    case 'portfolio-health-gadget':
      return context.extension.entryPoint === 'edit' ? PortfolioHealthEdit : PortfolioHealthGadget;
    case 'pmo-settings':
      return SettingsPage;
    case 'pmo-wins-page':
    case 'pmo-wins-confluence':
      return (props) => <PortfolioPage {...props} title="PMO wins" />;
    case 'pmo-wins-macro':
      return (props) => <PortfolioPage {...props} title="Delivery across the portfolio" />;
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
