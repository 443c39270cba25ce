import { alterText, alterXml, matches } from '../shared/faults';
import { parseCookies, readBody, send, sleep } from '../shared/http';
import { redactSecrets } from '../shared/request-log';
import { type Answer, applyAnswerFaults, handleRest } from './api';
import { type RouteContext, originOf } from './context';
import { faultAnswer, type SalesforceFault, subrequestKinds } from './faults';
import { handleSoap, invalidSessionFault, parseSoapRequest, type SoapAnswer, soapFaultFor } from './soap';

/** /services/… on the My Domain host: REST and SOAP, with fault injection and API usage accounting. */
const wholeRequestKinds = new Set(['invalid_session', 'api_disabled', 'latency', 'hang', 'reset']);

function decodeQuery(url: URL): string {
  const parts = [...url.searchParams].map(([key, value]) => `${key}=${value}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function subrequestsOf(body: string): Array<{ method: string; url: string }> | undefined {
  try {
    const payload = JSON.parse(body) as { batchRequests?: unknown; compositeRequest?: unknown };
    const list = (payload.batchRequests ?? payload.compositeRequest) as Array<{ method?: string; url?: string }> | undefined;
    return Array.isArray(list) ? list.map((item) => ({ method: String(item.method ?? 'GET'), url: String(item.url ?? '') })) : undefined;
  } catch {
    return undefined;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

export async function handleApiRoute(context: RouteContext): Promise<void> {
  const { org, request, response, url, entry } = context;
  const method = (request.method ?? 'GET').toUpperCase();
  if (context.hostKind === 'lightning') {
    // Lightning hosts do not serve the API: Salesforce redirects to My Domain (and the browser drops Authorization).
    send(response, 302, '', { Location: `${originOf(context, org.apiHost)}${url.pathname}${url.search}` });
    return;
  }
  const body = method === 'POST' || method === 'PATCH' || method === 'PUT' ? await readBody(request) : '';
  if (body) entry.body = redactSecrets(body);
  const isSoap = /^\/services\/Soap\/[mu]\/\d+\.\d\/?/.test(url.pathname);
  const isComposite = /\/composite(\/batch)?\/?$/.test(url.pathname);
  const subrequests = isComposite ? subrequestsOf(body) : undefined;
  if (subrequests) entry.subrequests = subrequests;
  const authorization = request.headers.authorization ?? '';
  const soap = isSoap ? parseSoapRequest(body) : undefined;
  entry.authorization = /^(Bearer|OAuth)\s+\S/i.test(authorization) ? 'bearer' : soap?.sessionId ? 'soap' : parseCookies(request.headers.cookie).sid ? 'cookie' : 'none';

  const outerText = `${method} ${url.pathname}${decodeQuery(url)}`;
  const fullText = [outerText, body, ...(subrequests ?? []).map((item) => safeDecode(item.url))].join('\n');
  const orgKeys = [org.seed.myDomain, org.orgId, org.orgId.slice(0, 15), org.apiHost];
  const whole = context.faults.take({
    orgKeys,
    text: fullText,
    accept: isComposite ? (fault) => wholeRequestKinds.has(fault.kind) || fault.match === undefined || matches(fault.match, outerText) : undefined,
  });
  if (whole.length) entry.faults = whole.map((fault) => fault.kind);
  for (const fault of whole) if (fault.kind === 'latency') await sleep(fault.ms);
  if (whole.some((fault) => fault.kind === 'hang')) return;
  if (whole.some((fault) => fault.kind === 'reset')) {
    request.socket.destroy();
    return;
  }

  const session = context.sessions.get(/^(?:Bearer|OAuth)\s+(\S+)/i.exec(authorization)?.[1] ?? soap?.sessionId);
  const authenticated = Boolean(session && session.kind === 'api' && session.orgId === org.orgId);
  if (isSoap) {
    writeSoap(context, soapAnswer(context, whole, soap, authenticated), whole);
    return;
  }
  const errorFault = whole.map(faultAnswer).find(Boolean);
  let answer: Answer = errorFault
    ? { status: errorFault.status, body: errorFault.body, headers: errorFault.headers }
    : handleRest(org, {
        method,
        path: url.pathname,
        query: url.searchParams,
        body,
        authenticated,
        queryOptions: request.headers['sforce-query-options'] as string | undefined,
        subrequestFaults: (subUrl) => {
          const applied = context.faults.take({ orgKeys, text: subUrl, requireMatch: true, accept: (fault) => subrequestKinds.has(fault.kind) });
          if (applied.length) entry.faults = [...(entry.faults ?? []), ...applied.map((fault) => `subrequest:${fault.kind}`)];
          return applied;
        },
      });
  if (!errorFault && answer.status < 400) answer = applyAnswerFaults(answer, whole.filter((fault) => !faultAnswer(fault)));
  const text = alterText(JSON.stringify(answer.body), answer.textFaults ?? []);
  const headers: Record<string, string> = { 'Content-Type': 'application/json;charset=UTF-8', ...answer.headers };
  if (!/^\/services\/data\/?$/.test(url.pathname)) headers['Sforce-Limit-Info'] = `api-usage=${org.apiUsed}/${org.seed.limits.dailyApiRequests.max}`;
  send(response, answer.status, method === 'HEAD' ? '' : text, headers);
}

function soapAnswer(context: RouteContext, whole: SalesforceFault[], soap: ReturnType<typeof parseSoapRequest>, authenticated: boolean): SoapAnswer {
  const { org } = context;
  const faulted = whole.map(soapFaultFor).find(Boolean);
  if (faulted) return faulted;
  if ((context.request.method ?? 'GET').toUpperCase() !== 'POST') return { status: 405, xml: 'Method Not Allowed' };
  if (!soap) return { status: 500, xml: invalidSessionFault().xml.replace(/INVALID_SESSION_ID[^<]*/g, 'INVALID_XML: malformed SOAP envelope') };
  if (!authenticated) return invalidSessionFault();
  if (org.apiUsed >= org.seed.limits.dailyApiRequests.max) return soapFaultFor({ kind: 'request_limit_exceeded' }) as SoapAnswer;
  org.apiUsed += 1;
  return handleSoap(org, soap);
}

function writeSoap(context: RouteContext, answer: SoapAnswer, whole: SalesforceFault[]): void {
  const xml = answer.status === 200 ? alterXml(answer.xml, whole) : answer.xml;
  send(context.response, answer.status, xml, { 'Content-Type': 'text/xml;charset=UTF-8', ...answer.headers });
}
