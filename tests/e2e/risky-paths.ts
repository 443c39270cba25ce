import { hosts, type InstanceHost } from './portal-setup';

/**
 * The path each demo org plants from a low-reputation app to full admin (tests/emulators/<app>/README.md,
 * "Planted findings"), as the portal's third-party apps view must show it: the app rated high at the top, the
 * labels of one of its paths in order, the choke point, and words of the fix its checks give.
 */
export interface RiskyPath {
  app: string;
  path: string[];
  chokePoint: string;
  /** The check naming the app whose recommendation the test opens, and words of its steps. */
  fix: string;
  remediation: RegExp;
}

export const riskyPaths: Record<Exclude<InstanceHost, typeof hosts.serviceNowGlobex>, RiskyPath> = {
  [hosts.salesforceAcme]: {
    app: 'Data Export Helper',
    path: ['Data Export Helper', 'Marcus Chen', 'System Administrator profile', 'Modify All Data'],
    chokePoint: 'System Administrator profile',
    fix: 'No app holds the OAuth token of a user with org-wide permissions',
    remediation: /revoke/i,
  },
  [hosts.oktaAcme]: {
    app: 'Quick Sync Bot',
    path: ['Quick Sync Bot', 'Quick Sync Bot (its own client)', 'Super Administrator'],
    chokePoint: 'Quick Sync Bot',
    fix: 'No app calls the Okta API with Super Administrator rights',
    remediation: /revoke|remove|unassign/i,
  },
  [hosts.serviceNowAcme]: {
    app: 'Ticket Sync Connector',
    path: ['Ticket Sync Connector', 'Integration Service Account', 'admin'],
    chokePoint: 'Integration Service Account',
    fix: 'No OAuth client of unverified origin reaches a privileged role',
    remediation: /revoke|deactivate|remove/i,
  },
};
