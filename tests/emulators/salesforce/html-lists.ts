import { escapeHtml as e } from '../shared/http';
import { formRow, settingsForm } from './html-classic';
import type { Row } from './schema';
import type { SetupPageDef } from './setup-pages';
import type { OrgState } from './state';

/** The bodies of the classic Setup pages (settings forms, lists, detail pages), from the org's live state. */

export function table(heading: string, columns: string[], rows: unknown[][], note = ''): string {
  return `<div class="bPageBlock brandSecondaryBrd secondaryPalette"><div class="pbHeader"><h2 class="mainTitle">${e(heading)}</h2></div>${note}
<div class="pbBody"><table class="list" role="grid"><thead><tr class="headerRow">${columns.map((column) => `<th scope="col">${e(column)}</th>`).join('')}</tr></thead>
<tbody>${rows.length ? rows.map((cells, index) => `<tr class="dataRow ${index % 2 ? 'even' : 'odd'}">${cells.map((cell) => `<td class="dataCell">${e(cell)}</td>`).join('')}</tr>`).join('') : `<tr><td colspan="${columns.length}">No records to display</td></tr>`}</tbody></table></div></div>`;
}

/** A read-only detail section: labelCol / dataCol rows, as on classic detail pages. */
export function detail(heading: string, rows: Array<[string, unknown]>): string {
  return `<div class="bPageBlock brandSecondaryBrd secondaryPalette"><div class="pbHeader"><h2 class="mainTitle">${e(heading)}</h2></div><div class="pbBody"><table class="detailList" role="presentation">${rows
    .map(([label, value]) => `<tr><td class="labelCol">${e(label)}</td><td class="dataCol">${e(value)}</td></tr>`)
    .join('')}</table></div></div>`;
}

const yes = (value: unknown) => (value ? '✓' : '');
const day = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : '');
const access: Record<string, string> = { Edit: 'Public Read/Write', Read: 'Public Read Only', None: 'Private', ControlledByParent: 'Controlled by Parent', ReadEditTransfer: 'Public Read/Write/Transfer', ReadSelect: 'Use', HideDetailsInsert: 'Hide Details and Add Events' };

function nameOf(org: OrgState, object: string, id: unknown): string {
  return typeof id === 'string' ? String(org.get(object, id)?.Name ?? '') : '';
}

const siteUrl = (site: Row) => `https://${String(site.Subdomain ?? '')}.my.site.com/${String(site.UrlPathPrefix ?? '')}`;

/** The body of a classic page (inside the document shell). */
export function classicBody(org: OrgState, page: SetupPageDef, options: { id: (label: string) => string; action: string; saved: boolean }): string {
  const rows = (object: string) => org.rows(object);
  switch (page.key) {
    case 'SecurityPolicies':
    case 'SecuritySession':
    case 'LoginAccessPolicies':
    case 'IdentityVerification':
    case 'SingleSignOn':
      return settingsForm(org, page, options.id, options.action, options.saved);
    case 'ApiAccessControl':
      if (!org.seed.apiAccessControlAvailable) {
        // Without the feature the page still says what the setting is, read-only.
        return `<div class="bPageBlock"><div class="pbBody"><div class="message warningM3" role="status">API Access Control isn't enabled for your org. To enable it, contact Salesforce Customer Support.</div><table class="detailList" role="presentation">${formRow(org, { label: 'For admin-approved users, limit API access to only allowed connected apps', path: ['@connectedApp', 'enableAdminApprovedAppsOnly'], type: 'checkbox' }, options.id).replace('<input type="checkbox"', '<input type="checkbox" disabled="disabled"')}</table></div></div>`;
      }
      return settingsForm(org, page, options.id, options.action, options.saved);
    case 'NetworkAccess':
      return table('Trusted IP Range', ['Action', 'Start IP Address', 'End IP Address', 'Description'], org.seed.securitySettings.networkAccess.ipRanges.map((range) => ['Edit | Del', range.start, range.end, range.description ?? '']));
    case 'HealthCheck': {
      const score = rows('SecurityHealthCheck')[0]?.Score ?? '';
      const risks = rows('SecurityHealthCheckRisks');
      const group = (type: string, title: string) => table(title, ['Status', 'Setting', 'Group', 'Your Value', 'Standard Value'], risks.filter((risk) => risk.RiskType === type).map((risk) => [type === 'MEETS_STANDARD' ? 'Meets Standard' : type === 'HIGH_RISK' ? 'Critical' : 'Warning', risk.Setting, risk.SettingGroup, risk.OrgValue, risk.StandardValue]));
      return `<div class="bPageBlock"><div class="pbHeader"><h2 class="mainTitle">Health Check</h2></div><div class="pbBody"><p>Baseline: Salesforce Baseline Standard</p><div class="score" aria-label="Health Check score">${e(score)}%</div></div></div>${group('HIGH_RISK', 'High-Risk Security Settings')}${group('MEDIUM_RISK', 'Medium-Risk Security Settings')}${group('MEETS_STANDARD', 'Settings That Meet Standard')}`;
    }
    case 'ManageUsers': {
      const users = rows('User').filter((user) => user.UserType === 'Standard');
      const shown = users.slice(0, 200);
      const note = `<p class="listInfo">Showing ${shown.length} of ${users.length} users</p>`;
      return table('All Users', ['Action', 'Full Name', 'Alias', 'Username', 'Last Login', 'Active', 'Profile'], shown.map((user) => ['Edit | Login', user.Name, user.Alias, user.Username, day(user.LastLoginDate), yes(user.IsActive), nameOf(org, 'Profile', user.ProfileId)]), note);
    }
    case 'EnhancedProfiles':
      return table('All Profiles', ['Action', 'Profile Name', 'User License', 'API Enabled', 'Modify All Data'], rows('Profile').map((profile) => ['Edit | Clone', profile.Name, profile.UserType === 'Guest' ? 'Guest User License' : 'Salesforce', yes(profile.PermissionsApiEnabled), yes(profile.PermissionsModifyAllData)]));
    case 'PermSets':
      return table('All Permission Sets', ['Action', 'Permission Set Label', 'API Name', 'Description', 'Custom'], rows('PermissionSet').filter((set) => !set.IsOwnedByProfile).map((set) => ['Edit | Clone', set.Label, set.Name, set.Description ?? '', yes(set.IsCustom)]));
    case 'ConnectedApplication':
      return table('Connected Apps', ['Action', 'Master Label', 'Permitted Users', 'High assurance session required', 'Refresh Token Policy'], rows('ConnectedApplication').map((app) => ['Edit | Revoke', app.Name, app.OptionsAllowAdminApprovedUsersOnly ? 'Admin approved users are pre-authorized' : 'All users may self-authorize', yes(app.OptionsHasSessionLevelPolicy), app.RefreshTokenValidityPeriod == null ? 'Refresh token is valid until revoked' : `Expire refresh token if not used for ${String(app.RefreshTokenValidityPeriod)} Day(s)`]));
    case 'CertificatesAndKeysManagement':
      return table('Certificates', ['Label', 'Unique Name', 'Type', 'Key Size', 'Expiration Date'], rows('Certificate').map((cert) => [cert.MasterLabel, cert.DeveloperName, cert.OptionsIsCASigned ? 'CA-Signed' : 'Self-Signed', cert.KeySize, cert.ExpirationDate]));
    case 'SecurityRemoteProxy':
      return table('All Remote Sites', ['Action', 'Remote Site Name', 'Remote Site URL', 'Active', 'Disable Protocol Security'], rows('RemoteProxy').map((site) => ['Edit | Del', site.SiteName, site.EndpointUrl, yes(site.IsActive), yes(site.DisableProtocolSecurity)]));
    case 'SecurityCspTrustedSite':
      return table('Trusted URLs', ['Action', 'API Name', 'URL', 'Active', 'CSP Context'], rows('CspTrustedSite').map((site) => ['Edit | Del', site.DeveloperName, site.EndpointUrl, yes(site.IsActive), site.Context]));
    case 'CorsWhitelistEntries':
      return table('Allowed Origins List', ['Action', 'Origin URL Pattern'], rows('CorsWhitelistEntry').map((entry) => ['Edit | Del', entry.UrlPattern]));
    case 'SecuritySharing': {
      const org0 = rows('Organization')[0] ?? ({} as Row);
      const defaults: Array<[string, unknown]> = [['Lead', org0.DefaultLeadAccess], ['Account and Contract', org0.DefaultAccountAccess], ['Contact', org0.DefaultContactAccess], ['Opportunity', org0.DefaultOpportunityAccess], ['Case', org0.DefaultCaseAccess], ['Calendar', org0.DefaultCalendarAccess], ['Price Book', org0.DefaultPricebookAccess]];
      return table('Organization-Wide Defaults', ['Object', 'Default Internal Access'], defaults.map(([object, value]) => [object, access[String(value)] ?? String(value ?? '')]));
    }
    case 'SecurityEvents':
      return table('View Setup Audit Trail', ['Date', 'User', 'Action', 'Section', 'Delegate User'], [...rows('SetupAuditTrail')].sort((a, b) => String(b.CreatedDate).localeCompare(String(a.CreatedDate))).map((entry) => [String(entry.CreatedDate).replace('T', ' ').slice(0, 16), nameOf(org, 'User', entry.CreatedById), entry.Display, entry.Section, entry.DelegateUser ?? '']));
    case 'OrgLoginHistory': {
      const logins = rows('User').filter((user) => typeof user.LastLoginDate === 'string').sort((a, b) => String(b.LastLoginDate).localeCompare(String(a.LastLoginDate))).slice(0, 50);
      return table('Login History', ['Username', 'Login Time', 'Login Type', 'Status', 'Application'], logins.map((user) => [user.Username, String(user.LastLoginDate).replace('T', ' ').slice(0, 16), 'Application', 'Success', 'Browser']));
    }
    case 'CompanyProfileInfo': {
      const info = rows('Organization')[0] ?? ({} as Row);
      const { max } = org.seed.limits.dailyApiRequests;
      return detail('Organization Detail', [['Organization Name', info.Name ?? org.seed.name], ['Organization Edition', info.OrganizationType ?? ''], ['Salesforce.com Organization ID', org.orgId.slice(0, 15)], ['Instance', info.InstanceName ?? ''], ['API Requests, Last 24 Hours', `${org.apiUsed} (${max} max)`]]);
    }
    case 'CustomDomain':
      return table('Sites', ['Action', 'Site Label', 'Site URL', 'Site Type', 'Active'], rows('Site').map((site) => ['Edit | Deactivate', site.MasterLabel ?? site.Name, siteUrl(site), site.SiteType === 'ChatterNetwork' ? 'Experience Cloud site' : 'Visualforce', yes(site.Status === 'Active')]));
    case 'SetupNetworks':
      return table('All Sites', ['Action', 'Name', 'Status', 'URL'], rows('Site').filter((site) => site.SiteType === 'ChatterNetwork').map((site) => ['Workspaces | Builder', site.MasterLabel ?? site.Name, site.Status, siteUrl(site)]));
    default:
      return `<div class="bPageBlock"><div class="pbBody">${e(page.title)}</div></div>`;
  }
}
