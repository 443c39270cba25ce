import { randomBytes } from 'node:crypto';
import { parseCookies, parseForm, readBody, redirect, send } from '../shared/http';
import { type RouteContext, originOf } from './context';
import { applySettingsForm, classicBody, classicDocument, idMaker } from './html-classic';
import { lightningShell, loginPage, type ShellPage } from './html-shell';
import { formatDateTime } from './schema';
import { clearSidCookie, type SessionInfo, sidCookie } from './sessions';
import { nativeBody } from './html-native';
import { classicPathFor, pageByClassicPath, pageByKey, setupPageDefs } from './setup-pages';

/** Sign-in (login form, frontdoor, logout), the Lightning Setup shell and the classic Setup pages. */
const setupHome = '/lightning/setup/SetupOneHome/home';
const loginError = "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";
const html = { 'Content-Type': 'text/html;charset=UTF-8', 'Cache-Control': 'no-cache, no-store' };

export function isLoginPath(path: string): boolean {
  return ['/', '/login', '/secur/frontdoor.jsp', '/secur/logout.jsp'].includes(path);
}

function session(context: RouteContext, kind: SessionInfo['kind']): SessionInfo | undefined {
  const info = context.sessions.get(parseCookies(context.request.headers.cookie).sid);
  return info && info.kind === kind && info.orgId === context.org.orgId ? info : undefined;
}

/** Only same-site relative paths are followed after login. */
function safeStart(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '';
}

function toLogin(context: RouteContext): void {
  const start = `${context.url.pathname}${context.url.search}`;
  redirect(context.response, `${originOf(context, context.org.apiHost)}/?ec=302&startURL=${encodeURIComponent(start)}`);
}

function frontdoor(context: RouteContext, info: { loginId: string; username: string }, startURL: string, cookies: string[] = []): void {
  const otp = context.sessions.issueOtp(context.org.orgId, info.loginId, info.username, startURL || setupHome);
  const target = `${originOf(context, context.org.lightningHost)}/secur/frontdoor.jsp?otp=${encodeURIComponent(otp)}&startURL=${encodeURIComponent(startURL || setupHome)}`;
  redirect(context.response, target, cookies.length ? { 'Set-Cookie': cookies } : {});
}

export async function handleLoginRoute(context: RouteContext): Promise<void> {
  const { org, request, response, url, sessions } = context;
  const method = (request.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  if (path === '/secur/logout.jsp') {
    const current = sessions.get(parseCookies(request.headers.cookie).sid);
    if (current && current.orgId === org.orgId) sessions.endLogin(current.loginId);
    const from = url.searchParams.get('from');
    const next =
      context.hostKind === 'lightning'
        ? from === 'my' ? `${originOf(context, org.apiHost)}/` : `${originOf(context, org.apiHost)}/secur/logout.jsp?from=lightning`
        : from === 'lightning' ? '/' : `${originOf(context, org.lightningHost)}/secur/logout.jsp?from=my`;
    redirect(response, next, { 'Set-Cookie': clearSidCookie });
    return;
  }
  if (context.hostKind === 'lightning') {
    if (path !== '/secur/frontdoor.jsp') {
      redirect(response, setupHome);
      return;
    }
    const ticket = sessions.consumeOtp(url.searchParams.get('otp'));
    if (!ticket || ticket.orgId !== org.orgId) {
      redirect(response, `${originOf(context, org.apiHost)}/`);
      return;
    }
    const sid = sessions.create(org.orgId, 'lightning', ticket.loginId, ticket.username);
    redirect(response, safeStart(ticket.startURL) || setupHome, { 'Set-Cookie': sidCookie(sid) });
    return;
  }
  if (path === '/secur/frontdoor.jsp') {
    redirect(response, '/');
    return;
  }
  if (method === 'POST') {
    const form = parseForm(await readBody(request));
    const startURL = safeStart(form.startURL);
    if ((form.username ?? '').trim().toLowerCase() !== org.seed.username.toLowerCase() || form.pw !== org.seed.password) {
      send(response, 200, loginPage(org, { error: loginError, username: form.username, startURL }), html);
      return;
    }
    const loginId = sessions.newLoginId();
    const sid = sessions.create(org.orgId, 'api', loginId, org.seed.username);
    if (startURL && !startURL.startsWith('/lightning/')) {
      redirect(response, startURL, { 'Set-Cookie': sidCookie(sid) });
      return;
    }
    frontdoor(context, { loginId, username: org.seed.username }, startURL, [sidCookie(sid)]);
    return;
  }
  const startURL = safeStart(url.searchParams.get('startURL'));
  const current = session(context, 'api');
  if (current) {
    if (startURL && !startURL.startsWith('/lightning/')) redirect(response, startURL);
    else frontdoor(context, current, startURL);
    return;
  }
  send(response, 200, loginPage(org, { startURL }), html);
}

export const frameTokenParam = 'emuFrameToken';

function frameUrl(context: RouteContext, classicPath: string, token: string): string {
  const lightning = originOf(context, context.org.lightningHost);
  const separator = classicPath.includes('?') ? '&' : '?';
  return `${originOf(context, context.org.apiHost)}${classicPath}${separator}isdtp=p1&sfdcIFrameOrigin=${encodeURIComponent(lightning)}&sfdcIFrameHost=web&nonce=${randomBytes(16).toString('hex')}&clc=1&${frameTokenParam}=${token}`;
}

export function handleLightningPage(context: RouteContext): void {
  const { url, response } = context;
  const info = session(context, 'lightning');
  if (!info) {
    toLogin(context);
    return;
  }
  if (['/', '/lightning', '/lightning/', '/lightning/page/home', '/one/one.app'].includes(url.pathname)) {
    redirect(response, setupHome);
    return;
  }
  const match = /^\/lightning\/setup\/([A-Za-z0-9_]+)\/(home|page)$/.exec(url.pathname);
  if (!match) {
    send(response, 404, '<!DOCTYPE html><title>Page not found | Salesforce</title><p>Page not found</p>', html);
    return;
  }
  const key = match[1] as string;
  const token = context.sessions.issueFrameToken(info);
  const pages: ShellPage[] = setupPageDefs.map((page) => {
    const classicPath = classicPathFor(page, context.org.orgId);
    return classicPath ? { key: page.key, title: page.title, frameUrl: frameUrl(context, classicPath, token) } : { key: page.key, title: page.title, body: nativeBody(context.org, page.key) };
  });
  const address = match[2] === 'page' ? url.searchParams.get('address') : null;
  const known = pages.find((page) => page.key === key);
  const current: ShellPage = address && safeStart(address) ? { key, title: known?.title ?? key, frameUrl: frameUrl(context, address, token) } : known ?? { key, title: key };
  send(response, 200, lightningShell(context.org, current, pages, info.username), html);
}

export async function handleClassicPage(context: RouteContext): Promise<void> {
  const { org, url, request, response } = context;
  const page = pageByClassicPath(url.pathname, org.orgId);
  if (!page) {
    send(response, 404, '<!DOCTYPE html><html><head><title>URL No Longer Exists</title></head><body class="sfdcBody"><h1>URL No Longer Exists</h1></body></html>', html);
    return;
  }
  const framed = context.sessions.frameSession(url.searchParams.get(frameTokenParam));
  const info = session(context, 'api') ?? (framed?.orgId === org.orgId ? framed : undefined);
  if (!info) {
    toLogin(context);
    return;
  }
  if (!session(context, 'api')) context.entry.authorization = 'token';
  const id = idMaker(context.idSalt, page.key);
  if ((request.method ?? 'GET').toUpperCase() === 'POST') {
    const form = parseForm(await readBody(request));
    const editable = page.key !== 'ApiAccessControl' || org.seed.apiAccessControlAvailable;
    const changed = editable && form._CONFIRMATIONTOKEN === id('token') ? applySettingsForm(org, page, id, form) : [];
    const creator = org.rows('User').find((user) => user.Username === info.username);
    for (const label of changed) {
      org.seed.records.SetupAuditTrail ??= [];
      org.seed.records.SetupAuditTrail.push({
        Id: `0Ym${randomBytes(8).toString('hex').slice(0, 15)}`, Action: 'changedSecuritySettings', Section: page.title, Display: `Changed ${label}`,
        DelegateUser: null, CreatedDate: formatDateTime(Date.now()), CreatedById: creator?.Id ?? null, ResponsibleNamespacePrefix: null, CreatedByContext: null, CreatedByIssuer: null,
      });
    }
    const next = new URL(url.href);
    next.searchParams.set('saved', '1');
    redirect(response, `${next.pathname}${next.search}`);
    return;
  }
  const action = `${url.pathname}${url.search.replace(/([?&])saved=1&?/, '$1').replace(/[?&]$/, '')}`;
  const body = classicBody(org, page, { id, action, saved: url.searchParams.get('saved') === '1' });
  send(response, 200, classicDocument(org, page, body), {
    ...html,
    'Content-Security-Policy': `frame-ancestors 'self' ${originOf(context, org.lightningHost)} ${originOf(context, org.setupHost)}`,
  });
}

export { pageByKey };
