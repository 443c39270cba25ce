import { acmeOrg } from './org-acme';
import { emptyOrg } from './org-empty';
import { evilOrg } from './org-evil';
import { globexOrg } from './org-globex';
import { clock, firstNames, idFactory, lastNames, type OrgSeed } from './seed';

export type { OrgSeed, SecuritySettingsSeed } from './seed';
export { acmeOrg, emptyOrg, evilOrg, globexOrg };

/** The two demo orgs: Acme (misconfigured) and Globex (well configured). Dates are relative to `now`. */
export function demoOrgs(now: number = Date.now()): OrgSeed[] {
  return [acmeOrg(now), globexOrg(now)];
}

/**
 * Adds `count` generated Standard users (profile "Standard User", no privileged permissions) to an org.
 * One in ten has not logged in for 90+ days, so "inactive users" spans several 2 000-row pages.
 */
export function addGeneratedUsers(org: OrgSeed, count: number, now: number = Date.now()): void {
  const newId = idFactory('5g', 5_000_000);
  const at = clock(now);
  const profile = org.records.Profile?.find((row) => row.Name === 'Standard User');
  const profileSet = org.records.PermissionSet?.find((row) => row.ProfileId === profile?.Id);
  const users = (org.records.User ??= []);
  const assignments = (org.records.PermissionSetAssignment ??= []);
  const domain = org.username.split('@')[1] ?? 'example.com';
  const created = at.daysAgo(400);
  const recent = Array.from({ length: 30 }, (_, day) => at.daysAgo(day));
  const stale = Array.from({ length: 30 }, (_, day) => at.daysAgo(91 + day * 7));
  // Every 100th active user has authorised the org's managed-package app (Acme's Slack): a large org's inventory holds
  // hundreds of grants, none of them privileged.
  const managedApp = org.records.AppMenuItem?.find((row) => row.NamespacePrefix);
  const tokens = (org.records.OauthToken ??= []);
  for (let index = 0; index < count; index++) {
    const first = firstNames[index % firstNames.length] as string;
    const last = lastNames[Math.floor(index / firstNames.length) % lastNames.length] as string;
    const id = newId('005');
    const username = `${first}.${last}.${index}@bulk.${domain}`.toLowerCase();
    users.push({
      Id: id, Username: username, Name: `${first} ${last}`, FirstName: first, LastName: last, Alias: `u${index}`.slice(0, 8), Email: username,
      Title: null, Department: 'Bulk', IsActive: index % 50 !== 49, UserType: 'Standard', ProfileId: profile?.Id ?? null,
      LastLoginDate: index % 10 === 3 ? stale[index % 30] : recent[index % 30], LastPasswordChangeDate: created, FederationIdentifier: null,
      TimeZoneSidKey: 'America/New_York', CreatedDate: created, LastModifiedDate: created, SystemModstamp: created,
    });
    if (profileSet) {
      assignments.push({ Id: newId('0Pa'), AssigneeId: id, PermissionSetId: profileSet.Id, PermissionSetGroupId: null, IsActive: true, ExpirationDate: null, SystemModstamp: created });
    }
    if (managedApp && index % 100 === 7) {
      tokens.push({ Id: newId('0CQ'), AppName: managedApp.Label, UserId: id, AppMenuItemId: managedApp.Id, LastUsedDate: recent[index % 30], UseCount: 40 + (index % 400), DeleteToken: `emulator-delete-token-${id.slice(-6)}`, CreatedDate: created });
    }
  }
}
