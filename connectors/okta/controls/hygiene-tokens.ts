import { compliant, shareVerdict, type AffectedEntity, type Control } from '@/utils/controls';
import { defineOktaControl } from '../control';
import type { ApiToken } from '../model';
import {
  adminAccounts,
  count,
  daysBetween,
  durationMinutes,
  isAre,
  listAffected,
  minutesText,
  nameList,
  parseOktaDate,
  rolesText,
  scanNow,
  step,
} from './hygiene-evidence';

const references = {
  apiTokens: 'https://help.okta.com/okta_help.htm?id=Security_API',
  apiTokenApi: 'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApiToken/',
};

export const maxTokenAgeDays = 90;
/** Okta's default idle window for new API tokens; a longer one keeps an unused token alive longer. */
export const maxTokenWindowMinutes = 30 * 1440;

const tokenEntity = (token: ApiToken, detail: string): AffectedEntity => ({
  id: token.id,
  name: token.name,
  kind: 'apiToken',
  detail: [token.clientName, detail].filter(Boolean).join(' · '),
});

const oldTokens = defineOktaControl({
  id: 'OKTA.TOKEN.1v1',
  title: `API tokens are rotated at least every ${maxTokenAgeDays} days`,
  description:
    `Finds active API tokens (SSWS) created more than ${maxTokenAgeDays} days before the scan. Credit is the share of ` +
    'tokens younger than that. Tokens are measured from their creation date, since Okta cannot rotate one in place.',
  rationale:
    'An SSWS token carries its owner\'s admin rights and is usually pasted into scripts, CI variables and integration ' +
    'configs. The older it is, the more copies exist in places nobody reviews; a token lifted from a leaked repository ' +
    'or a support HAR file works until someone revokes it.',
  severity: 'high',
  weight: 6,
  metric: 'integration-credentials',
  requirement: 'shall',
  frameworks: { nist80053: ['IA-5(1)', 'IA-5(13)', 'SC-12'], initiatives: ['zero-trust'] },
  sources: ['apiTokens', 'scanTime'],
  evaluate: ({ apiTokens, scanTime }) => {
    const now = scanNow(scanTime);
    const expected = `created within ${maxTokenAgeDays} days`;
    if (apiTokens.length === 0) return compliant({ actual: 0, expected, reason: 'The org has no active API tokens.' });
    const old = apiTokens.flatMap((token) => {
      const created = parseOktaDate(token.created);
      if (created === undefined) return [{ token, detail: `creation date "${token.created}" unreadable` }];
      const age = daysBetween(created, now);
      return age > maxTokenAgeDays ? [{ token, detail: `${age} days old (created ${token.created.slice(0, 10)})`, age }] : [];
    });
    if (old.length === 0) {
      return compliant({ actual: 0, expected, reason: `All ${count(apiTokens.length, 'API token')} were created within the last ${maxTokenAgeDays} days.` });
    }
    return shareVerdict(apiTokens.length - old.length, apiTokens.length, {
      actual: old.length,
      expected,
      reason:
        `${old.length} of ${count(apiTokens.length, 'API token')} ${isAre(old.length)} older than ${maxTokenAgeDays} days: ` +
        `${nameList(old.map(({ token, detail }) => `${token.name} (${detail.split(' (')[0]})`))}.`,
      ...listAffected(old.map(({ token, detail }) => tokenEntity(token, detail))),
    });
  },
  remediation: {
    summary: `Replace each listed token with a new one (ideally an OAuth 2.0 service app) and revoke the old one; repeat every ${maxTokenAgeDays} days.`,
    steps: [
      step('Open Security → API → Tokens and find each listed token', 'apiTokens'),
      step('Create a replacement token (or an OAuth 2.0 service app with scoped grants) and update the integration that uses it', 'apiTokens'),
      step('Revoke the old token', 'apiTokens', 'revokeToken'),
      step('Save, then choose Verify in Posture Lens', 'apiTokens'),
    ],
    references: [references.apiTokens, references.apiTokenApi],
  },
});

const orphanedTokens = defineOktaControl({
  id: 'OKTA.TOKEN.2v1',
  title: 'Every API token belongs to an active admin',
  description:
    'Finds API tokens whose owner is no longer an active admin: the owner is not in the admin role listing, holds no ' +
    'active role, or is suspended, deprovisioned or otherwise not active.',
  rationale:
    'A token whose owner left or lost their role is an orphan nobody will rotate or revoke. Okta only lowers its ' +
    'rights with the owner\'s, so it may still read the directory, and a suspended owner\'s token comes back to life ' +
    'the day the account is reactivated.',
  severity: 'medium',
  weight: 5,
  metric: 'integration-credentials',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-2(3)', 'IA-5', 'IA-4'] },
  sources: ['apiTokens', 'adminAssignees', 'adminUsers', 'adminRoles'],
  evaluate: (model) => {
    const admins = new Map(adminAccounts(model).map((admin) => [admin.id, admin]));
    const expected = 'owned by an active admin';
    if (model.apiTokens.length === 0) return compliant({ actual: 0, expected, reason: 'The org has no active API tokens.' });
    const orphaned = model.apiTokens.flatMap((token) => {
      const owner = admins.get(token.userId);
      if (!owner) return [{ token, owner: token.userId, problem: 'owner holds no admin role' }];
      if (owner.status === undefined) return [{ token, owner: owner.name, problem: 'owner account could not be read' }];
      if (owner.status !== 'ACTIVE') return [{ token, owner: owner.name, problem: `owner is ${owner.status.toLowerCase()}` }];
      if (owner.roles !== undefined && owner.roles.length === 0) return [{ token, owner: owner.name, problem: 'owner holds no active admin role' }];
      return [];
    });
    if (orphaned.length === 0) {
      return compliant({
        actual: 0,
        expected,
        reason: `All ${count(model.apiTokens.length, 'API token')} belong to active admins: ${nameList(
          [...new Set(model.apiTokens.map((token) => admins.get(token.userId)!.name))],
        )}.`,
      });
    }
    return shareVerdict(model.apiTokens.length - orphaned.length, model.apiTokens.length, {
      actual: orphaned.length,
      expected,
      reason:
        `${orphaned.length} of ${count(model.apiTokens.length, 'API token')} ${isAre(orphaned.length)} not owned by an active admin: ` +
        `${nameList(orphaned.map(({ token, problem }) => `${token.name} (${problem})`))}.`,
      ...listAffected(
        orphaned.map(({ token, owner, problem }) => {
          const admin = admins.get(token.userId);
          return tokenEntity(token, `owner ${owner}${admin ? ` (${rolesText(admin)})` : ''} · ${problem}`);
        }),
      ),
    });
  },
  remediation: {
    summary: 'Revoke tokens whose owner is gone or no longer an admin; re-issue them from a dedicated, active service admin.',
    steps: [
      step('Open Security → API → Tokens and find each listed token and its owner', 'apiTokens'),
      step('If the integration is still needed, create a new token while signed in as a dedicated service admin', 'apiTokens'),
      step('Revoke the orphaned token', 'apiTokens', 'revokeToken'),
      step('Save, then choose Verify in Posture Lens', 'apiTokens'),
    ],
    references: [references.apiTokens, references.apiTokenApi],
  },
});

const longTokenWindow = defineOktaControl({
  id: 'OKTA.TOKEN.3v1',
  title: `API tokens expire after at most ${maxTokenWindowMinutes / 1440} days without use`,
  description:
    `Checks each API token's idle-expiry window (\`tokenWindow\`). Posture Lens expects ${minutesText(maxTokenWindowMinutes)} ` +
    'or less; a token with a longer window, or none reported, is listed.',
  rationale:
    'The idle window is what retires a forgotten token: with a long one, a token copied into an abandoned script or an ' +
    'old laptop stays valid for months, ready for whoever finds it next.',
  severity: 'medium',
  weight: 4,
  metric: 'integration-credentials',
  requirement: 'should',
  frameworks: { nist80053: ['IA-5(13)', 'AC-12'] },
  sources: ['apiTokens'],
  evaluate: ({ apiTokens }) => {
    const expected = `${minutesText(maxTokenWindowMinutes)} or less`;
    if (apiTokens.length === 0) return compliant({ actual: 0, expected, reason: 'The org has no active API tokens.' });
    const long = apiTokens.flatMap((token) => {
      if (!token.tokenWindow) return [{ token, detail: 'no idle-expiry window reported' }];
      const minutes = durationMinutes(token.tokenWindow);
      if (minutes === undefined) return [{ token, detail: `idle-expiry window "${token.tokenWindow}" unreadable` }];
      return minutes > maxTokenWindowMinutes ? [{ token, detail: `expires after ${minutesText(minutes)} idle (${token.tokenWindow})` }] : [];
    });
    if (long.length === 0) {
      return compliant({
        actual: 0,
        expected,
        reason: `All ${count(apiTokens.length, 'API token')} expire after ${expected} without use.`,
      });
    }
    return shareVerdict(apiTokens.length - long.length, apiTokens.length, {
      actual: long.length,
      expected,
      reason: `${long.length} of ${count(apiTokens.length, 'API token')} ${isAre(long.length)} kept alive longer than ${minutesText(maxTokenWindowMinutes)} without use: ${nameList(long.map(({ token, detail }) => `${token.name} (${detail})`))}.`,
      ...listAffected(long.map(({ token, detail }) => tokenEntity(token, detail))),
    });
  },
  remediation: {
    summary: `Re-issue each listed token with an idle-expiry window of ${minutesText(maxTokenWindowMinutes)} or less.`,
    steps: [
      step('Open Security → API → Tokens and find each listed token', 'apiTokens'),
      step(`Create a replacement token with a token window of ${minutesText(maxTokenWindowMinutes)} or less`, 'apiTokens', 'tokenWindow'),
      step('Update the integration, then revoke the old token', 'apiTokens', 'revokeToken'),
      step('Save, then choose Verify in Posture Lens', 'apiTokens'),
    ],
    references: [references.apiTokens, references.apiTokenApi],
  },
});

export const hygieneTokenControls: Control[] = [oldTokens, orphanedTokens, longTokenWindow];
