import type { Connector } from './connector';
import type { PostureDatabase } from './db';
import type { AllowResult } from './messaging';

/**
 * Instances on a customer's own domain (e.g. `itsm.example.com` for a ServiceNow instance). The extension
 * has no access there until the admin allows that one origin (an optional host permission the browser asks
 * about); the allowed origins are kept in the settings table, the app's content scripts are registered on
 * them, and the app's connector is told to recognise the host.
 */
export interface CustomDomainRecord {
  origin: string;
  app: string;
  allowedAt: string;
}

export const customDomainsSetting = 'customDomains';

/** The browser calls custom domains need, narrowed for tests. */
export interface CustomDomainBrowser {
  hasOrigin(origin: string): Promise<boolean>;
  registerScripts(scripts: Array<{ id: string; js: string[]; matches: string[]; allFrames?: boolean; runAt?: string; world?: string }>): Promise<void>;
  reload(tabId: number): Promise<void>;
}

/** The https origin of a page no connector recognises, and the apps that could run there. */
export function customDomainOffer(url: string | undefined, connectors: Connector[]): { origin: string; apps: Array<{ id: string; name: string; description: string }> } | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || connectors.some((connector) => connector.recognize(url))) return undefined;
  const apps = connectors.flatMap((connector) =>
    connector.customDomains ? [{ id: connector.id, name: connector.name, description: connector.customDomains.description }] : [],
  );
  return apps.length ? { origin: parsed.origin, apps } : undefined;
}

export async function loadCustomDomains(db: PostureDatabase): Promise<CustomDomainRecord[]> {
  const value = (await db.settings.get(customDomainsSetting))?.value;
  return Array.isArray(value)
    ? value.filter(
        (entry): entry is CustomDomainRecord =>
          Boolean(entry) && typeof entry === 'object' && typeof (entry as CustomDomainRecord).origin === 'string' && typeof (entry as CustomDomainRecord).app === 'string',
      )
    : [];
}

/** Tells each connector the hosts the admin allowed for it (at service-worker start). */
export async function restoreCustomDomains(db: PostureDatabase, connectors: Connector[]): Promise<void> {
  for (const record of await loadCustomDomains(db)) {
    connectors.find((connector) => connector.id === record.app)?.customDomains?.allow(new URL(record.origin).hostname);
  }
}

const scriptId = (app: string, origin: string, id: string) => `${app}:${new URL(origin).host}:${id}`;

/**
 * After the admin granted `origin` in the popup: remembers it for `app`, registers the app's content
 * scripts there and reloads the tab so they run. Refused when the browser holds no permission for it.
 */
export async function allowCustomDomain(
  context: { db: PostureDatabase; connectors: Connector[]; browser?: CustomDomainBrowser },
  tabId: number,
  url: string | undefined,
  app: string,
): Promise<AllowResult> {
  const offer = customDomainOffer(url, context.connectors);
  const connector = context.connectors.find((candidate) => candidate.id === app);
  if (!offer || !connector?.customDomains || !offer.apps.some((candidate) => candidate.id === app)) {
    return { ok: false, error: { kind: 'unsupported_page', message: 'This page cannot be added as a custom domain. Open the instance’s own page and try again.' } };
  }
  if (!context.browser || !(await context.browser.hasOrigin(offer.origin))) {
    return {
      ok: false,
      error: { kind: 'forbidden', message: `Posture Lens was not allowed on ${offer.origin}. Choose Allow again and accept the browser’s prompt.` },
    };
  }
  const host = new URL(offer.origin).hostname;
  const records = (await loadCustomDomains(context.db)).filter((record) => record.origin !== offer.origin);
  await context.db.settings.put({ key: customDomainsSetting, value: [...records, { origin: offer.origin, app, allowedAt: new Date().toISOString() }] });
  connector.customDomains.allow(host);
  await context.browser.registerScripts(
    connector.customDomains.scripts.map((script) => ({ ...script, id: scriptId(app, offer.origin, script.id), matches: [`${offer.origin}/*`] })),
  );
  await context.browser.reload(tabId);
  return { ok: true };
}
