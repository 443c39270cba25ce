import https from 'node:https';
import type { SalesforceEmulator } from './server';
import { connectedAppNames } from '@/connectors/salesforce/collect';
import { connectedAppOauthOf } from '@/connectors/salesforce/model';
import { salesforceSources } from '@/connectors/salesforce/sources';

/**
 * HTTPS client for the emulator tests: connects to 127.0.0.1:<port> while sending the real Salesforce
 * host name (SNI and Host), as Chromium does with --host-resolver-rules. Certificates are not verified.
 */
export interface ClientResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  setCookies: string[];
  json<T = unknown>(): T;
}

export function call(
  emulator: Pick<SalesforceEmulator, 'port'>,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<ClientResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        port: emulator.port,
        servername: target.hostname,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'GET',
        rejectUnauthorized: false,
        agent: false,
        headers: { Host: target.hostname, ...options.headers, ...(options.body ? { 'Content-Length': String(Buffer.byteLength(options.body)) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const setCookie = response.headers['set-cookie'];
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body,
            setCookies: Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [],
            json: <T>() => JSON.parse(body) as T,
          });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    if (options.timeoutMs) {
      request.setTimeout(options.timeoutMs, () => request.destroy(new Error('timeout')));
    }
    if (options.body) request.write(options.body);
    request.end();
  });
}

export function cookieValue(setCookies: string[], name: string): string | undefined {
  for (const cookie of setCookies) {
    const match = new RegExp(`^${name}=([^;]*)`).exec(cookie);
    if (match) return match[1];
  }
  return undefined;
}

/** Signs in like a browser: login form → my-domain sid → frontdoor → lightning sid. */
export async function signIn(emulator: SalesforceEmulator, myDomain: string) {
  const org = emulator.orgs.find((candidate) => candidate.myDomain === myDomain);
  if (!org) throw new Error(`no org ${myDomain}`);
  const login = await call(emulator, `https://${org.apiHost}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: org.username, pw: org.password }).toString(),
  });
  const apiSid = cookieValue(login.setCookies, 'sid') as string;
  const frontdoor = await call(emulator, String(login.headers.location));
  const lightningSid = cookieValue(frontdoor.setCookies, 'sid') as string;
  return { org, login, frontdoor, apiSid, lightningSid };
}

export const soapEnvelope = (sessionId: string, type: string, fullName: string | string[]) =>
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:met="http://soap.sforce.com/2006/04/metadata">' +
  `<soapenv:Header><met:SessionHeader><met:sessionId>${sessionId}</met:sessionId></met:SessionHeader></soapenv:Header>` +
  `<soapenv:Body><met:readMetadata><met:type>${type}</met:type>${(Array.isArray(fullName) ? fullName : [fullName]).map((name) => `<met:fullNames>${name}</met:fullNames>`).join('')}</met:readMetadata></soapenv:Body></soapenv:Envelope>`;

/** Reads one source of connectors/salesforce/sources.ts the simplest way (one request per source). */
export async function readSource(
  emulator: SalesforceEmulator,
  apiHost: string,
  sid: string,
  source: { kind: string; soql?: string; path?: string; type?: string; fullName?: string; namesFrom?: string },
): Promise<{ status: number; data: unknown; raw: ClientResponse }> {
  const auth = { Authorization: `Bearer ${sid}` };
  let raw: ClientResponse;
  if (source.kind === 'appMetadata') {
    // As the connector does: the API names from the App Launcher entries, then their metadata, keeping only OAuth settings.
    const namesSource = salesforceSources.find((candidate) => candidate.id === source.namesFrom)!;
    const names = await readSource(emulator, apiHost, sid, namesSource);
    const { names: fullNames } = connectedAppNames(names.data);
    raw = await call(emulator, `https://${apiHost}/services/Soap/m/66.0`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: '""' },
      body: soapEnvelope(sid, source.type as string, fullNames),
    });
    return { status: raw.status, data: raw.status === 200 ? { requested: fullNames, records: connectedAppOauthOf(raw.body), unread: [] } : raw.body, raw };
  }
  if (source.kind === 'metadata') {
    raw = await call(emulator, `https://${apiHost}/services/Soap/m/66.0`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: '""' },
      body: soapEnvelope(sid, source.type as string, source.fullName as string),
    });
    return { status: raw.status, data: { xml: raw.body }, raw };
  }
  const path =
    source.kind === 'rest'
      ? `/services/data/v66.0${source.path}`
      : `/services/data/v66.0${source.kind === 'tooling' ? '/tooling' : ''}/query?q=${encodeURIComponent(source.soql as string)}`;
  raw = await call(emulator, `https://${apiHost}${path}`, { headers: auth });
  return { status: raw.status, data: raw.status === 200 ? raw.json() : raw.body, raw };
}
