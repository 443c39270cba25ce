import { defineConfig } from 'wxt';
import { connectorManifests } from './connectors/manifests';

const unique = (values: string[]) => [...new Set(values)];

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Posture Lens',
    description:
      'SaaS security posture where admins work: checks security settings with your own session. Nothing leaves the browser.',
    // `alarms` for scheduled scans; `notifications` only when the admin turns regression notices on.
    permissions: unique(['alarms', ...connectorManifests.flatMap((manifest) => manifest.permissions)]),
    optional_permissions: ['notifications'],
    host_permissions: unique(connectorManifests.flatMap((manifest) => manifest.hostPermissions)),
    optional_host_permissions: unique(
      connectorManifests.flatMap((manifest) => manifest.optionalHostPermissions ?? []),
    ),
    // Stricter than the MV3 default: the extension's own scripts only (no eval, not even for WebAssembly), no
    // plugins, no <base> to redirect its relative script paths. Applies to the pages and the service worker;
    // tests/e2e/manifest-guard.e2e.ts fails on any widening.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'" },
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
