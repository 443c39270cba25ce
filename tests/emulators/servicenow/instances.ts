import { acmeInstance } from './instance-acme';
import { globexInstance } from './instance-globex';
import { DAY, type ServiceNowInstanceSeed, snDate } from './seed';

export { acmeInstance, acmeNonCompliantProperties } from './instance-acme';
export { emptyInstance } from './instance-empty';
export { evilInstance } from './instance-evil';
export { globexInstance } from './instance-globex';

export function demoInstances(now = Date.now()): ServiceNowInstanceSeed[] {
  return [acmeInstance(now), globexInstance(now)];
}

const firstNames = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth'];
const lastNames = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez'];

/** Whether generated user `index` is stale (every 50th: 2 %), and whether it never logged in (every 250th). */
export const generatedUserIsStale = (index: number) => index % 50 === 49;
export const generatedUserNeverLoggedIn = (index: number) => index % 250 === 249;

/**
 * Adds `count` generated active users (`user<index>`): every 50th stale (no login for 91–290 days; every 250th never
 * logged in), and role grants: `itil` for every 250th, `user_admin` for every 1000th, `admin` for every 5000th
 * (a few hundred grants for 50 000 users); every 100th signed in to the seed's "ServiceNow Mobile" client and holds a
 * live refresh token of it. sys_ids are index-based, dates come from a per-day cache: 50 000 users build in well under a second.
 */
export function addGeneratedUsers(seed: ServiceNowInstanceSeed, count: number, now = Date.now()): void {
  const users = (seed.tables.sys_user ??= []);
  const grants = (seed.tables.sys_user_has_role ??= []);
  const roles = seed.tables.sys_user_role ?? [];
  const roleId = (name: string) => roles.find((role) => role.name === name)?.sys_id ?? '';
  const dayCache = new Map<number, string>();
  const daysAgo = (days: number) => {
    let value = dayCache.get(days);
    if (value === undefined) {
      value = snDate(now - days * DAY);
      dayCache.set(days, value);
    }
    return value;
  };
  const granted = [['itil', 250], ['user_admin', 1000], ['admin', 5000]] as const;
  const grantRoles = granted.map(([name, every]) => ({ id: roleId(name), every }));
  const created = daysAgo(400);
  const mobile = seed.tables.oauth_entity?.find((entity) => entity.name === 'ServiceNow Mobile');
  const tokens = (seed.tables.oauth_credential ??= []);
  const tokenExpiry = daysAgo(-90);
  for (let index = 0; index < count; index += 1) {
    const sysId = `9e${index.toString(16).padStart(30, '0')}`;
    const first = firstNames[index % 10] as string;
    const last = lastNames[Math.floor(index / 10) % 10] as string;
    const lastLogin = generatedUserNeverLoggedIn(index) ? '' : daysAgo(generatedUserIsStale(index) ? 91 + (index % 200) : 1 + (index % 60));
    users.push({
      sys_id: sysId, user_name: `user${index}`, name: `${first} ${last} ${index}`, email: `user${index}@${seed.name}.example`, active: 'true', locked_out: 'false',
      last_login_time: lastLogin, web_service_access_only: 'false', internal_integration_user: 'false', enable_multifactor_authn: String(index % 3 === 0),
      sys_created_on: created,
    });
    if (mobile && index % 100 === 99) {
      tokens.push({
        sys_id: `9d${index.toString(16).padStart(30, '0')}`, peer: mobile.sys_id as string, user: sysId, type: 'refresh_token', expires: tokenExpiry,
        token: `emulated-token-${index}`, sys_created_on: daysAgo(1 + (index % 60)),
      });
    }
    for (const [k, role] of grantRoles.entries()) {
      if (index % role.every === role.every - 1) {
        grants.push({ sys_id: `9f${k}${index.toString(16).padStart(29, '0')}`, user: sysId, role: role.id, inherited: 'false', granted_by: '', state: 'active', sys_created_on: created });
      }
    }
  }
}
