import { compliant, nonCompliant, shareVerdict, unknown, type AffectedEntity, type Control } from '@/utils/controls';
import { defineServiceNowControl } from '../control';
import type { PublicPage } from '../model';
import { count, isAre, listAffected, listLocation, nameList, serviceNowDocs, step, unreadRows, unreadText, verifyStep } from './evidence';

/**
 * Pages anyone can open without logging in (`sys_public`, active records only).
 */

/**
 * Public pages treated as ServiceNow defaults, by normalised name (lower case, no leading "/", no ".do", no query).
 * ServiceNow publishes no list of its base-system `sys_public` records: t_MakeAPagePublic names only "the welcome page,
 * the front page, and the login and logout pages", and login.do links to login_locate_sso.do for SSO users. This list
 * is those pages and nothing more. It is deliberately short: a base-system page missing from it is listed for review
 * (the verdict says so), never a custom page passed as a default.
 */
export const defaultPublicPages: readonly string[] = ['login', 'login_locate_sso', 'logout_redirect', 'logout_success', 'welcome', 'ess'];

/** "Login.do?x=1" → "login" */
export function pageKey(page: string): string {
  return page.trim().toLowerCase().replace(/^\/+/, '').split('?')[0]!.replace(/\.do$/, '');
}

/** Core tables whose form or list processor (`incident.do`, `sys_user.do`) must never be public. */
const sensitiveTables = new Set([
  'sys_user',
  'sys_user_group',
  'sys_user_grmember',
  'sys_user_has_role',
  'sys_properties',
  'sys_script',
  'sys_script_include',
  'sys_email',
  'sys_db_object',
  'sys_dictionary',
  'task',
  'incident',
  'problem',
  'change_request',
  'sc_request',
  'sc_req_item',
  'sc_task',
  'cmdb_ci',
  'customer_account',
  'customer_contact',
  'oauth_entity',
  'sys_certificate',
]);

/** Export processors a page name or query can call (`incident.do?CSV`, `…?JSONv2`). */
const exportFormats = new Set(['csv', 'excel', 'xls', 'xlsx', 'pdf', 'xml', 'xsd', 'wsdl', 'json', 'jsonv2', 'unl', 'rss', 'schema']);

/** Why a public page gives access to data, or undefined when its name does not suggest it. */
export function dataExposure(page: string): string | undefined {
  const raw = page.trim().toLowerCase().replace(/^\/+/, '');
  const [path = '', query = ''] = raw.split('?');
  const name = pageKey(raw);
  if (/(^|\/)api\//.test(path)) return 'a REST API path';
  const parameters = query.split('&').map((parameter) => parameter.split('=')[0]!);
  if (parameters.some((parameter) => exportFormats.has(parameter))) return 'an export processor';
  if (name.startsWith('sys_attachment')) return 'attachments (sys_attachment)';
  if (/(_list|\.list)$/.test(name)) return 'a table list';
  if (sensitiveTables.has(name)) return `the ${name} table`;
  if (/^x_[a-z0-9]+_/.test(name)) return 'a custom scoped application';
  if (/^u_/.test(name)) return 'a custom table';
  return undefined;
}

const activePages = (pages: readonly PublicPage[]) => pages.filter((page) => page.active && page.page.trim() !== '');

const pageEntity = (page: PublicPage, detail: string): AffectedEntity => ({ id: page.sys_id, name: page.page, kind: 'publicPage', detail });

const publicPageSteps = (action: string) => [
  step(`Open ${listLocation('publicPages')} (filter Active = true)`, 'publicPages'),
  step(action, 'publicPages'),
  verifyStep('publicPages'),
];

const nonDefaultPublicPages = defineServiceNowControl({
  id: 'SN.PUB.1v1',
  title: 'Only ServiceNow\'s own login and welcome pages are public',
  description:
    `Lists every active public page (sys_public) other than ${defaultPublicPages.map((page) => `${page}.do`).join(', ')}. ` +
    'ServiceNow publishes no complete list of its base-system public pages, so this list is short on purpose: a listed ' +
    'page may be a needed base-system one — check before deactivating it. Credit is the share of public pages that are defaults.',
  rationale:
    'A public page runs without a session: whatever it shows or does is available to the whole internet, to crawlers and ' +
    'to attackers enumerating instances. Custom pages made public for a quick demo or a partner are how customer and ' +
    'employee data ends up indexed by search engines.',
  severity: 'medium',
  weight: 4,
  metric: 'data-exposure',
  requirement: 'should',
  frameworks: { nist80053: ['AC-14', 'AC-3', 'AC-22'] },
  sources: ['publicPages'],
  evaluate: ({ publicPages }) => {
    const pages = activePages(publicPages.result);
    const defaults = new Set(defaultPublicPages);
    const exposed = pages.filter((page) => !defaults.has(pageKey(page.page)));
    const expected = `only ${defaultPublicPages.join(', ')}`;
    if (exposed.length > 0) {
      return shareVerdict(pages.length - exposed.length, pages.length, {
        actual: exposed.length,
        expected,
        reason:
          `${exposed.length} of ${count(pages.length, 'active public page')} ${isAre(exposed.length)} not one of ServiceNow's login and welcome pages: ` +
          `${nameList(exposed.map((page) => page.page), exposed.length, 5)}.`,
        notes: [
          'Some may be base-system pages ServiceNow needs (its docs warn against disabling those); review each before deactivating it.',
          ...(unreadRows(publicPages) > 0 ? [`${unreadText(publicPages, 'public pages')}.`] : []),
        ],
        ...listAffected(exposed.map((page) => pageEntity(page, dataExposure(page.page) ? `public; gives access to ${dataExposure(page.page)}` : 'public without login'))),
      });
    }
    if (unreadRows(publicPages) > 0) return unknown(`Every public page read is a default, but ${unreadText(publicPages, 'public pages')}.`, { actual: 0, expected });
    return compliant({
      actual: 0,
      expected,
      reason: pages.length === 0 ? 'No page is public.' : `The ${count(pages.length, 'public page')} ${isAre(pages.length)} ServiceNow's own: ${nameList(pages.map((page) => page.page), pages.length, 6)}.`,
    });
  },
  remediation: {
    summary: 'Make each listed page private unless it must be reachable before login.',
    steps: publicPageSteps('For each listed page, check who created it (a base-system page is owned by ServiceNow); for a custom page no anonymous user needs, clear Active and save'),
    references: [serviceNowDocs.publicPages],
  },
});

const publicDataPages = defineServiceNowControl({
  id: 'SN.PUB.2v1',
  title: 'No public page gives access to table data',
  description:
    'Lists active public pages whose name points at data: table lists (…_list), attachments (sys_attachment), export ' +
    'processors (?CSV, ?XML, ?JSONv2 …), REST paths, forms of core tables (sys_user, incident, …) and custom scoped ' +
    '(x_…) or custom (u_…) pages. Any one is non-compliant.',
  rationale:
    'A table list, export or attachment processor made public hands every row the guest user can read to anyone on the ' +
    'internet — this is how ServiceNow knowledge bases, HR cases and customer records have leaked in bulk, with no login ' +
    'and no audit trail naming the reader.',
  severity: 'critical',
  weight: 9,
  metric: 'data-exposure',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-14', 'AC-3', 'AC-21', 'SC-7'], initiatives: ['zero-trust'] },
  sources: ['publicPages'],
  evaluate: ({ publicPages }) => {
    const pages = activePages(publicPages.result);
    const data = pages.flatMap((page) => {
      const why = dataExposure(page.page);
      return why ? [{ page, why }] : [];
    });
    const expected = 'no public data page';
    if (data.length > 0) {
      return nonCompliant({
        actual: data.length,
        expected,
        reason: `${count(data.length, 'public page')} give${data.length === 1 ? 's' : ''} access to data without login: ${nameList(data.map(({ page, why }) => `${page.page} (${why})`), data.length, 5)}.`,
        notes: unreadRows(publicPages) > 0 ? [`${unreadText(publicPages, 'public pages')}; more may be exposed.`] : [],
        ...listAffected(data.map(({ page, why }) => pageEntity(page, `public; gives access to ${why}`))),
      });
    }
    if (unreadRows(publicPages) > 0) return unknown(`No public page read points at data, but ${unreadText(publicPages, 'public pages')}.`, { actual: 0, expected });
    return compliant({ actual: 0, expected, reason: `None of the ${count(pages.length, 'active public page')} points at table data.` });
  },
  remediation: {
    summary: 'Make every listed page private now, then check the guest user\'s roles and the ACLs of the tables it exposed.',
    steps: publicPageSteps('Clear Active on each listed page and save; if a portal must show data publicly, publish it through a Service Portal page with explicit ACLs instead'),
    references: [serviceNowDocs.publicPages],
  },
});

export const exposureControls: Control[] = [nonDefaultPublicPages, publicDataPages];
