import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { compliant, controlsFor, nonCompliant, shareVerdict } from '@/utils/controls';
import type { Connector, ParsedSource, Session } from '@/utils/connector';
import { createDatabase, type PostureDatabase } from '@/utils/db';
import { ScanError } from '@/utils/errors';
import type { HttpRequest, HttpResponse, ResponseClass } from '@/utils/fetcher';
import type { SourceResult } from '@/utils/snapshot';

/** A tiny app: two settings sources and three controls, enough to drive the core end to end. */

let databases = 0;
export function freshDatabase(): PostureDatabase {
  return createDatabase(`posture-lens-test-${++databases}`, { indexedDB: new IDBFactory(), IDBKeyRange });
}

interface FakeModel {
  passwords: { minLength: number };
  admins: { enrolled: number; total: number };
}
const defineControl = controlsFor<FakeModel>();
const remediation = { summary: 'Fix it.', steps: [{ text: 'Open the page', page: 'home' }], references: ['https://example.test/help'] };

export const fakeControls = [
  defineControl({
    id: 'FAKE.PWD.1v1',
    title: 'Passwords are at least 12 characters long',
    description: 'd',
    rationale: 'r',
    severity: 'high',
    weight: 10,
    metric: 'password-policy',
    requirement: 'shall',
    frameworks: {},
    sources: ['passwords'],
    evaluate: ({ passwords }) =>
      passwords.minLength >= 12
        ? compliant({ actual: passwords.minLength, expected: '12 or more' })
        : nonCompliant({ actual: passwords.minLength, expected: '12 or more' }),
    remediation,
  }),
  defineControl({
    id: 'FAKE.MFA.1v1',
    title: 'Admins use MFA',
    description: 'd',
    rationale: 'r',
    severity: 'critical',
    weight: 10,
    metric: 'authentication',
    requirement: 'shall',
    frameworks: {},
    sources: ['admins'],
    evaluate: ({ admins }) => shareVerdict(admins.enrolled, admins.total, { actual: `${admins.enrolled} of ${admins.total}` }),
    remediation,
  }),
  defineControl({
    id: 'FAKE.PWD.2v1',
    title: 'Password and MFA together',
    description: 'd',
    rationale: 'r',
    severity: 'medium',
    weight: 5,
    metric: 'password-policy',
    requirement: 'should',
    frameworks: {},
    sources: ['passwords', 'admins'],
    evaluate: ({ passwords, admins }) => (passwords.minLength >= 8 && admins.enrolled > 0 ? compliant() : nonCompliant()),
    remediation,
  }),
];

export interface FakeApp {
  /** Answers of the fake SaaS by path. */
  answers: Record<string, () => HttpResponse | Promise<HttpResponse>>;
}

export const jsonResponse = (body: unknown, status = 200): HttpResponse => ({
  status,
  headers: new Headers(),
  text: JSON.stringify(body),
});

export function fakeSession(app: FakeApp, instanceId = 'tenant-1', name = 'Tenant One'): Session & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return {
    instance: { app: 'fake', instanceId, name, host: `${instanceId}.fake.test` },
    sent,
    async send(request: HttpRequest) {
      sent.push(request);
      const answer = app.answers[request.url];
      return answer ? answer() : jsonResponse({ error: 'not found' }, 404);
    },
  };
}

function classify(response: HttpResponse): ResponseClass {
  if (response.status === 200) return { outcome: 'ok' };
  if (response.status === 401) {
    return { outcome: 'fail', error: { kind: 'session_expired', status: 401, message: 'Your session expired. Reload and scan again.' } };
  }
  if (response.status >= 500) return { outcome: 'retry', error: { kind: 'server_error', status: response.status, message: 'Server error.' } };
  return { outcome: 'fail', error: { kind: 'not_found', status: response.status, message: `Not found (${response.status}).` } };
}

export const fakeSources = ['passwords', 'admins'] as const;

export function fakeConnector(overrides: Partial<Connector> = {}): Connector {
  return {
    id: 'fake',
    name: 'Fake App',
    matches: ['https://*.fake.test/*'],
    recognize(url) {
      const match = /^https:\/\/([a-z0-9-]+)\.fake\.test\//.exec(url);
      return match ? { hint: match[1]!, displayName: match[1]!, isAdminPage: url.includes('/admin') } : null;
    },
    async openSession() {
      throw new ScanError({ kind: 'not_signed_in', message: 'Sign in first.' });
    },
    requestBudget: 10,
    classifyResponse: classify,
    isReadOnly: (request) => request.method === 'GET',
    async verify(http) {
      const response = await http.request({ method: 'GET', url: '/org', label: 'Organization' });
      return { name: (JSON.parse(response.text) as { name: string }).name };
    },
    sources: fakeSources.map((id) => ({ id, title: id })),
    async collect({ http, progress }) {
      const results: Record<string, SourceResult> = {};
      let done = 0;
      for (const id of fakeSources) {
        progress(done, fakeSources.length, `Reading ${id}`);
        try {
          const response = await http.request({ method: 'GET', url: `/${id}`, label: id });
          results[id] = { ok: true, data: JSON.parse(response.text), truncated: false };
        } catch (error) {
          if (error instanceof ScanError && error.fatal) throw error;
          if (!(error instanceof ScanError)) throw error;
          results[id] = { ok: false, error: error.toInfo() };
        }
        done++;
      }
      progress(done, fakeSources.length, 'Read everything');
      return results;
    },
    pages: [
      {
        key: 'passwordPage',
        title: 'Password Rules',
        paths: ['/settings/passwords'],
        framePaths: [],
        anchors: { minimumLength: { kind: 'label', texts: ['Minimum length'] } },
      },
    ],
    pageUrl: (tabUrl, page) => `${new URL(tabUrl).origin}${page.paths[0]}`,
    parse(sources) {
      const parsed: Record<string, ParsedSource> = {};
      for (const id of fakeSources) {
        const source = sources[id];
        if (!source) parsed[id] = { ok: false, reason: `${id} was not collected` };
        else if (!source.ok) parsed[id] = { ok: false, reason: source.error.message };
        else parsed[id] = { ok: true, value: source.data, truncated: source.truncated };
      }
      return parsed;
    },
    controls: fakeControls,
    ...overrides,
  };
}

/** A healthy fake tenant: passwords of 8 (fails SF.PWD.1), 7 of 10 admins with MFA. */
export function healthyApp(): FakeApp {
  return {
    answers: {
      '/org': () => jsonResponse({ name: 'Tenant One Inc.' }),
      '/passwords': () => jsonResponse({ minLength: 8 }),
      '/admins': () => jsonResponse({ enrolled: 7, total: 10 }),
    },
  };
}

/** Every row of every table, serialised: what an attacker reading the profile would see. */
export async function dumpDatabase(db: PostureDatabase): Promise<string> {
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) tables[table.name] = await table.toArray();
  return JSON.stringify(tables);
}

export async function waitFor<T>(check: () => Promise<T | undefined | false>, what: string, attempts = 500): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
