import { compliant, nonCompliant, notApplicable, unknown, type Control, type MetricId, type RemediationStep, type Verdict } from '@/utils/controls';
import { groupDigits } from '@/utils/evidence';
import { evaluateHardeningSetting } from '../hardening';
import { hardeningCatalog, type HardeningSetting } from '../hardening-catalog';
import { hardeningChecks, manualReasons, type HardeningCheck } from '../hardening-checks';
import type { PropertyRead, ServiceNowModel } from '../model';
import { classicListPath, nextExperiencePath, type ServiceNowPageKey } from '../pages';

/**
 * One control per Instance Security Hardening setting, generated from the catalog (data) by one evaluator:
 * a single property is compared with its recommended value, the documented fallback standing in when the
 * record is absent; composite settings (hardening-checks.ts) need every part met; the rest stay `unknown`
 * with the manual check spelled out.
 */

const docsBase = 'https://github.com/ServiceNow/ServiceNowDocs/blob/australia/markdown/platform-security/instance-security-hardening-settings/';
const hardeningOverview = 'https://www.servicenow.com/docs/r/platform-security/instance-security-hardening-settings.html';

/** The metric a setting feeds, from what it protects (its property name first, then its ISHS category). */
export function metricOf(row: HardeningSetting): MetricId {
  const name = (row.property ?? row.config ?? '').toLowerCase();
  if (/password|pwd|blacklist|lockout|unlock/.test(name)) return 'password-policy';
  if (/\bip\.|ipauthenticator|ip_access/.test(name)) return 'network-access';
  if (/impersonat|elevate|script_processor\.admin|delegateddev|high_security/.test(name)) return 'privileged-access';
  if (/multifactor|saml|sso|authenticate|login|basicauth/.test(name)) return 'authentication';
  if (/session|cookie|forgetme|csrf/.test(name)) return 'session-management';
  if (/oauth/.test(name)) return 'third-party-apps';
  if (/certificate|keystore|tls|ssl|token/.test(name)) return 'integration-credentials';
  switch (row.category) {
    case 'Authentication':
      return 'authentication';
    case 'Session management':
      return 'session-management';
    case 'Configure Password Reset properties':
      return 'password-policy';
    case 'Access control':
    case 'API and web service':
    case 'Data protection':
      return 'data-exposure';
    case 'Validation, sanitization, and encoding':
      return 'browser-protections';
    case 'Error handling and logging':
      return 'logging-monitoring';
    case 'Communications':
      return 'network-access';
    default:
      return 'platform-hardening';
  }
}

/** ServiceNow's 0–10 risk score as Secure-Score points (1–10). */
const weightOf = (row: HardeningSetting) => Math.min(10, Math.max(1, Math.round(row.riskScore)));

function propertyAbsentButHidden(properties: PropertyRead, property: string): boolean {
  return properties.hiddenRows > 0 && !properties.values.has(property);
}

const hiddenReason = (properties: PropertyRead, property: string) =>
  `${property} was not returned, but ServiceNow counted ${properties.hiddenRows} more matching properties than it sent: ` +
  'an access control hides some properties from your role, so whether this one exists cannot be told. Elevate to security_admin and scan again.';

function checkPropertyRow(row: HardeningSetting & { property: string }, properties: PropertyRead): Verdict {
  if (propertyAbsentButHidden(properties, row.property)) {
    return unknown(hiddenReason(properties, row.property), { expected: row.recommended });
  }
  return evaluateHardeningSetting(row, properties.values);
}

type CheckData = Pick<ServiceNowModel, 'properties' | 'plugins' | 'ipAccessRules' | 'mfaCriteria' | 'lockoutScriptActions' | 'excludedPasswordCount'>;

/** One part of a composite setting: met (true), not met (false) or undecidable (null), with what was seen. */
function checkPart(check: HardeningCheck, data: Partial<CheckData>): { met: boolean | null; text: string } {
  switch (check.kind) {
    case 'property': {
      const properties = data.properties!;
      if (propertyAbsentButHidden(properties, check.property)) return { met: null, text: hiddenReason(properties, check.property) };
      const row: HardeningSetting = {
        id: '',
        title: check.property,
        property: check.property,
        recommended: check.recommended,
        fallback: check.fallback,
        comparison: check.comparison,
        severity: 'info',
        riskScore: 0,
        category: '',
      };
      const verdict = evaluateHardeningSetting(row, properties.values);
      const met = verdict.status === 'compliant' ? true : verdict.status === 'non_compliant' ? false : null;
      return { met, text: `${check.property} = ${verdict.actual ?? 'not set'} (expected ${verdict.expected})` };
    }
    case 'propertyExcludes': {
      const properties = data.properties!;
      if (propertyAbsentButHidden(properties, check.property)) return { met: null, text: hiddenReason(properties, check.property) };
      const raw = properties.values.get(check.property) ?? check.fallback;
      if (raw === undefined) return { met: null, text: `${check.property} is not set and has no documented default` };
      const items = raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
      const bad = items.filter((item) => check.prefixes.some((prefix) => item.toLowerCase().startsWith(prefix)));
      if (bad.length) return { met: false, text: `${check.property} uses ${bad.join(', ')} (a ServiceNow demo keystore)` };
      // The property names keystores by sys_id: anything else (cut short, mangled) may still be a demo keystore's.
      const unread = items.filter((item) => !/^[0-9a-f]{32}$/i.test(item));
      return unread.length
        ? { met: null, text: `${check.property} holds ${unread.map((item) => JSON.stringify(item.slice(0, 40))).join(', ')}, which is no keystore sys_id` }
        : { met: true, text: `${check.property} uses no demo keystore` };
    }
    case 'propertyNonEmpty': {
      const properties = data.properties!;
      if (propertyAbsentButHidden(properties, check.property)) return { met: null, text: hiddenReason(properties, check.property) };
      const value = properties.values.get(check.property)?.trim() ?? '';
      return value ? { met: true, text: `${check.property} = ${value}` } : { met: false, text: `${check.property} is empty or not set` };
    }
    case 'plugin': {
      const plugin = data.plugins!.result.find((candidate) => candidate.id === check.plugin);
      if (!plugin) return { met: false, text: `plugin ${check.plugin} is not installed` };
      return plugin.active
        ? { met: true, text: `plugin ${check.plugin} is active` }
        : { met: false, text: `plugin ${check.plugin} is installed but not active` };
    }
    case 'activeRecords': {
      const table = data[check.source]!;
      const active = table.result.filter((row) => row.active).length;
      const text = `${active} ${check.what}${active === 1 ? '' : 's'}`;
      if (active < check.min && table.total !== null && table.total > table.result.length) {
        return { met: null, text: `${text} among the rows read (more rows exist than were read)` };
      }
      return { met: active >= check.min, text: active >= check.min ? text : `${text} (at least ${check.min} needed)` };
    }
    case 'scriptAction': {
      const active = data.lockoutScriptActions!.result.filter((action) => check.anyOf.includes(action.sys_id) && action.active);
      return active.length
        ? { met: true, text: `${active.map((action) => action.name || action.sys_id).join(', ')} active` }
        : { met: false, text: `no active ${check.what}` };
    }
    case 'count': {
      const count = data[check.source]!;
      return { met: count >= check.min, text: `${groupDigits(count)} ${check.what} (at least ${groupDigits(check.min)})` };
    }
  }
}

function sourcesOfChecks(checks: readonly HardeningCheck[]): Array<keyof CheckData> {
  const sources = new Set<keyof CheckData>();
  for (const check of checks) {
    if (check.kind === 'property' || check.kind === 'propertyExcludes' || check.kind === 'propertyNonEmpty') sources.add('properties');
    else if (check.kind === 'plugin') sources.add('plugins');
    else if (check.kind === 'activeRecords') sources.add(check.source);
    else if (check.kind === 'scriptAction') sources.add('lockoutScriptActions');
    else sources.add(check.source);
  }
  return [...sources];
}

function evaluateComposite(row: HardeningSetting, checks: readonly HardeningCheck[], data: Partial<CheckData>): Verdict {
  const parts = checks.map((check) => checkPart(check, data));
  const failing = parts.filter((part) => part.met === false);
  const open = parts.filter((part) => part.met === null);
  const actual = parts.map((part) => part.text).join('; ');
  if (failing.length) {
    return nonCompliant({ actual, expected: row.recommended, reason: `${row.title}: ${failing.map((part) => part.text).join('; ')}.` });
  }
  if (open.length) return unknown(`${row.title} cannot be decided: ${open.map((part) => part.text).join('; ')}.`, { actual, expected: row.recommended });
  return compliant({ actual, expected: row.recommended, reason: `${row.title}: ${actual}.` });
}

const propertyLocation = (property: string) => {
  const classic = classicListPath('properties', property);
  return `System Properties filtered to ${property} (classic: ${classic}; Next Experience: ${nextExperiencePath(classic)})`;
};

const step = (text: string, page: ServiceNowPageKey, anchor?: string): RemediationStep => (anchor ? { text, page, anchor } : { text, page });

function setPropertySteps(property: string, recommended: string, fallback: string | undefined): RemediationStep[] {
  return [
    step(`Open ${propertyLocation(property)}`, 'properties', property),
    step(
      `Set Value to ${recommended === '' ? 'an empty value' : recommended}. When the list shows no record, create it (New: Name ${property}, ` +
        `Value ${recommended === '' ? '(empty)' : recommended})` +
        (fallback !== undefined ? `; without a record ServiceNow applies ${fallback === '' ? 'an empty value' : fallback}.` : '.'),
      'properties',
      property,
    ),
  ];
}

function stepsOfCheck(check: HardeningCheck): RemediationStep[] {
  switch (check.kind) {
    case 'property':
      return setPropertySteps(check.property, check.recommended, check.fallback);
    case 'propertyExcludes':
      return [step(`Open ${propertyLocation(check.property)} and replace any demo keystore with your own certificate's keystore`, 'properties', check.property)];
    case 'propertyNonEmpty':
      return [step(`Open ${propertyLocation(check.property)} and list the permitted values`, 'properties', check.property)];
    case 'plugin':
      return [step(`Open System Definition → Plugins, find ${check.plugin} and activate it`, 'plugins', check.plugin)];
    case 'activeRecords':
      return [
        check.source === 'ipAccessRules'
          ? step('Open System Security → IP Address Access Control and add an active Allow rule for your corporate ranges', 'ipAccess')
          : step('Open Multi-factor Authentication → Multi-factor Criteria and activate a role-based criterion', 'mfaCriteria'),
      ];
    case 'scriptAction':
      return [step(`Open System Policy → Events → Script Actions and activate the ${check.what}`, 'scriptActions', check.anyOf[check.anyOf.length - 1])];
    case 'count':
      return [step(`Open the Excluded Passwords list and import a list of at least ${groupDigits(check.min)} breached passwords`, 'excludedPasswords')];
  }
}

function remediationOf(row: HardeningSetting, checks: readonly HardeningCheck[] | undefined) {
  const references = [...(row.docs ? [`${docsBase}${row.docs}.md`] : []), hardeningOverview];
  const irreversible = row.irreversible
    ? [step('This is a "safe harbor" setting: once changed it cannot be reverted. Test it on a sub-production instance first.', 'properties', row.property)]
    : [];
  const verify = step('Save (elevate to security_admin if the instance asks), then choose Verify in Posture Lens', checks?.[0] && checks[0].kind === 'plugin' ? 'plugins' : 'properties');
  if (row.property && row.comparison !== 'manual') {
    return {
      summary: `Set ${row.property} to ${row.recommended === '' ? 'an empty value' : row.recommended}.`,
      steps: [...irreversible, ...setPropertySteps(row.property, row.recommended, row.fallback), verify],
      references,
    };
  }
  if (checks) {
    return { summary: `Meet every part of "${row.title}": ${row.recommended}`, steps: [...irreversible, ...checks.flatMap(stepsOfCheck), verify], references };
  }
  const single = row.config && /^[a-z_][\w.]*$/i.test(row.config) ? row.config : undefined;
  return {
    summary: `Check by hand: ${row.config ?? row.title} should be ${row.recommended}`,
    steps: [
      single
        ? step(`Open ${propertyLocation(single)} and check its value by hand: ${row.recommended}`, 'properties', single)
        : step(`Read the ServiceNow hardening page "${row.title}" and check ${row.config ?? 'the setting'} by hand: ${row.recommended}`, 'properties'),
      step('Record the result as an exception (mitigated or risk accepted) in Posture Lens when it is met', 'properties'),
    ],
    references,
  };
}

/** Why a manual setting cannot be read: shown in its evidence and listed in the catalog. */
export function manualReason(row: HardeningSetting): string {
  return manualReasons[row.id] ?? 'it combines several settings that need review';
}

function hardeningControl(row: HardeningSetting): Control {
  const checks = hardeningChecks[row.id];
  const propertyRow = row.property && row.comparison !== 'manual' ? (row as HardeningSetting & { property: string }) : undefined;
  const sources: string[] = row.supersededBy ? [] : propertyRow ? ['properties'] : checks ? sourcesOfChecks(checks) : [];
  const fallbackText =
    row.fallback === undefined ? 'ServiceNow documents no default, so an absent property is unknown' : `without a record ServiceNow applies ${row.fallback === '' ? 'an empty value' : row.fallback}`;
  const description = propertyRow
    ? `Reads the system property ${row.property} and compares it with ServiceNow's recommended value (${row.recommended === '' ? 'empty' : row.recommended}); ${fallbackText}.`
    : checks
      ? `Checks every part of this hardening setting: ${row.config ?? row.title} should be ${row.recommended}`
      : `Manual check (${manualReason(row)}): ${row.config ?? row.title} should be ${row.recommended}`;
  return {
    id: row.id,
    title: row.title,
    description,
    rationale:
      `ServiceNow rates this ${row.category.toLowerCase()} setting ${row.riskScore || 'unrated'}/10 (${row.severity}) in its Instance Security Hardening Settings` +
      (row.irreversible ? '; it is a safe-harbor setting that cannot be reverted once changed.' : '.'),
    severity: row.severity,
    weight: weightOf(row),
    metric: metricOf(row),
    requirement: row.riskScore >= 7 ? 'shall' : 'should',
    frameworks: { serviceNowHardening: row.title },
    sources,
    evaluate: (data) => {
      if (row.supersededBy) {
        return notApplicable(`Superseded: ServiceNow's later hardening page ${row.supersededBy} recommends the opposite value for ${row.property}; that control decides it.`);
      }
      if (propertyRow) return checkPropertyRow(propertyRow, data.properties as PropertyRead);
      if (checks) return evaluateComposite(row, checks, data as Partial<CheckData>);
      return unknown(`Verify by hand (${manualReason(row)}): ${row.config ?? row.title} should be ${row.recommended}`, { expected: row.recommended });
    },
    remediation: remediationOf(row, checks),
  };
}

export const hardeningControls: Control[] = hardeningCatalog.map(hardeningControl);

/** The risk score of each hardening control, for the Security Center compliance score. */
export const hardeningRiskScores: ReadonlyMap<string, number> = new Map(hardeningCatalog.map((row) => [row.id, row.riskScore]));
