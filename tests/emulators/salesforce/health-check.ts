import type { Row } from './schema';
import type { SecuritySettingsSeed } from './seed';

/**
 * SecurityHealthCheckRisks rows computed from an org's SecuritySettings against the Salesforce Baseline
 * Standard, so Health Check agrees with the metadata unless a seed overrides a row on purpose.
 */
type Risk = 'HIGH_RISK' | 'MEDIUM_RISK' | 'MEETS_STANDARD';
type Category = 'HIGH_RISK' | 'MEDIUM_RISK' | 'LOW_RISK' | 'INFORMATIONAL';

interface BaselineRow {
  durableId: string;
  setting: string;
  group: string;
  category: Category;
  standard: [string, string];
  /** [display value, raw value, risk] for the org. */
  evaluate(settings: SecuritySettingsSeed): [string, string, Risk];
}

const labels: Record<string, string> = {
  Never: 'Never expires', ThirtyDays: '30 days', SixtyDays: '60 days', NinetyDays: '90 days', SixMonths: '180 days', OneYear: 'One year',
  FifteenMinutes: '15 minutes', ThirtyMinutes: '30 minutes', SixtyMinutes: '60 minutes', Forever: 'Forever (must be reset by admin)',
  TwoHours: '2 hours', FourHours: '4 hours', EightHours: '8 hours', TwelveHours: '12 hours', TwentyFourHours: '24 hours',
  ThreeAttempts: '3', FiveAttempts: '5', TenAttempts: '10', NoLimit: 'No limit',
  NoRestriction: 'No restriction', AlphaNumeric: 'Must include alpha and numeric characters',
  SpecialCharacters: 'Must include alpha, numeric, and special characters',
  UpperLowerCaseNumeric: 'Must include numbers and uppercase and lowercase letters',
  UpperLowerCaseNumericSpecialCharacters: 'Must include numbers, uppercase and lowercase letters, and special characters',
  None: 'None', DoesNotContainPassword: 'Cannot contain password',
};
export const settingLabel = (raw: string) => labels[raw] ?? raw;

const bool = (value: unknown) => value === true || value === 'true';
const enabled = (value: unknown): [string, string] => (bool(value) ? ['Enabled', 'true'] : ['Disabled', 'false']);

function flag(durableId: string, setting: string, group: string, category: Category, read: (s: SecuritySettingsSeed) => unknown, want = true): BaselineRow {
  return {
    durableId, setting, group, category,
    standard: want ? ['Enabled', 'true'] : ['Disabled', 'false'],
    evaluate: (settings) => {
      const value = bool(read(settings));
      const [display, raw] = enabled(value);
      return [display, raw, value === want ? 'MEETS_STANDARD' : category === 'HIGH_RISK' ? 'HIGH_RISK' : 'MEDIUM_RISK'];
    },
  };
}

function ranked(durableId: string, setting: string, group: string, category: Category, standard: string, read: (s: SecuritySettingsSeed) => unknown, order: string[], medium: string[]): BaselineRow {
  return {
    durableId, setting, group, category,
    standard: [settingLabel(standard), standard],
    evaluate: (settings) => {
      const raw = String(read(settings) ?? '');
      const meets = order.indexOf(raw) >= 0 && order.indexOf(raw) <= order.indexOf(standard);
      return [settingLabel(raw), raw, meets ? 'MEETS_STANDARD' : medium.includes(raw) ? 'MEDIUM_RISK' : 'HIGH_RISK'];
    },
  };
}

const pw = (s: SecuritySettingsSeed) => s.passwordPolicies;
const ss = (s: SecuritySettingsSeed) => s.sessionSettings;

const baseline: BaselineRow[] = [
  ranked('PasswordExpiration', 'User passwords expire in', 'Password Policies', 'HIGH_RISK', 'NinetyDays', (s) => pw(s).expiration, ['ThirtyDays', 'SixtyDays', 'NinetyDays', 'SixMonths', 'OneYear', 'Never'], ['SixMonths', 'OneYear']),
  {
    durableId: 'PasswordHistory', setting: 'Enforce password history', group: 'Password Policies', category: 'MEDIUM_RISK', standard: ['3 passwords remembered', '3'],
    evaluate: (s) => {
      const count = Number(pw(s).historyRestriction ?? 0);
      return [count ? `${count} passwords remembered` : 'No passwords remembered', String(count), count >= 3 ? 'MEETS_STANDARD' : 'MEDIUM_RISK'];
    },
  },
  {
    durableId: 'MinPasswordLength', setting: 'Minimum password length', group: 'Password Policies', category: 'HIGH_RISK', standard: ['8', '8'],
    evaluate: (s) => {
      const length = Number(pw(s).minimumPasswordLength ?? 8);
      return [String(length), String(length), length >= 8 ? 'MEETS_STANDARD' : 'HIGH_RISK'];
    },
  },
  ranked('PasswordComplexity', 'Password complexity requirement', 'Password Policies', 'MEDIUM_RISK', 'AlphaNumeric', (s) => pw(s).complexity, ['Any3UpperLowerCaseNumericSpecialCharacters', 'UpperLowerCaseNumericSpecialCharacters', 'UpperLowerCaseNumeric', 'SpecialCharacters', 'AlphaNumeric', 'NoRestriction'], []),
  ranked('MaxLoginAttempts', 'Maximum invalid login attempts', 'Password Policies', 'HIGH_RISK', 'FiveAttempts', (s) => pw(s).maxLoginAttempts, ['ThreeAttempts', 'FiveAttempts', 'TenAttempts', 'NoLimit'], ['TenAttempts']),
  ranked('LockoutInterval', 'Lockout effective period', 'Password Policies', 'MEDIUM_RISK', 'FifteenMinutes', (s) => pw(s).lockoutInterval, ['Forever', 'SixtyMinutes', 'ThirtyMinutes', 'FifteenMinutes'], []),
  flag('ObscureSecretAnswer', 'Obscure secret answer for password resets', 'Password Policies', 'MEDIUM_RISK', (s) => pw(s).obscureSecretAnswer),
  flag('MinPasswordLifetime', 'Require a minimum 1 day password lifetime', 'Password Policies', 'MEDIUM_RISK', (s) => pw(s).minimumPasswordLifetime),
  ranked('PasswordQuestion', 'Password question requirement', 'Password Policies', 'LOW_RISK', 'DoesNotContainPassword', (s) => pw(s).questionRestriction, ['DoesNotContainPassword', 'None'], ['None']),
  ranked('SessionTimeout', 'Timeout value', 'Session Settings', 'HIGH_RISK', 'TwoHours', (s) => ss(s).sessionTimeout, ['FifteenMinutes', 'ThirtyMinutes', 'SixtyMinutes', 'TwoHours', 'FourHours', 'EightHours', 'TwelveHours', 'TwentyFourHours'], ['FourHours', 'EightHours']),
  flag('ForceLogout', 'Force logout on session timeout', 'Session Settings', 'MEDIUM_RISK', (s) => ss(s).forceLogoutOnSessionTimeout),
  flag('LockSessionsToIp', 'Lock sessions to the IP address from which they originated', 'Session Settings', 'MEDIUM_RISK', (s) => ss(s).lockSessionsToIp),
  flag('RequireHttpOnly', 'Require HttpOnly attribute', 'Session Settings', 'MEDIUM_RISK', (s) => ss(s).requireHttpOnly),
  flag('ClickjackSetup', 'Enable clickjack protection for Setup pages', 'Session Settings', 'HIGH_RISK', (s) => ss(s).enableClickjackSetup),
  flag('ClickjackNonSetup', 'Enable clickjack protection for non-Setup Salesforce pages', 'Session Settings', 'HIGH_RISK', (s) => ss(s).enableClickjackNonsetupSFDC),
  flag('ClickjackCustomerVf', 'Enable clickjack protection for customer Visualforce pages with standard headers', 'Session Settings', 'MEDIUM_RISK', (s) => ss(s).enableClickjackNonsetupUser),
  flag('CsrfGet', 'Enable CSRF protection on GET requests on non-setup pages', 'Session Settings', 'HIGH_RISK', (s) => ss(s).enableCSRFOnGet),
  flag('CsrfPost', 'Enable CSRF protection on POST requests on non-setup pages', 'Session Settings', 'HIGH_RISK', (s) => ss(s).enableCSRFOnPost),
  flag('XssProtection', 'Enable XSS protection', 'Session Settings', 'MEDIUM_RISK', (s) => ss(s).enableXssProtection),
  flag('ContentSniffing', 'Enable Content Sniffing protection', 'Session Settings', 'MEDIUM_RISK', (s) => ss(s).enableContentSniffingProtection),
  flag('SmsIdentity', 'Enable the SMS method of identity verification', 'Session Settings', 'MEDIUM_RISK', (s) => ss(s).enableSMSIdentity),
  flag('MfaDirectUiLogins', 'Require multi-factor authentication (MFA) for all direct UI logins to your Salesforce org', 'Session Settings', 'HIGH_RISK', (s) => ss(s).enableMFADirectUILoginOptIn),
  flag('AdminLoginAsAnyUser', 'Administrators Can Log in as Any User', 'Login Access Policies', 'MEDIUM_RISK', (s) => s.enableAdminLoginAsAnyUser, false),
  {
    durableId: 'TrustedIpRange', setting: 'Trusted IP range', group: 'Network Access', category: 'HIGH_RISK', standard: ['No ranges allow all addresses', 'false'],
    evaluate: (s) => {
      const wide = s.networkAccess.ipRanges.find((range) => range.start === '0.0.0.0' && range.end === '255.255.255.255');
      return wide ? ['0.0.0.0 to 255.255.255.255', 'true', 'HIGH_RISK'] : [`${s.networkAccess.ipRanges.length} ranges`, 'false', 'MEETS_STANDARD'];
    },
  },
];

export interface HealthCheckOverride {
  durableId: string;
  orgValue: string;
  orgValueRaw: string;
  riskType: Risk;
}

export function healthCheckRisks(settings: SecuritySettingsSeed, overrides: HealthCheckOverride[] = []): Row[] {
  return baseline.map((row) => {
    const [orgValue, orgValueRaw, riskType] = row.evaluate(settings);
    const override = overrides.find((candidate) => candidate.durableId === row.durableId);
    return {
      DurableId: row.durableId,
      RiskType: override?.riskType ?? riskType,
      Setting: row.setting,
      SettingGroup: row.group,
      SettingRiskCategory: row.category,
      OrgValue: override?.orgValue ?? orgValue,
      OrgValueRaw: override?.orgValueRaw ?? orgValueRaw,
      StandardValue: row.standard[0],
      StandardValueRaw: row.standard[1],
    };
  });
}
