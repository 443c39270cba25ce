import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultRegistry } from '../shared/faults';
import { hostOf, redirect, send } from '../shared/http';
import { type EmulatorCertificate, startHttpsServer } from '../shared/https-server';
import { type RecordedRequest, RequestLog } from '../shared/request-log';
import type { RouteContext } from './context';
import type { Fault, SalesforceFault } from './faults';
import { addGeneratedUsers, demoOrgs, type OrgSeed } from './orgs';
import { handleApiRoute } from './routes-api';
import { handleClassicPage, handleLightningPage, handleLoginRoute, isLoginPath } from './routes-pages';
import { Sessions } from './sessions';
import { OrgState } from './state';

export interface SalesforceEmulatorOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  /** Default: demoOrgs(). */
  orgs?: OrgSeed[];
  /** Adds this many generated Standard users to the first org (acme). */
  largeOrgUsers?: number;
  /** Characters of the org id before "!" in sid values: 18 (default) or 15 (what production orgs use). */
  sidOrgIdLength?: 15 | 18;
}

export interface EmulatedOrg {
  myDomain: string;
  orgId: string;
  name: string;
  apiHost: string;
  lightningHost: string;
  username: string;
  password: string;
}

export interface SalesforceEmulator {
  port: number;
  orgs: EmulatedOrg[];
  /** Value for Chromium's --host-resolver-rules. */
  hostResolverRules: string;
  /** The generated certificate; `spkiSha256` fits --ignore-certificate-errors-spki-list. */
  certificate: EmulatorCertificate;
  setFault(fault: Fault): void;
  clearFaults(): void;
  requests: RecordedRequest[];
  clearRequests(): void;
  /** Live state of an org (by My Domain name or org id): tests may change `seed` records and settings. */
  org(key: string): OrgState;
  /** Ends every browser/API session of an org (or of all orgs): the admin's session "expired". */
  expireSessions(key?: string): void;
  /** Every session secret handed out so far (sid values of both hosts, frame and one-time tokens), ended ones too. */
  sessionSecrets(): string[];
  close(): Promise<void>;
}

const hostPattern = /^([a-z0-9-]+)\.(my\.salesforce\.com|lightning\.force\.com|my\.salesforce-setup\.com)$/;

export async function startSalesforceEmulator(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  const seeds = options.orgs ?? demoOrgs();
  if (options.largeOrgUsers && seeds[0]) addGeneratedUsers(seeds[0], options.largeOrgUsers);
  const states = seeds.map((seed) => new OrgState(seed));
  const byDomain = new Map(states.map((state) => [state.seed.myDomain.toLowerCase(), state]));
  const log = new RequestLog();
  const faults = new FaultRegistry<SalesforceFault>();
  const sessions = new Sessions(options.sidOrgIdLength ?? 18);
  const idSalt = randomBytes(8).toString('hex');

  const handler = async (request: IncomingMessage, response: ServerResponse) => {
    const host = hostOf(request);
    const url = new URL(request.url ?? '/', `https://${host || 'localhost'}`);
    const match = hostPattern.exec(host);
    const org = match ? byDomain.get(match[1] as string) : undefined;
    const path = url.pathname;
    const kind: RecordedRequest['kind'] = path.startsWith('/services/') ? 'api' : isLoginPath(path) ? 'login' : 'page';
    const entry = log.add({
      time: Date.now(),
      host,
      method: request.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      orgId: org?.orgId,
      kind,
      authorization: request.headers.authorization ? 'bearer' : /(?:^|;\s*)sid=/.test(request.headers.cookie ?? '') ? 'cookie' : 'none',
    });
    for (const secret of ['otp', 'emuFrameToken']) if (entry.query[secret]) entry.query[secret] = '[redacted]';
    response.on('finish', () => {
      entry.status = response.statusCode;
      entry.answeredAt = Date.now();
    });
    if (path === '/favicon.ico') {
      send(response, 204, '');
      return;
    }
    if (!match || !org) {
      send(response, 404, `No emulated Salesforce org answers for host "${host}".`, { 'Content-Type': 'text/plain' });
      return;
    }
    const portMatch = /:(\d+)$/.exec(request.headers.host ?? '');
    const portSuffix = portMatch && portMatch[1] !== '443' ? `:${portMatch[1]}` : '';
    if (match[2] === 'my.salesforce-setup.com') {
      redirect(response, `https://${org.lightningHost}${portSuffix}${url.pathname}${url.search}`);
      return;
    }
    const context: RouteContext = {
      org, hostKind: match[2] === 'my.salesforce.com' ? 'my' : 'lightning', request, response, url, entry, sessions, faults, portSuffix, idSalt,
    };
    if (kind === 'api') await handleApiRoute(context);
    else if (kind === 'login') await handleLoginRoute(context);
    else if (context.hostKind === 'lightning') handleLightningPage(context);
    else await handleClassicPage(context);
  };

  const dnsNames = ['*.my.salesforce.com', '*.lightning.force.com', '*.my.salesforce-setup.com', '*.salesforce.com', '*.force.com', 'localhost'];
  const server = await startHttpsServer({ port: options.port ?? 0, dnsNames, handler });
  const port = server.port;
  const find = (key: string) => {
    const lower = key.toLowerCase();
    const state = states.find((candidate) => candidate.seed.myDomain.toLowerCase() === lower || candidate.orgId.toLowerCase() === lower || candidate.orgId.slice(0, 15).toLowerCase() === lower);
    if (!state) throw new Error(`No emulated org "${key}"`);
    return state;
  };
  return {
    port,
    orgs: states.map((state) => ({
      myDomain: state.seed.myDomain, orgId: state.orgId, name: state.seed.name, apiHost: state.apiHost, lightningHost: state.lightningHost,
      username: state.seed.username, password: state.seed.password,
    })),
    hostResolverRules: ['*.my.salesforce.com', '*.lightning.force.com', '*.my.salesforce-setup.com'].map((pattern) => `MAP ${pattern} 127.0.0.1:${port}`).join(', '),
    certificate: server.certificate,
    setFault: (fault) => faults.set(fault),
    clearFaults: () => faults.clear(),
    requests: log.entries,
    clearRequests: () => log.clear(),
    org: find,
    expireSessions: (key) => {
      for (const state of key ? [find(key)] : states) sessions.endOrg(state.orgId);
    },
    sessionSecrets: () => [...sessions.issued],
    close: () => server.close(),
  };
}
