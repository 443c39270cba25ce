import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { alterBody, alterText, FaultRegistry } from '../shared/faults';
import { hostOf, parseCookies, parseForm, readBody, redirect, send, sleep } from '../shared/http';
import { type EmulatorCertificate, startHttpsServer } from '../shared/https-server';
import { type RecordedRequest, redactSecrets, RequestLog } from '../shared/request-log';
import { handleApi } from './api';
import { type Answer, faultAnswer, invalidToken, type OktaFault, tooManyRequests } from './faults';
import { consoleShell, htmlHeaders, idFactory, signInPage } from './html';
import { addGeneratedUsers, demoOrgs } from './orgs';
import { findPage, navItems, renderPage } from './pages';
import { RateLimiter, type RateLimitOptions, rateHeaders } from './rate-limit';
import type { Credentials, OktaOrgSeed } from './seed';
import { clearSidCookie, type OktaSession, Sessions, sidCookie } from './sessions';
import { OrgState } from './state';

export interface OktaEmulatorOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  /** Default: demoOrgs() (acme, globex). */
  orgs?: OktaOrgSeed[];
  /** Adds this many generated users to the first org (acme). */
  largeOrgUsers?: number;
  /** Overrides every endpoint bucket (default: Okta-like per-endpoint limits per 60 s) and the concurrency limit (15). */
  rateLimit?: RateLimitOptions;
}

export interface EmulatedOktaOrg {
  name: string;
  orgId: string;
  orgHost: string;
  adminHost: string;
  superAdmin: Credentials;
  readOnlyAdmin: Credentials;
}

export interface OktaEmulator {
  port: number;
  orgs: EmulatedOktaOrg[];
  /** Value for Chromium's --host-resolver-rules. */
  hostResolverRules: string;
  certificate: EmulatorCertificate;
  setFault(fault: OktaFault): void;
  clearFaults(): void;
  requests: RecordedRequest[];
  clearRequests(): void;
  /** Live state of an org (by name or org id): tests may change its `seed`. */
  org(key: string): OrgState;
  /** Ends every session of an org (or of all orgs): "the admin's session expired". */
  expireSessions(key?: string): void;
  /** Every session secret handed out so far (sid cookie values, XSRF tokens, transfer tokens), ended ones too. */
  sessionSecrets(): string[];
  /** Starts new rate-limit windows (tests). */
  resetRateLimits(): void;
  close(): Promise<void>;
}

const hostPattern = /^([a-z0-9-]+?)(-admin)?\.(okta\.com|okta-emea\.com|oktapreview\.com|okta-gov\.com|okta\.mil)$/;
const admin = '/admin/dashboard';

function safePath(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : admin;
}

export async function startOktaEmulator(options: OktaEmulatorOptions = {}): Promise<OktaEmulator> {
  const seeds = options.orgs ?? demoOrgs();
  if (options.largeOrgUsers && seeds[0]) addGeneratedUsers(seeds[0], options.largeOrgUsers);
  const states = seeds.map((seed) => new OrgState(seed));
  const byName = new Map(states.map((state) => [state.name, state]));
  const log = new RequestLog();
  const faults = new FaultRegistry<OktaFault>();
  const sessions = new Sessions();
  const limiter = new RateLimiter(options.rateLimit);
  const idSalt = randomBytes(6).toString('hex');

  const handler = async (request: IncomingMessage, response: ServerResponse) => {
    const host = hostOf(request);
    const url = new URL(request.url ?? '/', `https://${host || 'localhost'}`);
    const match = hostPattern.exec(host);
    const org = match ? byName.get(match[1] as string) : undefined;
    const isAdminHost = Boolean(match?.[2]);
    const path = url.pathname;
    const method = (request.method ?? 'GET').toUpperCase();
    const isApi = path.startsWith('/api/') || path.startsWith('/.well-known/') || path.startsWith('/oauth2/v1/clients/') || path.startsWith('/integrations/api/');
    const cookieSid = parseCookies(request.headers.cookie).sid;
    const entry = log.add({
      time: Date.now(), host, method, path, query: Object.fromEntries(url.searchParams), orgId: org?.seed.orgId,
      kind: isApi ? 'api' : path.startsWith('/login') || path === '/' ? 'login' : 'page',
      authorization: request.headers.authorization ? 'token' : cookieSid ? 'cookie' : 'none',
      fetchSite: request.headers['sec-fetch-site'] as string | undefined,
      xsrfHeader: Boolean(request.headers['x-okta-xsrftoken']),
    });
    if (entry.query.token) entry.query.token = '[redacted]';
    response.on('finish', () => { entry.status = response.statusCode; entry.answeredAt = Date.now(); });
    if (path === '/favicon.ico') return send(response, 204, '');
    if (!org) return send(response, 404, `No emulated Okta org answers for host "${host}".`, { 'Content-Type': 'text/plain' });
    const portMatch = /:(\d+)$/.exec(request.headers.host ?? '');
    const portSuffix = portMatch && portMatch[1] !== '443' ? `:${portMatch[1]}` : '';
    const origin = (h: string) => `https://${h}${portSuffix}`;
    const session = sessions.get(cookieSid, org.name);

    if (isApi) return handleApiRequest({ org, request, response, url, entry, session, origin: origin(host), method });

    // Sign-in on the org host; the session reaches the admin host through /login/sessionCookieRedirect.
    if (path === '/login/sessionCookieRedirect') {
      const transfer = sessions.consumeTransfer(url.searchParams.get('token'));
      if (!transfer) return redirect(response, `${origin(org.orgHost)}/login/login.htm`);
      return redirect(response, safePath(transfer.redirect), { 'Set-Cookie': sidCookie(transfer.sid) });
    }
    if (path === '/login/signout') {
      if (cookieSid) sessions.end(cookieSid);
      return redirect(response, `${origin(org.orgHost)}/login/login.htm`, { 'Set-Cookie': clearSidCookie });
    }
    if (!isAdminHost) {
      if (path === '/' || path === '/login/login.htm' || path === '/login/default') {
        if (method === 'POST') {
          const raw = await readBody(request);
          entry.body = redactSecrets(raw);
          const form = parseForm(raw);
          const login = (form.username ?? '').toLowerCase();
          const { superAdmin, readOnlyAdmin } = org.seed;
          const credentials = [superAdmin, readOnlyAdmin].find((candidate) => candidate.username.toLowerCase() === login && candidate.password === form.password);
          const user = credentials ? org.userByLogin(login) : undefined;
          if (!credentials || !user) {
            return send(response, 401, signInPage({ companyName: org.seed.companyName, action: '/login/login.htm', fromURI: form.fromURI ?? '', error: 'Unable to sign in' }), htmlHeaders);
          }
          const role: OktaSession['role'] = org.isSuperAdmin(user.id) ? 'SUPER_ADMIN' : org.rolesOf(user.id, true).length ? 'READ_ONLY_ADMIN' : 'USER';
          const sid = sessions.create({ org: org.name, userId: user.id, username: user.login, role });
          const token = sessions.issueTransfer(sid, safePath(form.fromURI));
          return redirect(response, `${origin(org.adminHost)}/login/sessionCookieRedirect?token=${encodeURIComponent(token)}&redirectUrl=${encodeURIComponent(safePath(form.fromURI))}`, { 'Set-Cookie': sidCookie(sid) });
        }
        return send(response, 200, signInPage({ companyName: org.seed.companyName, action: '/login/login.htm', fromURI: url.searchParams.get('fromURI') ?? '' }), htmlHeaders);
      }
      if (path.startsWith('/admin')) return redirect(response, `${origin(org.adminHost)}${path}${url.search}`);
      return send(response, 404, 'Page Not Found', { 'Content-Type': 'text/plain' });
    }

    // Admin Console pages.
    if (path === '/' || path === '/admin') return redirect(response, admin);
    if (!session) return redirect(response, `${origin(org.orgHost)}/login/login.htm?fromURI=${encodeURIComponent(`${path}${url.search}`)}`);
    const found = findPage(path);
    if (!found || session.role === 'USER') {
      return send(response, 404, consoleShell({ title: 'Page Not Found', companyName: org.seed.companyName, username: session.username, xsrfToken: session.xsrfToken, nav: navItems, path, body: '<h1>Page Not Found</h1>' }), htmlHeaders);
    }
    const body = renderPage(found.page, { org, superAdmin: session.role === 'SUPER_ADMIN', id: idFactory(idSalt, found.page.key), param: found.param });
    const title = `${found.page.title} - ${org.seed.companyName} - Admin Console`;
    if (request.headers['x-emulator-partial']) return send(response, 200, JSON.stringify({ title, html: body }), { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    return send(response, 200, consoleShell({ title, companyName: org.seed.companyName, username: session.username, xsrfToken: session.xsrfToken, nav: navItems, path, body }), htmlHeaders);
  };

  async function handleApiRequest(ctx: { org: OrgState; request: IncomingMessage; response: ServerResponse; url: URL; entry: RecordedRequest; session?: OktaSession; origin: string; method: string }) {
    const { org, request, response, url, entry, method } = ctx;
    const decoded = [...url.searchParams].map(([key, value]) => `${key}=${value}`).join('&');
    const applied = faults.take({ orgKeys: [org.name, org.seed.orgId, org.orgHost, org.adminHost], text: `${method} ${url.pathname}${decoded ? `?${decoded}` : ''}` });
    if (applied.length) entry.faults = applied.map((fault) => fault.kind);
    const release = limiter.acquire(org.name);
    if (release) { response.on('close', release); response.on('finish', release); }
    for (const fault of applied) if (fault.kind === 'latency') await sleep(fault.ms);
    if (applied.some((fault) => fault.kind === 'hang')) return;
    if (applied.some((fault) => fault.kind === 'reset')) { request.socket.destroy(); return; }
    if (method !== 'GET' && method !== 'HEAD') {
      const body = await readBody(request);
      if (body) entry.body = redactSecrets(body);
    }
    const bucket = limiter.hit(org.name, url.pathname);
    const limits = rateHeaders(bucket);
    let answer: Answer;
    const faulted = applied.map((fault) => faultAnswer(fault)).find(Boolean);
    if (faulted) answer = faulted;
    else if (!release) answer = tooManyRequests({ ...limits, 'X-Rate-Limit-Remaining': String(bucket.remaining) });
    else if (!bucket.allowed) answer = tooManyRequests(limits);
    else if (!ctx.session && url.pathname !== '/.well-known/okta-organization') answer = invalidToken();
    else if (ctx.session && method !== 'GET' && request.headers['x-okta-xsrftoken'] !== ctx.session.xsrfToken) answer = faultAnswer({ kind: 'forbidden' }) as Answer;
    else answer = handleApi(org, { method, path: url.pathname, query: url.searchParams, origin: ctx.origin, session: ctx.session });
    const text = answer.status < 400 ? alterText(JSON.stringify(alterBody(answer.body, applied)), applied) : JSON.stringify(answer.body);
    const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json', ...limits, ...(answer.headers ?? {}) };
    send(response, answer.status, method === 'HEAD' ? '' : text, headers);
  }

  const domains = ['okta.com', 'okta-emea.com', 'oktapreview.com', 'okta-gov.com', 'okta.mil'];
  const server = await startHttpsServer({ port: options.port ?? 0, dnsNames: [...domains.map((domain) => `*.${domain}`), 'localhost'], handler });
  const port = server.port;
  const find = (key: string) => {
    const lower = key.toLowerCase();
    const state = states.find((candidate) => candidate.name === lower || candidate.seed.orgId.toLowerCase() === lower);
    if (!state) throw new Error(`No emulated Okta org "${key}"`);
    return state;
  };
  return {
    port,
    orgs: states.map((state) => ({ name: state.name, orgId: state.seed.orgId, orgHost: state.orgHost, adminHost: state.adminHost, superAdmin: { ...state.seed.superAdmin }, readOnlyAdmin: { ...state.seed.readOnlyAdmin } })),
    hostResolverRules: domains.map((domain) => `MAP *.${domain} 127.0.0.1:${port}`).join(', '),
    certificate: server.certificate,
    setFault: (fault) => faults.set(fault),
    clearFaults: () => faults.clear(),
    requests: log.entries,
    clearRequests: () => log.clear(),
    org: find,
    expireSessions: (key) => {
      for (const state of key ? [find(key)] : states) sessions.endOrg(state.name);
    },
    sessionSecrets: () => [...sessions.issued],
    resetRateLimits: () => limiter.reset(),
    close: () => server.close(),
  };
}
