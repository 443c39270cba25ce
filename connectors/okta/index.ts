import { defineConnector } from '@/utils/connector';
import { ScanError } from '@/utils/errors';
import { oktaAccessInventory } from './access';
import { collectOkta } from './collect';
import { oktaControls } from './controls';
import { oktaManifest } from './manifest';
import { parseOktaSources } from './model';
import { adminConsolePageUrl, toOktaAdminPages } from './pages';
import { classifyOktaResponse, isOktaReadOnly } from './responses';
import { openOktaSession, recognizeOkta } from './session';
import { oktaAnchors } from './anchors';
import { oktaSourceDescriptions } from './sources';

export const oktaConnector = defineConnector({
  id: 'okta',
  name: 'Okta',
  matches: oktaManifest.contentMatches,
  recognize: recognizeOkta,
  openSession: openOktaSession,
  // Reads grow with policies, admins and brands (rules and roles are read per item), not with users.
  requestBudget: 400,
  // Okta limits the requests in flight per org to 15, 35 or 75 depending on the org (reference/okta.md §1): 10 stays
  // under the smallest and leaves the rest to the Admin Console's own requests while the scan runs.
  concurrency: 10,
  classifyResponse: classifyOktaResponse,
  isReadOnly: isOktaReadOnly,
  async verify(http) {
    const response = await http.request({ method: 'GET', url: '/api/v1/org', label: 'Organization' });
    let name: unknown;
    try {
      const org = JSON.parse(response.text) as { companyName?: unknown; subdomain?: unknown };
      name = org.companyName ?? org.subdomain;
    } catch {
      name = undefined;
    }
    if (typeof name !== 'string') {
      throw new ScanError({ kind: 'malformed', message: 'Okta did not return the organization name. Reload the Admin Console and try again.' });
    }
    return { name };
  },
  sources: oktaSourceDescriptions,
  collect: collectOkta,
  parse: parseOktaSources,
  controls: oktaControls,
  accessInventory: oktaAccessInventory,
  pages: toOktaAdminPages(oktaAnchors),
  pageUrl: adminConsolePageUrl,
});
