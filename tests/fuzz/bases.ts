import { vi } from 'vitest';
import { oktaConnector } from '@/connectors/okta';
import { salesforceConnector } from '@/connectors/salesforce';
import { serviceNowConnector } from '@/connectors/servicenow';
import { sessionClient, type Connector, type Session, type SessionEnvironment } from '@/utils/connector';
import type { HttpResponse } from '@/utils/fetcher';
import { snapshotFormat, type Snapshot } from '@/utils/snapshot';
import { startOktaEmulator } from '../emulators/okta';
import { signIn as signInOkta } from '../emulators/okta/test-client';
import { startSalesforceEmulator } from '../emulators/salesforce';
import { call, signIn as signInSalesforce, type ClientResponse } from '../emulators/salesforce/test-client';
import { startServiceNowEmulator } from '../emulators/servicenow';
import { logIn as logInServiceNow } from '../emulators/servicenow/test-client';

/**
 * The fuzzer's starting points: every demo org of every emulator, scanned by the connector's own session,
 * collect and parse code, exactly as the extension scans them. The demo orgs are seeded relative to "now", so
 * the clock is frozen while they are seeded and read: the same seed then replays the same payloads.
 */

export const baseTime = '2026-04-20T09:00:00.000Z';

export interface BaseSnapshot {
  /** `<app>/<org>`, for the log and failure messages. */
  name: string;
  snapshot: Snapshot;
}

function toHttpResponse(response: ClientResponse): HttpResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return { status: response.status, headers, text: response.body };
}

async function scan(connector: Connector, session: Session): Promise<Snapshot> {
  const http = sessionClient(connector, session, { maxRequests: connector.requestBudget });
  const sources = await connector.collect({ http, progress: () => undefined });
  // Sources finish in any order: the snapshot lists them in the connector's order so replays match.
  const ordered = Object.fromEntries(connector.sources.filter((source) => sources[source.id]).map((source) => [source.id, sources[source.id]!]));
  return { format: snapshotFormat, instance: session.instance, collectedAt: baseTime, requestCount: http.requestCount, sources: ordered };
}

/** A browser environment whose only page is the emulator (cookies for Salesforce, same-origin reads for the others). */
function environment(env: Partial<SessionEnvironment>): SessionEnvironment {
  const none = async () => {
    throw new Error('not available to the fuzzer');
  };
  return { cookies: { get: none, getAll: none }, fetch: none, ...env };
}

async function salesforceBases(): Promise<BaseSnapshot[]> {
  const emulator = await startSalesforceEmulator();
  try {
    const bases: BaseSnapshot[] = [];
    for (const org of emulator.orgs) {
      const { apiSid } = await signInSalesforce(emulator, org.myDomain);
      const cookie = { value: apiSid, domain: org.apiHost };
      const session = await salesforceConnector.openSession(
        environment({
          cookies: { get: async () => cookie, getAll: async ({ domain }) => (org.apiHost.endsWith(domain) ? [cookie] : []) },
          fetch: async (url, init) => {
            const answer = await call(emulator, String(url), {
              method: init?.method,
              headers: init?.headers as Record<string, string>,
              body: init?.body as string | undefined,
            });
            const { status, headers, text } = toHttpResponse(answer);
            return new Response(text, { status, headers });
          },
        }),
        { url: `https://${org.apiHost}/lightning/setup/SetupOneHome/home` },
      );
      bases.push({ name: `salesforce/${org.myDomain}`, snapshot: await scan(salesforceConnector, session) });
    }
    return bases;
  } finally {
    await emulator.close();
  }
}

async function oktaBases(): Promise<BaseSnapshot[]> {
  const emulator = await startOktaEmulator();
  try {
    const bases: BaseSnapshot[] = [];
    for (const org of emulator.orgs) {
      const { api } = await signInOkta(emulator, org.name);
      const session = await oktaConnector.openSession(environment({ pageFetch: async (path) => toHttpResponse(await api(path)) }), {
        url: `https://${org.adminHost}/admin/dashboard`,
      });
      bases.push({ name: `okta/${org.name}`, snapshot: await scan(oktaConnector, session) });
    }
    return bases;
  } finally {
    await emulator.close();
  }
}

async function serviceNowBases(): Promise<BaseSnapshot[]> {
  const emulator = await startServiceNowEmulator();
  try {
    const bases: BaseSnapshot[] = [];
    for (const instance of emulator.instances) {
      const { api } = await logInServiceNow(emulator, instance.name);
      const session = await serviceNowConnector.openSession(environment({ pageFetch: async (path) => toHttpResponse(await api(path)) }), {
        url: `https://${instance.host}/now/nav/ui/home`,
      });
      bases.push({ name: `servicenow/${instance.name}`, snapshot: await scan(serviceNowConnector, session) });
    }
    return bases;
  } finally {
    await emulator.close();
  }
}

const collectors: Record<string, () => Promise<BaseSnapshot[]>> = {
  [salesforceConnector.id]: salesforceBases,
  [oktaConnector.id]: oktaBases,
  [serviceNowConnector.id]: serviceNowBases,
};

/** The demo orgs of `connector`'s emulator, scanned at `baseTime`. */
export async function baseSnapshots(connector: Connector): Promise<BaseSnapshot[]> {
  const collect = collectors[connector.id];
  if (!collect) throw new Error(`No emulator scans ${connector.name}.`);
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(baseTime) });
  try {
    return await collect();
  } finally {
    vi.useRealTimers();
  }
}
