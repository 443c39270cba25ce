import { compliant, nonCompliant, shareVerdict, unknown, type Control } from '@/utils/controls';
import { defineSalesforceControl } from '../control';
import type { MfaMethods } from '../model';
import { count, listAffected, nameList, partialNote, privilegedUsers, viaText } from './org-evidence';

const references = {
  mfaRequirement: 'https://security.salesforce.com/mfa',
  twoFactorMethodsInfo:
    'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_twofactormethodsinfo.htm',
  permissionSet:
    'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionset.htm',
};

/**
 * Strong methods are the ones Salesforce accepts for MFA: Salesforce Authenticator, an authenticator app (TOTP),
 * a security key and a built-in authenticator. A verified mobile number (SMS) is not one of them.
 * Security keys registered after Summer '22 are reported in HasSecurityKey rather than HasU2F; it is read when present.
 */
function strongMethods(methods: MfaMethods): string[] {
  const found: string[] = [];
  if (methods.HasSalesforceAuthenticator) found.push('Salesforce Authenticator');
  if (methods.HasTotp) found.push('authenticator app');
  if (methods.HasU2F || methods.HasSecurityKey === true) found.push('security key');
  if (methods.HasBuiltInAuthenticator) found.push('built-in authenticator');
  return found;
}

const privilegedMfaEnrolment = defineSalesforceControl({
  id: 'SF.MFA.1v1',
  title: 'Every privileged user has a strong MFA method registered',
  description:
    'For each active user holding Modify All Data, View All Data, Author Apex, Customize Application or Manage Users, ' +
    'checks that a strong verification method is registered: Salesforce Authenticator, an authenticator app, a security ' +
    'key or a built-in authenticator. SMS does not count. Credit is the share of privileged users enrolled. Users who ' +
    'sign in only through single sign-on with MFA at the identity provider can be recorded as an alternate mitigation.',
  rationale:
    'Without a second factor, one phished or reused password is enough to take over an administrator account and, ' +
    'with it, every record in the org. Credential-stuffing and voice-phishing campaigns against Salesforce target ' +
    'exactly these accounts. Salesforce contractually requires MFA for all direct logins.',
  severity: 'critical',
  weight: 10,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: {
    nist80053: ['IA-2(1)', 'IA-2(2)'],
    initiatives: ['zero-trust', 'ransomware', 'business-email-compromise'],
  },
  sources: ['privilegedAssignments', 'privilegedMfa'],
  evaluate: ({ privilegedAssignments, privilegedMfa }) => {
    const users = privilegedUsers(privilegedAssignments);
    const methodsByUser = new Map(privilegedMfa.records.map((row) => [row.UserId, row]));
    const missing: Array<{ id: string; name: string; detail: string }> = [];
    const undetermined: string[] = [];
    for (const user of users) {
      const methods = methodsByUser.get(user.id);
      if (!methods) {
        // TwoFactorMethodsInfo has no row for a user who never registered a method; on a partial read it may just be unread.
        if (privilegedMfa.complete) missing.push({ id: user.id, name: user.name, detail: `${user.username} · no verification method registered · ${viaText(user)}` });
        else undetermined.push(user.name);
        continue;
      }
      if (strongMethods(methods).length === 0) {
        const sms = methods.HasUserVerifiedMobileNumber ? 'only SMS registered, which is not accepted for MFA' : 'no strong method registered';
        missing.push({ id: user.id, name: user.name, detail: `${user.username} · ${sms} · ${viaText(user)}` });
      }
    }
    const notes = [
      ...(!privilegedAssignments.complete ? [partialNote(privilegedAssignments, 'privileged permission assignments')] : []),
      ...(!privilegedMfa.complete ? [partialNote(privilegedMfa, 'MFA registrations')] : []),
    ];
    const checked = users.length - undetermined.length;
    const expected = 'every privileged user enrolled';
    if (missing.length === 0 && notes.length > 0) {
      return unknown(`No privileged user without MFA was found, but not every privileged user could be checked. ${notes.join(' ')}`, {
        notes,
      });
    }
    if (users.length === 0) return compliant({ actual: 0, expected, reason: 'No active user holds a privileged permission.' });
    if (missing.length === 0) {
      return compliant({
        actual: 0,
        expected,
        reason: `All ${count(users.length, 'privileged user')} have a strong MFA method registered.`,
      });
    }
    return shareVerdict(checked - missing.length, checked, {
      actual: missing.length,
      expected,
      reason:
        `${missing.length} of ${count(checked, 'privileged user')} have no strong MFA method: ${nameList(missing.map((user) => user.name))}.` +
        (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(missing.map((user) => ({ ...user, kind: 'user' }))),
    });
  },
  remediation: {
    summary: 'Have every privileged user register Salesforce Authenticator, an authenticator app or a security key, and require MFA.',
    steps: [
      { text: 'Open Setup → Multi-Factor Authentication Assistant to see who still has to register', page: 'mfaAssistant' },
      { text: 'Ask each listed user to register a strong method from their personal settings (Advanced User Details)', page: 'users' },
      { text: 'Require MFA for direct UI logins for all users', page: 'identityVerification', anchor: 'enableMFADirectUILoginOptIn' },
      { text: 'Then choose Verify in Posture Lens', page: 'mfaAssistant' },
    ],
    references: [references.mfaRequirement, references.twoFactorMethodsInfo],
  },
});

interface WaiverHolder {
  id: string;
  name: string;
  username?: string;
  via: string[];
}

function waiverHolders(rows: { records: Array<{ AssigneeId: string; Assignee: { Name: string; Username?: string }; PermissionSet?: { Label: string } }> }) {
  const holders = new Map<string, WaiverHolder>();
  for (const row of rows.records) {
    const holder = holders.get(row.AssigneeId) ?? { id: row.AssigneeId, name: row.Assignee.Name, username: row.Assignee.Username, via: [] };
    if (row.PermissionSet) holder.via.push(row.PermissionSet.Label);
    holders.set(row.AssigneeId, holder);
  }
  return [...holders.values()];
}

function waiverDetail(holder: WaiverHolder): string {
  const via = holder.via.length ? `via ${[...new Set(holder.via)].join(', ')}` : 'waiver granted';
  return holder.username ? `${holder.username} · ${via}` : via;
}

const mfaWaiverHolders = defineSalesforceControl({
  id: 'SF.MFA.2v1',
  title: 'No active user is exempt from MFA',
  description:
    'Lists active users holding "Waive Multi-Factor Authentication for Exempt Users", through a profile or permission set. ' +
    'Salesforce intends the waiver only for narrow cases (automated test accounts, some integration users); each holder ' +
    'should be reviewed and any justified one recorded as an exception.',
  rationale:
    'A waived user signs in with a password alone. Waivers granted "temporarily" during an MFA roll-out tend to stay, ' +
    'and they quietly reopen the door to password spraying and phishing that MFA was meant to close.',
  severity: 'medium',
  weight: 5,
  metric: 'authentication',
  requirement: 'should',
  frameworks: { nist80053: ['IA-2(1)', 'AC-2(7)'], initiatives: ['zero-trust', 'business-email-compromise'] },
  sources: ['mfaWaivers'],
  evaluate: ({ mfaWaivers }) => {
    const holders = waiverHolders(mfaWaivers);
    const incomplete = !mfaWaivers.complete;
    const notes = incomplete ? [partialNote(mfaWaivers, 'MFA waiver assignments')] : [];
    if (holders.length === 0) return compliant({ actual: 0, expected: 0, reason: 'No active user holds the MFA waiver.' });
    const total = incomplete ? Math.max(holders.length, mfaWaivers.totalSize) : holders.length;
    return nonCompliant({
      actual: total,
      expected: 0,
      reason:
        `${count(total, 'active user')} ${total === 1 ? 'is' : 'are'} exempt from MFA: ${nameList(holders.map((holder) => holder.name), total)}.` +
        (incomplete ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(
        holders.map((holder) => ({ id: holder.id, name: holder.name, kind: 'user', detail: waiverDetail(holder) })),
        total,
      ),
    });
  },
  remediation: {
    summary: 'Remove "Waive Multi-Factor Authentication for Exempt Users" from everyone who can use MFA.',
    steps: [
      { text: 'Open Setup → Permission Sets and find the sets granting the MFA waiver', page: 'permissionSets' },
      { text: 'Unassign the waiver from each listed user, or clear the permission on their profile', page: 'profiles' },
      { text: 'Then choose Verify in Posture Lens', page: 'permissionSets' },
    ],
    references: [references.mfaRequirement, references.permissionSet],
  },
});

const privilegedMfaWaivers = defineSalesforceControl({
  id: 'SF.MFA.3v1',
  title: 'No privileged user is exempt from MFA',
  description:
    'Lists active users who hold a privileged permission (Modify All Data, View All Data, Author Apex, Customize ' +
    'Application or Manage Users) and also the MFA waiver. There is no valid reason for an administrator to skip MFA.',
  rationale:
    'An exempt administrator is the single most valuable account an attacker can phish: one password gives full control ' +
    'of the org, its users and its integrations.',
  severity: 'high',
  weight: 8,
  metric: 'authentication',
  requirement: 'shall',
  frameworks: { nist80053: ['IA-2(1)', 'AC-6(5)'], initiatives: ['zero-trust', 'ransomware', 'business-email-compromise'] },
  sources: ['privilegedAssignments', 'mfaWaivers'],
  evaluate: ({ privilegedAssignments, mfaWaivers }) => {
    const privileged = new Map(privilegedUsers(privilegedAssignments).map((user) => [user.id, user]));
    const exempt = waiverHolders(mfaWaivers).filter((holder) => privileged.has(holder.id));
    const notes = [
      ...(!privilegedAssignments.complete ? [partialNote(privilegedAssignments, 'privileged permission assignments')] : []),
      ...(!mfaWaivers.complete ? [partialNote(mfaWaivers, 'MFA waiver assignments')] : []),
    ];
    if (exempt.length === 0) {
      if (notes.length) return unknown(`No exempt privileged user was found so far. ${notes.join(' ')}`, { notes });
      return compliant({ actual: 0, expected: 0, reason: 'No privileged user holds the MFA waiver.' });
    }
    return nonCompliant({
      actual: exempt.length,
      expected: 0,
      reason:
        `${count(exempt.length, 'privileged user')} ${exempt.length === 1 ? 'is' : 'are'} exempt from MFA: ${nameList(exempt.map((holder) => holder.name))}.` +
        (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(
        exempt.map((holder) => ({
          id: holder.id,
          name: holder.name,
          kind: 'user',
          detail: `${waiverDetail(holder)} · privileged ${viaText(privileged.get(holder.id)!)}`,
        })),
      ),
    });
  },
  remediation: {
    summary: 'Remove the MFA waiver from every privileged user.',
    steps: [
      { text: 'Open Setup → Permission Sets and find the sets granting the MFA waiver', page: 'permissionSets' },
      { text: 'Unassign the waiver from each listed administrator', page: 'permissionSets' },
      { text: 'Make sure each of them has a strong method registered', page: 'mfaAssistant' },
      { text: 'Then choose Verify in Posture Lens', page: 'permissionSets' },
    ],
    references: [references.mfaRequirement, references.permissionSet],
  },
});

export const mfaControls: Control[] = [privilegedMfaEnrolment, mfaWaiverHolders, privilegedMfaWaivers];
