import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorManifests } from '@/connectors/manifests';

/**
 * The built extension asks for no more than it needs and runs no code it did not ship. The Chrome and Firefox
 * builds are made here, from this checkout, with the same config as `npm run build` / `npm run build:firefox`
 * (into a temporary folder, so the order of `npm test` does not matter). Any widening fails: a new permission, a
 * broader host, a looser CSP, a web-accessible resource, a remote script or a new eval.
 */

/** Every permission, and why. Anything else fails the test. */
const permissions: Record<string, string> = {
  alarms: 'scheduled scans wake the service worker',
  cookies: "the Salesforce session: the API host's sid cookie is read in memory at scan time",
  activeTab: "the popup sees the address of a tab on the customer's own domain, to offer to allow it",
  scripting: "registers the app's content scripts on a custom domain the admin allowed",
};
/** Chrome only: WXT adds it for the side panel entrypoint (Firefox has `sidebar_action`, which needs none). */
const chromeOnly: Record<string, string> = { sidePanel: 'the walkthrough panel beside the admin page' };
/** Asked for at the moment a feature needs them (README, "Permissions, and why"). */
const optionalPermissions = ['notifications'];
/** Only an origin the admin allows from the popup, one at a time (ServiceNow on the customer's own domain). */
const optionalHostPermissions = ['https://*/*'];
/**
 * The supported SaaS domains, written out here and not only read from connectors/manifests.ts, so that widening
 * the connectors' own list fails too. `tabs` is not needed: the portal and side panel look only for tabs on these
 * hosts (and allowed custom domains), whose addresses the host permissions already reveal.
 */
const hostPermissions = [
  'https://*.salesforce.com/*', 'https://*.force.com/*', 'https://*.salesforce-setup.com/*', 'https://*.visualforce.com/*',
  'https://*.okta.com/*', 'https://*.okta-emea.com/*', 'https://*.oktapreview.com/*', 'https://*.okta-gov.com/*', 'https://*.okta.mil/*',
  'https://*.service-now.com/*', 'https://*.servicenowservices.com/*',
];
const extensionPagesPolicy = "script-src 'self'; object-src 'none'; base-uri 'none'";

/**
 * zod 4 holds the only dynamic code in the bundles: its JIT probe (`new Function("")` in a try) and the object
 * parser it would compile. The CSP above has no 'unsafe-eval', so the probe throws and zod parses without compiling.
 */
const knownDynamicCode = [/try\{const (\w+)=Function;return new \1\(""\),!0\}catch/, /compile\(\)\{const \w+=Function,/];

type Manifest = Record<string, any>;

function filesOf(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Source that constructs or runs code from a string, or imports or loads a script from elsewhere. */
const dynamicCode = /(?<![\w$.])eval\s*\(|\bnew\s+Function\b|=\s*Function\s*[;,)]|(?<![\w$.])Function\s*\(|\bimportScripts\s*\(|\bimport\s*\((?!\s*\))(?!\s*["'`]\.{0,2}\/)/g;

describe('The built manifest and files', () => {
  let outDir: string;
  const builds: Record<'chrome' | 'firefox', { folder: string; manifest: Manifest }> = {} as never;

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'posture-lens-builds-'));
    for (const browser of ['chrome', 'firefox'] as const) {
      const script = `import { build } from 'wxt'; await build({ browser: '${browser}', manifestVersion: 3, outDir: ${JSON.stringify(outDir)} });`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`The ${browser} build failed:\n${result.stdout}\n${result.stderr}`);
      const folder = join(outDir, `${browser}-mv3`);
      builds[browser] = { folder, manifest: JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest };
    }
  }, 180_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it.each(['chrome', 'firefox'] as const)('%s: exactly the listed permissions and hosts, nothing for every site', (browser) => {
    const { manifest } = builds[browser];
    expect(manifest.manifest_version).toBe(3);
    expect([...manifest.permissions].sort()).toEqual(Object.keys({ ...permissions, ...(browser === 'chrome' ? chromeOnly : {}) }).sort());
    expect(manifest.optional_permissions).toEqual(optionalPermissions);
    expect(manifest.host_permissions).toEqual(hostPermissions);
    expect(manifest.host_permissions).toEqual([...new Set(connectorManifests.flatMap((connector) => connector.hostPermissions))]);
    expect(manifest.optional_host_permissions).toEqual(optionalHostPermissions);
    const granted = [...manifest.permissions, ...manifest.host_permissions, ...(manifest.content_scripts as Array<{ matches: string[] }>).flatMap((script) => script.matches)];
    for (const broad of ['<all_urls>', '*://*/*', 'https://*/*', 'http://*/*', 'tabs']) expect(granted, broad).not.toContain(broad);
    expect(granted.filter((pattern: string) => pattern.startsWith('http:'))).toEqual([]);
  });

  it.each(['chrome', 'firefox'] as const)('%s: content scripts run only on hosts the extension holds, from its own files', (browser) => {
    const { manifest } = builds[browser];
    const domains = hostPermissions.map((pattern) => pattern.replace(/^https:\/\/\*\./, '').replace(/\/\*$/, ''));
    expect(manifest.content_scripts.length).toBeGreaterThan(0);
    for (const script of manifest.content_scripts as Array<{ matches: string[]; js: string[] }>) {
      for (const match of script.matches) {
        const host = /^https:\/\/([^/]+)\/\*$/.exec(match)?.[1];
        expect(host && domains.some((domain) => host === `*.${domain}` || host.endsWith(`.${domain}`)), match).toBe(true);
      }
      for (const file of script.js) expect(file).toMatch(/^content-scripts\/[\w-]+\.js$/);
    }
    const background = browser === 'chrome' ? [manifest.background.service_worker] : manifest.background.scripts;
    expect(background).toEqual(['background.js']);
  });

  it.each(['chrome', 'firefox'] as const)('%s: a strict CSP, no web-accessible resources, no web page may connect', (browser) => {
    const { manifest } = builds[browser];
    expect(manifest.content_security_policy).toEqual({ extension_pages: extensionPagesPolicy });
    expect(extensionPagesPolicy).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\*/);
    for (const key of ['web_accessible_resources', 'externally_connectable', 'sandbox', 'update_url', 'key']) expect(manifest[key], key).toBeUndefined();
  });

  it('firefox: declares that it collects no data', () => {
    expect(builds.firefox.manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });

  it.each(['chrome', 'firefox'] as const)('%s: no remote code, no eval in the built files (dependencies included)', (browser) => {
    const { folder } = builds[browser];
    const files = filesOf(folder);
    const problems: string[] = [];
    for (const file of files.filter((name) => name.endsWith('.html'))) {
      const html = readFileSync(file, 'utf8');
      for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        if (!/\bsrc="\/[\w/.-]+\.js"/.test(attributes!) || body!.trim()) problems.push(`${relative(folder, file)}: <script${attributes}>`);
      }
      for (const [link] of html.matchAll(/<(?:link|img|iframe|object|embed)\b[^>]*(?:href|src)="(?!\/)[^"]*"/gi)) problems.push(`${relative(folder, file)}: ${link}`);
    }
    for (const file of files.filter((name) => name.endsWith('.css'))) {
      for (const [found] of readFileSync(file, 'utf8').matchAll(/@import|url\(\s*["']?(?:https?:)?\/\//gi)) problems.push(`${relative(folder, file)}: ${found}`);
    }
    let known = 0;
    for (const file of files.filter((name) => name.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      for (const match of code.matchAll(dynamicCode)) {
        const around = code.slice(Math.max(0, match.index - 60), match.index + 60);
        if (knownDynamicCode.some((pattern) => pattern.test(around))) known++;
        else problems.push(`${relative(folder, file)}: …${around}…`);
      }
    }
    expect(problems).toEqual([]);
    // zod is bundled into the service worker and the pages' shared chunk: its two sites in each, no more.
    expect(known).toBe(4);
  });
});
