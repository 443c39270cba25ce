import { compliant, nonCompliant, shareVerdict, unknown, type Control } from '@/utils/controls';
import { defineSalesforceControl } from '../control';
import type { GuestAssignment } from '../model';
import { count, grantedPermissions, grantorLabel, listAffected, nameList, partialNote } from './org-evidence';

const references = {
  organization:
    'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_organization.htm',
  sharingDefaults: 'https://help.salesforce.com/s/articleView?id=sf.sharing_model_fields.htm&type=5',
  guestAccess:
    'https://developer.salesforce.com/docs/platform/communities-dev/guide/communities-dev-give-guest-users-read-access-to-records.html',
  site: 'https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-site.html',
};

const sharedObjects = [
  { field: 'DefaultAccountAccess', object: 'Account' },
  { field: 'DefaultContactAccess', object: 'Contact' },
  { field: 'DefaultOpportunityAccess', object: 'Opportunity' },
  { field: 'DefaultLeadAccess', object: 'Lead' },
  { field: 'DefaultCaseAccess', object: 'Case' },
] as const;

/** Organization-wide default values that let every internal user edit every record. */
const publicWrite = new Map([
  ['Edit', 'Public Read/Write'],
  ['ReadEditTransfer', 'Public Read/Write/Transfer'],
  ['All', 'Public Full Access'],
]);

const organizationWideDefaults = defineSalesforceControl({
  id: 'SF.DATA.1v1',
  title: 'Core objects are not Public Read/Write by default',
  description:
    'Checks the internal organization-wide sharing defaults of Account, Contact, Opportunity, Lead and Case and flags ' +
    'those set to Public Read/Write (or Read/Write/Transfer). Credit is the share of these objects with a private or ' +
    'read-only default.',
  rationale:
    'With a Public Read/Write default, every internal user, and every compromised internal account, can change or ' +
    'mass-update every record of that object. Least privilege starts with Private or Public Read Only defaults and ' +
    'sharing rules that open exactly what each team needs.',
  severity: 'medium',
  weight: 6,
  metric: 'data-exposure',
  requirement: 'should',
  frameworks: { nist80053: ['AC-3', 'AC-6'], initiatives: ['ransomware'] },
  sources: ['organization'],
  evaluate: ({ organization }) => {
    const read = sharedObjects.flatMap(({ field, object }) => {
      const value = organization[field];
      return value === null ? [] : [{ object, value }];
    });
    const unread = sharedObjects.filter(({ field }) => organization[field] === null).map(({ object }) => object);
    const notes = unread.length ? [`The default of ${nameList(unread, unread.length, 5)} could not be read and was left out.`] : [];
    if (read.length === 0) return unknown('The organization-wide sharing defaults could not be read.', { notes });
    const open = read.flatMap(({ object, value }) => {
      const label = publicWrite.get(value);
      return label ? [{ object, label }] : [];
    });
    if (open.length === 0) {
      return compliant({
        actual: 0,
        expected: 'Private or Public Read Only',
        reason: `None of ${nameList(read.map(({ object }) => object), read.length, 5)} is Public Read/Write by default.`,
        notes,
      });
    }
    return shareVerdict(read.length - open.length, read.length, {
      actual: open.length,
      expected: 'Private or Public Read Only',
      reason:
        `${open.length} of ${count(read.length, 'core object')} let every internal user edit every record: ` +
        `${nameList(open.map(({ object, label }) => `${object} (${label})`), open.length, 5)}.`,
      notes,
      ...listAffected(open.map(({ object, label }) => ({ id: object, name: object, kind: 'object', detail: label }))),
    });
  },
  remediation: {
    summary: 'Set the default internal access of these objects to Private or Public Read Only and open access with sharing rules.',
    steps: [
      { text: 'Open Setup → Sharing Settings and choose Edit under Organization-Wide Defaults', page: 'sharingSettings' },
      { text: 'Set Default Internal Access of each listed object to Private or Public Read Only', page: 'sharingSettings', anchor: 'organizationWideDefaults' },
      { text: 'Add sharing rules for the teams that need wider access, then save (recalculation may take a while)', page: 'sharingSettings' },
      { text: 'Then choose Verify in Posture Lens', page: 'sharingSettings' },
    ],
    references: [references.sharingDefaults, references.organization],
  },
});

interface GuestFinding {
  id: string;
  name: string;
  powers: Set<string>;
  via: Set<string>;
}

/** Active guest users with any powerful permission (API Enabled included: it lets an anonymous visitor use the APIs). */
function powerfulGuests(records: GuestAssignment[]): GuestFinding[] {
  const guests = new Map<string, GuestFinding>();
  for (const row of records) {
    const powers = grantedPermissions(row.PermissionSet);
    if (powers.length === 0) continue;
    const guest = guests.get(row.AssigneeId) ?? { id: row.AssigneeId, name: row.Assignee.Name, powers: new Set(), via: new Set() };
    powers.forEach((power) => guest.powers.add(power));
    guest.via.add(grantorLabel(row.PermissionSet));
    guests.set(row.AssigneeId, guest);
  }
  return [...guests.values()];
}

const guestPermissions = defineSalesforceControl({
  id: 'SF.DATA.2v1',
  title: 'Guest users hold no API, View All, Modify All or administrative permissions',
  description:
    'Checks the profile and permission sets of every active site guest user (the identity of unauthenticated visitors) ' +
    'for API Enabled, View All Data, Modify All Data, Author Apex, Customize Application and Manage Users.',
  rationale:
    'Anything a guest user can do, anyone on the internet can do without logging in. Misconfigured guest access on ' +
    'public Salesforce sites has repeatedly exposed customer records to anonymous API calls; API Enabled or View All ' +
    'Data on a guest profile turns a public page into an open database.',
  severity: 'critical',
  weight: 9,
  metric: 'data-exposure',
  requirement: 'shall',
  frameworks: { nist80053: ['AC-14', 'AC-6', 'AC-3'], initiatives: ['zero-trust'] },
  sources: ['guestAssignments'],
  evaluate: ({ guestAssignments }) => {
    const guests = powerfulGuests(guestAssignments.records);
    const incomplete = !guestAssignments.complete;
    const notes = incomplete ? [partialNote(guestAssignments, 'guest user permission assignments')] : [];
    if (guests.length === 0) {
      if (incomplete) return unknown(`No guest user with powerful permissions was found so far. ${notes[0]}`, { notes });
      if (guestAssignments.records.length === 0) return compliant({ actual: 0, expected: 0, reason: 'The org has no active guest users.' });
      const guestCount = new Set(guestAssignments.records.map((row) => row.AssigneeId)).size;
      return compliant({ actual: 0, expected: 0, reason: `None of the ${count(guestCount, 'active guest user')} holds a powerful permission.` });
    }
    return nonCompliant({
      actual: guests.length,
      expected: 0,
      reason:
        `${count(guests.length, 'guest user')} ${guests.length === 1 ? 'holds' : 'hold'} powerful permissions: ` +
        `${nameList(guests.map((guest) => `${guest.name} (${[...guest.powers].join(', ')})`))}.` +
        (incomplete ? ` ${notes[0]}` : ''),
      notes,
      ...listAffected(
        guests.map((guest) => ({
          id: guest.id,
          name: guest.name,
          kind: 'user',
          detail: `${[...guest.powers].join(', ')} via ${[...guest.via].join(', ')}`,
        })),
      ),
    });
  },
  remediation: {
    summary: 'Remove API Enabled and every administrative permission from guest user profiles and permission sets.',
    steps: [
      { text: 'Open Setup → All Sites and, for each site, open its guest user profile (Workspaces → Administration → Pages → Go to Force.com)', page: 'digitalExperiences' },
      { text: 'On the guest profile, clear API Enabled, View All Data, Modify All Data and other administrative permissions', page: 'profiles' },
      { text: 'Unassign any permission set that grants them to a guest user', page: 'permissionSets' },
      { text: 'Save, then choose Verify in Posture Lens', page: 'profiles' },
    ],
    references: [references.guestAccess],
  },
});

const exposedSites = defineSalesforceControl({
  id: 'SF.DATA.3v1',
  title: 'No active public site exposes a guest user with powerful permissions',
  description:
    'When any guest user holds a powerful permission (see SF.DATA.2v1), lists the active sites and Experience Cloud ' +
    'sites so each one\'s guest profile can be reviewed: an active site is what makes its guest user reachable from the ' +
    'internet. Posture Lens cannot tell from the API which site each guest user belongs to, so every active site is listed.',
  rationale:
    'A powerful guest profile is only exploitable through a site that is up. Knowing which public sites are live is the ' +
    'first step in closing the exposure, and deactivating a site nobody uses removes it at once.',
  severity: 'medium',
  weight: 4,
  metric: 'data-exposure',
  requirement: 'should',
  frameworks: { nist80053: ['AC-14', 'CM-7'] },
  sources: ['guestAssignments', 'sites'],
  evaluate: ({ guestAssignments, sites }) => {
    const guests = powerfulGuests(guestAssignments.records);
    const active = sites.records.filter((site) => site.Status === 'Active');
    const notes = [
      ...(!guestAssignments.complete ? [partialNote(guestAssignments, 'guest user permission assignments')] : []),
      ...(!sites.complete ? [partialNote(sites, 'sites')] : []),
    ];
    if (active.length === 0) {
      // A site is Active or Inactive: any other status says nothing of whether its guest user is reachable.
      const unread = sites.records.filter((site) => site.Status !== 'Inactive');
      if (unread.length > 0) {
        return unknown(`Whether ${nameList(unread.map((site) => `${site.Name} (status "${site.Status.slice(0, 40)}")`))} is live cannot be told from its status. Scan again.`);
      }
      if (!sites.complete) return unknown(`No active site was found so far. ${notes.join(' ')}`, { notes });
      return compliant({ actual: 0, expected: 0, reason: 'No site is active, so no guest user is reachable from the internet.' });
    }
    if (guests.length === 0) {
      if (!guestAssignments.complete) return unknown(`No guest user with powerful permissions was found so far. ${notes.join(' ')}`, { notes });
      return compliant({
        actual: 0,
        expected: 0,
        reason: `${count(active.length, 'site')} ${active.length === 1 ? 'is' : 'are'} active, but no guest user holds a powerful permission.`,
      });
    }
    return nonCompliant({
      actual: active.length,
      expected: 0,
      reason:
        `${count(guests.length, 'guest user')} ${guests.length === 1 ? 'holds' : 'hold'} powerful permissions and ` +
        `${count(active.length, 'site')} ${active.length === 1 ? 'is' : 'are'} active and public: ${nameList(active.map((site) => site.Name))}. ` +
        'Review the guest profile of each site.' +
        (notes.length ? ` ${notes.join(' ')}` : ''),
      notes,
      ...listAffected(active.map((site) => ({ id: site.Id, name: site.Name, kind: 'site', detail: `${site.SiteType} site, active` }))),
    });
  },
  remediation: {
    summary: 'Review the guest profile of each active site, and deactivate sites that are no longer needed.',
    steps: [
      { text: 'Open Setup → All Sites and list the active sites', page: 'digitalExperiences' },
      { text: 'Deactivate the sites nobody uses', page: 'sites' },
      { text: 'For the others, remove powerful permissions from the guest profile (see SF.DATA.2v1)', page: 'profiles' },
      { text: 'Then choose Verify in Posture Lens', page: 'digitalExperiences' },
    ],
    references: [references.site, references.guestAccess],
  },
});

export const dataExposureControls: Control[] = [organizationWideDefaults, guestPermissions, exposedSites];
