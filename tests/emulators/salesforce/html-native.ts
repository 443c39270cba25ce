import { escapeHtml as e } from '../shared/http';
import type { Row } from './schema';
import type { OrgState } from './state';

/**
 * Lightning-native Setup pages (no classic iframe): their content is rendered in the shell's main
 * area, in SLDS-like markup (cards, form elements with labels, tables with column headers).
 */

function card(heading: string, body: string): string {
  return `<article class="slds-card"><div class="slds-card__header"><h2 class="slds-card__header-title">${e(heading)}</h2></div><div class="slds-card__body">${body}</div></article>`;
}

function field(label: string, value: unknown): string {
  return `<div class="slds-form-element slds-form-element_readonly"><span class="slds-form-element__label">${e(label)}</span><div class="slds-form-element__control"><div class="slds-form-element__static">${e(value)}</div></div></div>`;
}

function grid(columns: string[], rows: unknown[][]): string {
  return `<table class="slds-table slds-table_bordered" role="grid"><thead><tr>${columns.map((column) => `<th scope="col">${e(column)}</th>`).join('')}</tr></thead><tbody>${
    rows.length ? rows.map((cells) => `<tr>${cells.map((cell) => `<td>${e(cell)}</td>`).join('')}</tr>`).join('') : `<tr><td colspan="${columns.length}">No items to display</td></tr>`
  }</tbody></table>`;
}

const strongMethods = ['HasSalesforceAuthenticator', 'HasTotp', 'HasU2F', 'HasBuiltInAuthenticator'];

function withoutStrongMethod(org: OrgState): Row[] {
  const methods = new Map(org.rows('TwoFactorMethodsInfo').map((row) => [row.UserId, row]));
  return org.rows('User').filter((user) => user.IsActive && user.UserType === 'Standard' && !strongMethods.some((key) => methods.get(user.Id)?.[key]));
}

/** The main-area HTML of a Lightning-native Setup page, or undefined when the emulator has none. */
export function nativeBody(org: OrgState, key: string): string | undefined {
  switch (key) {
    case 'SetupOneHome': {
      const edition = String(org.rows('Organization')[0]?.OrganizationType ?? '');
      return card(org.seed.name, `<p>Organization Edition: ${e(edition)}</p><p>Organization ID: ${e(org.orgId.slice(0, 15))}</p><p id="nativeMessage">Welcome to Setup.</p>`);
    }
    case 'ReleaseUpdates': {
      const on = org.seed.securitySettings.enableAuraSecureEvalPref === true;
      return `<article class="slds-card releaseUpdate"><div class="slds-card__header"><h3 class="slds-card__header-title">Prevent Creation of Function Expressions in Dynamically Created Aura Components</h3></div><div class="slds-card__body">${field('Status', on ? 'Enabled' : 'Not Enabled')}</div></article>`;
    }
    case 'ConnectedAppsUsage': {
      const byApp = new Map<string, number>();
      for (const token of org.rows('OauthToken')) byApp.set(String(token.AppName), (byApp.get(String(token.AppName)) ?? 0) + 1);
      return card('Connected Apps OAuth Usage', grid(['Connected App', 'Description', 'User Count', 'Action'], [...byApp].sort(([a], [b]) => a.localeCompare(b)).map(([app, count]) => [app, '', count, 'Install | Block'])));
    }
    case 'MfaAssistant': {
      const users = withoutStrongMethod(org);
      return card('Users Without a Strong Verification Method', `${field('Users', users.length)}${grid(['Full Name', 'Username', 'Profile'], users.slice(0, 50).map((user) => [user.Name, user.Username, org.get('Profile', String(user.ProfileId))?.Name ?? '']))}`);
    }
    case 'EventMonitoringSetup': {
      const files = org.rows('EventLogFile');
      return card('Event Monitoring Settings', `${field('Generate event log files', files.length ? 'Enabled' : 'Not Enabled')}${field('Event log files, last 7 days', files.length)}`);
    }
    default:
      return undefined;
  }
}
