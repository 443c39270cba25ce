import { bidiControls, emoji, formulas, isolateBreakout, javascriptUrl, longName, markup, rtlOverride, zeroWidth } from '../shared/hostile';
import { acmeOrg } from './org-acme';
import type { Row } from './schema';
import { toId18, type OrgSeed } from './seed';

/**
 * Evil Corp (`evil`): Acme's misconfigured org with every name an admin could type replaced by a hostile string
 * (../shared/hostile.ts), so each planted finding names hostile users, apps, permission sets, certificates,
 * remote sites and IP ranges. The admin signs in as Acme's (dana.whitfield@acme.com / Acme-Demo-2024!).
 */
export const evilOrgId = toId18('00D5g000004EviL');

function rename(rows: Row[] | undefined, matches: (row: Row) => boolean, patch: Row): void {
  for (const row of rows ?? []) if (matches(row)) Object.assign(row, patch);
}

export function evilOrg(now: number = Date.now()): OrgSeed {
  const seed = acmeOrg(now);
  const { records } = seed;
  // The org name starts with a formula: CSV exports carry it in every row.
  const name = `${formulas.hyperlink} ${markup.img}`;
  seed.myDomain = 'evil';
  seed.orgId = evilOrgId;
  seed.name = name;
  rename(records.Organization, () => true, { Id: evilOrgId, Name: name });

  const people: Array<[string, string, string]> = [
    // Admins without MFA, the stale admin, and the inactive and never-signed-in users: each finding names them.
    ['marcus.chen@acme.com', markup.img, 'Chen'],
    ['priya.raman@acme.com', markup.script, 'Raman'],
    ['tom.okafor@acme.com', rtlOverride, 'Okafor'],
    ['greg.holloway@acme.com', 'Greg', longName],
    ['nadia.petrova@acme.com', markup.svg, 'Petrova'],
    ['victor.alvarez@acme.com', zeroWidth, 'Alvarez'],
    ['helen.park@acme.com', emoji, 'Park'],
    ['stefan.berg@acme.com', isolateBreakout, 'Berg'],
    ['jasmine.cole@acme.com', formulas.plus, 'Cole'],
    ['arjun.mehta@acme.com', formulas.minus, 'Mehta'],
    ['beatrice.laurent@acme.com', formulas.at, 'Laurent'],
    ['kevin.brandt@acme.com', bidiControls, 'Brandt'],
  ];
  for (const [username, first, last] of people) {
    rename(records.User, (row) => row.Username === username, { FirstName: first, LastName: last, Name: `${first} ${last}` });
  }

  // The self-authorized connected app and its tokens.
  const app = `${markup.svg} DataLoader`;
  rename(records.ConnectedApplication, (row) => row.Name === 'DataLoader Pro', { Name: app });
  rename(records.AppMenuItem, (row) => row.Label === 'DataLoader Pro', { Label: app });
  rename(records.OauthToken, (row) => row.AppName === 'DataLoader Pro', { AppName: app });
  rename(records.OauthToken, (row) => row.AppName === 'Data Export Helper', { AppName: `${markup.script} Data Export Helper` });

  rename(records.PermissionSet, (row) => row.Name === 'Data_Migration', { Label: rtlOverride });
  rename(records.PermissionSet, (row) => row.Name === 'MFA_Waiver_Field_Sales', { Label: longName });
  rename(records.Profile, (row) => row.Name === 'Acme Integration', { Name: `${markup.script} Integration` });
  rename(records.Profile, (row) => row.Name === 'Acme Partner Portal Profile', { Name: isolateBreakout });

  rename(records.Certificate, (row) => row.DeveloperName === 'Acme_SSO_Signing', { MasterLabel: markup.img });
  rename(records.Certificate, (row) => row.DeveloperName === 'Legacy_Integration_Cert', { MasterLabel: longName });

  rename(records.RemoteProxy, (row) => row.SiteName === 'Legacy_ERP', { EndpointUrl: `http://legacy-erp.evil.example/${markup.svg}`, Description: markup.script });
  rename(records.RemoteProxy, (row) => row.SiteName === 'Old_Analytics', { EndpointUrl: javascriptUrl });
  rename(records.CspTrustedSite, (row) => row.DeveloperName === 'CDN_Cache', { MasterLabel: emoji, EndpointUrl: `https://*.cdn-cache.net/${markup.img}` });
  rename(records.CorsWhitelistEntry, (row) => row.DeveloperName === 'Local_Dev', { UrlPattern: javascriptUrl });
  rename(records.Site, (row) => row.Name === 'Acme_Partner_Portal', { MasterLabel: `${rtlOverride} ${markup.img}` });
  rename(records.SetupAuditTrail, () => true, { Display: `${markup.img} changed a setting` });

  const [open] = seed.securitySettings.networkAccess.ipRanges;
  if (open) open.description = `${longName} ${markup.svg}`;
  seed.securitySettings.passwordPolicies.passwordAssistanceMessage = markup.script;
  return seed;
}
