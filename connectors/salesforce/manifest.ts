/**
 * What the Salesforce connector needs in the manifest. Kept free of imports so the build config can
 * read it in Node. Setup, Lightning and the API live on these domains; a scan talks to no others.
 */
export const salesforceManifest = {
  hostPermissions: [
    'https://*.salesforce.com/*',
    'https://*.force.com/*',
    'https://*.salesforce-setup.com/*',
    'https://*.visualforce.com/*',
  ],
  permissions: ['cookies'],
  /** Pages the overlay runs on: Lightning Setup, and the classic Setup pages in its iframe (all frames). */
  contentMatches: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*', 'https://*.my.salesforce-setup.com/*'],
};
