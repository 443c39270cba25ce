import { defineConnector } from '@/utils/connector';
import { ScanError } from '@/utils/errors';
import { serviceNowAccessInventory } from './access';
import { hardeningBaselineScore } from './baseline';
import { collectServiceNow } from './collect';
import { serviceNowControls } from './controls';
import { allowCustomInstanceHost } from './hosts';
import { serviceNowManifest } from './manifest';
import { parseServiceNowSources } from './model';
import { serviceNowAdminPages, serviceNowPageUrl } from './pages';
import { classifyServiceNowResponse, isServiceNowReadOnly } from './responses';
import { openServiceNowSession, recognizeServiceNow } from './session';
import { serviceNowSourceDescriptions } from './sources';

const identityQuery = new URLSearchParams({
  sysparm_query: 'nameINinstance_name,glide.product.description',
  sysparm_fields: 'name,value',
  sysparm_limit: '10',
});

export const serviceNowConnector = defineConnector({
  id: 'servicenow',
  name: 'ServiceNow',
  matches: serviceNowManifest.contentMatches,
  recognize: recognizeServiceNow,
  openSession: openServiceNowSession,
  // 2 property queries, 15 other sources, and pages of role grants on a large instance (10 000 grants = 10 pages).
  requestBudget: 60,
  // ServiceNow runs the transactions of one user session one at a time (REST calls two at a time since Yokohama)
  // and queues at most 10 more per session, refusing the rest (support KB0755706, "Session wait / Session
  // Synchronization"): more reads in flight would not finish sooner on a real instance and could be refused.
  concurrency: 4,
  classifyResponse: classifyServiceNowResponse,
  isReadOnly: isServiceNowReadOnly,
  async verify(http) {
    const response = await http.request({ method: 'GET', url: `/api/now/table/sys_properties?${identityQuery}`, label: 'Instance name' });
    let rows: unknown;
    try {
      rows = (JSON.parse(response.text) as { result?: unknown }).result;
    } catch {
      rows = undefined;
    }
    if (!Array.isArray(rows)) {
      throw new ScanError({ kind: 'malformed', message: 'ServiceNow did not return the instance name. Reload the ServiceNow tab and try again.' });
    }
    const value = (name: string) => {
      const row = rows.find((candidate) => candidate && typeof candidate === 'object' && (candidate as { name?: unknown }).name === name) as
        | { value?: unknown }
        | undefined;
      return typeof row?.value === 'string' && row.value.trim() ? row.value.trim() : undefined;
    };
    const name = value('glide.product.description') ?? value('instance_name');
    if (!name) {
      throw new ScanError({
        kind: 'forbidden',
        message: 'ServiceNow did not let this account read system properties: connect as an admin (the admin role, or security_admin elevation).',
      });
    }
    return { name };
  },
  sources: serviceNowSourceDescriptions,
  collect: collectServiceNow,
  parse: parseServiceNowSources,
  controls: serviceNowControls,
  pages: serviceNowAdminPages,
  pageUrl: serviceNowPageUrl,
  baselineScores: [hardeningBaselineScore],
  accessInventory: serviceNowAccessInventory,
  customDomains: {
    description: 'a ServiceNow instance on your own domain',
    // The built content scripts (entrypoints/servicenow-token.content.ts and servicenow.content.ts).
    scripts: [
      { id: 'token', js: ['content-scripts/servicenow-token.js'], runAt: 'document_start', world: 'MAIN' },
      { id: 'overlay', js: ['content-scripts/servicenow.js'], allFrames: true, runAt: 'document_idle' },
    ],
    allow: allowCustomInstanceHost,
  },
});
