import { defineConnector } from '@/utils/connector';
import { ScanError } from '@/utils/errors';
import { salesforceAccessInventory } from './access';
import { chooseApiVersion, collectSalesforce } from './collect';
import { applyHealthCheckCrossCheck } from './controls/health-check';
import { salesforceControls } from './controls';
import { parseSalesforceSources } from './model';
import type { HealthCheckRisk, QueryRows } from './model';
import { classifySalesforceResponse, isSalesforceReadOnly } from './responses';
import { openSalesforceSession, recognizeSalesforce } from './session';
import { salesforceSourceDescriptions } from './sources';
import { setupPageUrl, toAdminPages } from './pages';
import { setupAnchors } from './setup-anchors';

export const salesforceConnector = defineConnector({
  id: 'salesforce',
  name: 'Salesforce',
  matches: [
    'https://*.my.salesforce.com/*',
    'https://*.lightning.force.com/*',
    'https://*.my.salesforce-setup.com/*',
  ],
  recognize: recognizeSalesforce,
  openSession: openSalesforceSession,
  requestBudget: 25,
  classifyResponse: classifySalesforceResponse,
  isReadOnly: isSalesforceReadOnly,
  async verify(http) {
    const version = await chooseApiVersion(http);
    const response = await http.request({
      method: 'GET',
      url: `/services/data/v${version}/query?q=${encodeURIComponent('SELECT Id, Name FROM Organization')}`,
      label: 'Organization',
    });
    let name: unknown;
    try {
      name = (JSON.parse(response.text) as { records?: Array<{ Name?: unknown }> }).records?.[0]?.Name;
    } catch {
      name = undefined;
    }
    if (typeof name !== 'string') {
      throw new ScanError({ kind: 'malformed', message: 'Salesforce did not return the organization name. Reload Setup and try again.' });
    }
    return { name };
  },
  sources: salesforceSourceDescriptions,
  collect: collectSalesforce,
  parse: parseSalesforceSources,
  controls: salesforceControls,
  pages: toAdminPages(setupAnchors),
  pageUrl: setupPageUrl,
  refineVerdict(control, verdict, parsed) {
    const risks = parsed.healthCheckRisks;
    return applyHealthCheckCrossCheck(control, verdict, risks?.ok ? (risks.value as QueryRows<HealthCheckRisk>) : undefined);
  },
  accessInventory: salesforceAccessInventory,
});
