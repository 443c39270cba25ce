import { connectors } from '@/connectors';
import { errorTitles } from '@/components/format';
import { openPortal } from '@/components/open-portal';
import type { ScanErrorInfo } from '@/utils/errors';
import type { TabContext } from '@/utils/messaging';
import { useFollowedTab } from './hooks';
import { InstancePanel } from './InstancePanel';
import { bidiSafe } from '@/utils/bidi';

export function ErrorBanner({ error }: { error: ScanErrorInfo }) {
  return (
    <div className="banner error" role="alert">
      <strong>{errorTitles[error.kind]}</strong>
      {bidiSafe(error.message)}
    </div>
  );
}

/** A state where there is nothing to list: one heading and what to do next. */
function Notice({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="notice" aria-labelledby="notice-title">
      <h1 id="notice-title">{title}</h1>
      {children}
    </section>
  );
}

export function SidePanel() {
  const { tabId, context, failure, navigation } = useFollowedTab();
  return (
    <>
      <header className="panel-header">
        <span className="brand">Posture Lens</span>
        {context?.kind === 'app' && <span className="muted">{context.appName}</span>}
        <button type="button" className="open-portal" style={{ fontSize: 12, padding: '2px 8px', marginLeft: 'auto' }} onClick={() => openPortal()} data-testid="open-portal">
          Open portal
        </button>
      </header>
      <main className="panel" aria-busy={!context && !failure}>
        {failure && (
          <Notice title="Recommendations">
            <ErrorBanner error={failure} />
          </Notice>
        )}
        {!context && !failure && <p className="muted">Loading…</p>}
        {context && !failure && <TabState context={context} tabId={tabId} navigation={navigation} />}
      </main>
    </>
  );
}

function TabState({ context, tabId, navigation }: { context: TabContext; tabId?: number; navigation: number }) {
  if (context.kind === 'unsupported' || tabId === undefined) {
    return (
      <Notice title="Not a supported page">
        <p>
          Posture Lens shows recommendations for the admin console open in this tab. Open the admin console of{' '}
          {connectors.map((connector) => connector.name).join(', ')} to see them here.
        </p>
      </Notice>
    );
  }
  if (!context.isAdminPage) {
    return (
      <Notice title={`Not a ${context.appName} admin page`}>
        <p>Open {context.appName} Setup in this tab to see this org's recommendations.</p>
      </Notice>
    );
  }
  if (!context.signedIn) {
    return (
      <Notice title="Not signed in">
        <ErrorBanner error={context.error ?? { kind: 'not_signed_in', message: `Sign in to ${context.appName} and reload the page.` }} />
      </Notice>
    );
  }
  if (!context.connected || !context.instanceKey) {
    return (
      <Notice title="Not connected">
        <p className="instance-name">{bidiSafe(context.displayName)}</p>
        <p>
          Connect from the toolbar popup: choose the Posture Lens icon, then Connect. Posture Lens reads this org's security
          settings with your current session; nothing is changed and nothing leaves your browser.
        </p>
      </Notice>
    );
  }
  return <InstancePanel key={`${tabId}:${context.instanceKey}`} instanceKey={context.instanceKey} tabId={tabId} navigation={navigation} />;
}
