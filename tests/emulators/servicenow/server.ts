import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dropFields, FaultRegistry, truncate } from '../shared/faults';
import { hostOf, parseCookies, parseForm, readBody, redirect, send, sleep } from '../shared/http';
import { type EmulatorCertificate, startHttpsServer } from '../shared/https-server';
import { type RecordedRequest, RequestLog } from '../shared/request-log';
import { handleApi } from './api';
import { type Answer, faultAnswer, methodNotSupported, notAuthenticated, type ServiceNowFault, type ServiceNowFaultKind } from './faults';
import { htmlHeaders, loginPage, nextExperienceShell, notFoundPage, ui16Shell } from './html';
import { addGeneratedUsers, demoInstances } from './instances';
import { classicRoute, handlePropertyPost, modules, type PageAnswer, renderForm, renderHome, renderList } from './pages';
import type { Credentials, ServiceNowInstanceSeed } from './seed';
import { clearSessionCookies, type ServiceNowSession, sessionCookies, Sessions, userRouteCookie } from './sessions';
import { InstanceState } from './state';

export interface ServiceNowEmulatorOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  /** Default: demoInstances() (acme, globex). */
  instances?: ServiceNowInstanceSeed[];
  /** Adds this many generated users (2 % stale, a few hundred role grants) to the first instance. */
  largeInstanceUsers?: number;
}

export interface EmulatedServiceNowInstance {
  name: string;
  /** `<name>.service-now.com` (`<name>.servicenowservices.com` answers too). */
  host: string;
  displayName: string;
  admin: Credentials;
  nonAdmin: Credentials;
}

export interface ServiceNowEmulator {
  port: number;
  instances: EmulatedServiceNowInstance[];
  /** Value for Chromium's --host-resolver-rules. */
  hostResolverRules: string;
  certificate: EmulatorCertificate;
  setFault(fault: ServiceNowFault): void;
  clearFaults(): void;
  requests: RecordedRequest[];
  clearRequests(): void;
  /** Live state of an instance (by name or host): tests may change its `seed`, e.g. `setProperty(name, value)`. */
  instance(key: string): InstanceState;
  /** Ends every session of an instance (or of all): "the admin's session expired". */
  expireSessions(key?: string): void;
  /** Every session secret handed out so far (JSESSIONID and glide_session_store values, user tokens), ended ones too. */
  sessionSecrets(): string[];
  close(): Promise<void>;
}

const domains = ['service-now.com', 'servicenowservices.com'];
const hostPattern = /^([a-z0-9-]+)\.(service-now\.com|servicenowservices\.com)$/;
const home = '/now/nav/ui/home';
const nextTargetPrefix = '/now/nav/ui/classic/params/target/';

/** A same-origin path for a redirect or an iframe: `/…` (never `//host` or a scheme), else undefined. */
export function safeRelativePath(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//') || trimmed.startsWith('\\') || trimmed.startsWith('/\\') || /[\r\n]/.test(trimmed)) return undefined;
  return `/${trimmed.replace(/^\/+/, '')}`;
}

/** The iframe source of a shell: a relative path of this instance, never another origin. */
const framePath = (value: string | null | undefined) => `/${(value ?? '').trim().replace(/^[\\/]+/, '')}`;

/** Login-form bodies and page POSTs without the password and the user token. */
const redactForm = (body: string) => body.replace(/\b((?:user_)?password|sysparm_ck)=[^&]*/gi, '$1=[redacted]');

export async function startServiceNowEmulator(options: ServiceNowEmulatorOptions = {}): Promise<ServiceNowEmulator> {
  const now = Date.now();
  const seeds = options.instances ?? demoInstances(now);
  if (options.largeInstanceUsers && seeds[0]) addGeneratedUsers(seeds[0], options.largeInstanceUsers, now);
  const states = seeds.map((seed) => new InstanceState(seed, now));
  const byName = new Map(states.map((state) => [state.name, state]));
  const log = new RequestLog();
  const faults = new FaultRegistry<ServiceNowFaultKind & { instance?: string }>();
  const sessions = new Sessions();
  const componentId = randomBytes(16).toString('hex');

  const handler = async (request: IncomingMessage, response: ServerResponse) => {
    const host = hostOf(request);
    const url = new URL(request.url ?? '/', `https://${host || 'localhost'}`);
    const match = hostPattern.exec(host);
    const state = match ? byName.get(match[1] as string) : undefined;
    const path = url.pathname;
    const method = (request.method ?? 'GET').toUpperCase();
    const isApi = path.startsWith('/api/');
    const cookies = parseCookies(request.headers.cookie);
    const entry = log.add({
      time: Date.now(), host, method, path, query: Object.fromEntries(url.searchParams), orgId: state?.name,
      kind: isApi ? 'api' : path === '/login.do' || path === '/logout.do' ? 'login' : 'page',
      authorization: request.headers.authorization ? 'token' : cookies.JSESSIONID ? 'cookie' : 'none',
      fetchSite: request.headers['sec-fetch-site'] as string | undefined,
      // Whether the request carried X-UserToken (never its value).
      xsrfHeader: Boolean(request.headers['x-usertoken']),
    });
    response.on('finish', () => { entry.status = response.statusCode; entry.answeredAt = Date.now(); });
    if (path === '/favicon.ico') return send(response, 204, '');
    if (!state) return send(response, 404, notFoundPage(`No emulated ServiceNow instance answers for host "${host}".`), htmlHeaders);
    const portMatch = /:(\d+)$/.exec(request.headers.host ?? '');
    const origin = `https://${host}${portMatch && portMatch[1] !== '443' ? `:${portMatch[1]}` : ''}`;
    const session = sessions.get(cookies.JSESSIONID, state.name);

    if (isApi) return handleApiRequest({ state, request, response, url, entry, session, origin, method });

    if (path === '/login.do') {
      const routeCookie = cookies.glide_user_route ? [] : [userRouteCookie()];
      if (method === 'POST') {
        const raw = await readBody(request);
        entry.body = redactForm(raw);
        const form = parseForm(raw);
        const login = (form.user_name ?? '').toLowerCase();
        const { admin, nonAdmin } = state.seed;
        const credentials = [admin, nonAdmin].find((candidate) => candidate.userName.toLowerCase() === login && candidate.password === form.user_password);
        const user = credentials ? state.userByName(credentials.userName) : undefined;
        if (!credentials || !user || user.active !== 'true') {
          return send(response, 200, loginPage({ displayName: state.seed.displayName, gotoUrl: form.sysparm_goto_url ?? '', error: 'User name or password invalid' }), { ...htmlHeaders, 'Set-Cookie': routeCookie });
        }
        if (cookies.JSESSIONID) sessions.end(cookies.JSESSIONID); // a login always starts a new session (rotation)
        const roles = state.rolesOf(user.sys_id as string);
        const created = sessions.create({ instance: state.name, userId: user.sys_id as string, userName: user.user_name as string, name: user.name ?? '', roles, admin: roles.includes('admin') });
        return redirect(response, safeRelativePath(form.sysparm_goto_url) ?? home, { 'Set-Cookie': [...sessionCookies(created.id, created.session), ...routeCookie] });
      }
      return send(response, 200, loginPage({ displayName: state.seed.displayName, gotoUrl: url.searchParams.get('sysparm_goto_url') ?? '' }), { ...htmlHeaders, 'Set-Cookie': routeCookie });
    }
    if (path === '/logout.do') {
      if (cookies.JSESSIONID) sessions.end(cookies.JSESSIONID);
      return redirect(response, '/login.do', { 'Set-Cookie': clearSessionCookies });
    }
    if (!session) return redirect(response, `/login.do?sysparm_goto_url=${encodeURIComponent(path === '/' ? home : `${path}${url.search}`)}`);
    if (path === '/') return redirect(response, home);

    const shell = { displayName: state.property('glide.product.description') ?? state.seed.displayName, session, modules };
    if (path === '/navpage.do' || path === '/nav_to.do') {
      return send(response, 200, ui16Shell({ ...shell, src: path === '/nav_to.do' && url.searchParams.get('uri') ? framePath(url.searchParams.get('uri')) : '/home.do' }), htmlHeaders);
    }
    if (path === home || path === `${home}/`) return send(response, 200, nextExperienceShell({ ...shell, componentId, src: '/home.do' }), htmlHeaders);
    if (path.startsWith(nextTargetPrefix)) {
      let target: string;
      try {
        target = decodeURIComponent(path.slice(nextTargetPrefix.length));
      } catch {
        return send(response, 400, notFoundPage('Invalid target.'), htmlHeaders);
      }
      return send(response, 200, nextExperienceShell({ ...shell, componentId, src: framePath(target) }), htmlHeaders);
    }

    const route = classicRoute(path);
    if (!route) return send(response, 404, notFoundPage(), htmlHeaders);
    const context = { state, session, query: url.searchParams };
    let answer: PageAnswer;
    if (method === 'POST') {
      const raw = await readBody(request);
      entry.body = redactForm(raw);
      answer = route.kind === 'form' && route.table.name === 'sys_properties'
        ? handlePropertyPost(context, parseForm(raw))
        : { status: 405, html: notFoundPage('This page does not accept form submissions in the emulator.') };
    } else {
      answer = route.kind === 'home' ? renderHome(context) : route.kind === 'list' ? renderList(context, route.table) : renderForm(context, route.table);
    }
    if (answer.redirect) return redirect(response, answer.redirect);
    return send(response, answer.status, answer.html ?? '', htmlHeaders);
  };

  async function handleApiRequest(ctx: { state: InstanceState; request: IncomingMessage; response: ServerResponse; url: URL; entry: RecordedRequest; session?: ServiceNowSession; origin: string; method: string }) {
    const { state, request, response, url, entry, method } = ctx;
    const decoded = [...url.searchParams].map(([key, value]) => `${key}=${value}`).join('&');
    const applied = faults.take({ orgKeys: [state.name, state.host, state.govHost], text: `${method} ${url.pathname}${decoded ? `?${decoded}` : ''}` });
    if (applied.length) entry.faults = applied.map((fault) => fault.kind);
    for (const fault of applied) if (fault.kind === 'latency') await sleep(fault.ms);
    if (applied.some((fault) => fault.kind === 'hang')) return;
    if (applied.some((fault) => fault.kind === 'reset')) { request.socket.destroy(); return; }
    if (method !== 'GET' && method !== 'HEAD') await readBody(request).catch(() => '');
    const userToken = request.headers['x-usertoken'];
    const authenticated = ctx.session !== undefined && typeof userToken === 'string' && userToken === ctx.session.token;
    const hidden = applied.find((fault) => fault.kind === 'hidden_rows');
    let answer: Answer;
    const faulted = applied.map((fault) => faultAnswer(fault)).find(Boolean);
    if (faulted) answer = faulted;
    else if (!authenticated || !ctx.session) answer = notAuthenticated();
    else if (method !== 'GET' && method !== 'HEAD') answer = methodNotSupported(method);
    else answer = handleApi(state, { path: url.pathname, query: url.searchParams, origin: ctx.origin, session: ctx.session, hideEvery: hidden?.kind === 'hidden_rows' ? hidden.every ?? 2 : undefined });
    let body: unknown = answer.body;
    if (answer.status < 400) {
      const missing = applied.find((fault) => fault.kind === 'missing_fields');
      if (missing?.kind === 'missing_fields') body = dropFields(body, new Set(missing.fields));
    }
    let text = JSON.stringify(body);
    if (answer.status < 400 && applied.some((fault) => fault.kind === 'malformed_json')) text = truncate(text);
    send(response, answer.status, method === 'HEAD' ? '' : text, { 'Content-Type': 'application/json;charset=UTF-8', 'Cache-Control': 'no-cache,no-store,must-revalidate,max-age=-1', ...(answer.headers ?? {}) });
  }

  const server = await startHttpsServer({ port: options.port ?? 0, dnsNames: [...domains.map((domain) => `*.${domain}`), 'localhost'], handler });
  const port = server.port;
  const find = (key: string) => {
    const lower = key.toLowerCase();
    const state = states.find((candidate) => candidate.name === lower || candidate.host === lower || candidate.govHost === lower);
    if (!state) throw new Error(`No emulated ServiceNow instance "${key}"`);
    return state;
  };
  return {
    port,
    instances: states.map((state) => ({ name: state.name, host: state.host, displayName: state.seed.displayName, admin: { ...state.seed.admin }, nonAdmin: { ...state.seed.nonAdmin } })),
    hostResolverRules: domains.map((domain) => `MAP *.${domain} 127.0.0.1:${port}`).join(', '),
    certificate: server.certificate,
    setFault: (fault) => faults.set({ ...fault, org: fault.instance }),
    clearFaults: () => faults.clear(),
    requests: log.entries,
    clearRequests: () => log.clear(),
    instance: find,
    expireSessions: (key) => {
      for (const state of key ? [find(key)] : states) sessions.endInstance(state.name);
    },
    sessionSecrets: () => [...sessions.issued],
    close: () => server.close(),
  };
}
