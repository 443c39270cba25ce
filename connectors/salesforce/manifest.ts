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
};
