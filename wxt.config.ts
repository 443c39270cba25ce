import { defineConfig } from 'wxt';

// Host permissions cover the Salesforce domains where Setup, Lightning and the API live; every
// request a scan makes goes to one of them, and nowhere else.
const salesforceHosts = [
  'https://*.salesforce.com/*',
  'https://*.force.com/*',
  'https://*.salesforce-setup.com/*',
  'https://*.visualforce.com/*',
];

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Posture Lens',
    description:
      'SaaS security posture in the admin console: checks Salesforce security settings with your own session. Nothing leaves the browser.',
    permissions: ['storage', 'cookies', 'alarms'],
    host_permissions: salesforceHosts,
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'posture-lens@posture-lens.dev',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
