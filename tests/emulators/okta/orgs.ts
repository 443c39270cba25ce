import { acmeOrg } from './org-acme';
import { globexOrg } from './org-globex';
import { DAY, type OktaOrgSeed, oktaId, type SeedUser } from './seed';

export { acmeOrg } from './org-acme';
export { evilOrg } from './org-evil';
export { globexOrg, dodBanner } from './org-globex';

export function demoOrgs(): OktaOrgSeed[] {
  return [acmeOrg(), globexOrg()];
}

const firstNames = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth'];
const lastNames = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez'];
const departments = ['Sales', 'Engineering', 'Finance', 'Support', 'Marketing'];

/**
 * Adds `count` generated end users: every 50th is SUSPENDED, every 10th has not signed in for 100+ days,
 * every 25th never signed in (created 120 days ago). Ids are cheap (index-based), not hashes.
 */
export function addGeneratedUsers(seed: OktaOrgSeed, count: number): void {
  const now = Date.now();
  const prefix = oktaId('00u', seed.name).slice(0, 9);
  const iso = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  for (let index = 0; index < count; index += 1) {
    const first = firstNames[index % 10] as string;
    const last = lastNames[Math.floor(index / 10) % 10] as string;
    const never = index % 25 === 24;
    const user: SeedUser = {
      id: `${prefix}g${String(index).padStart(10, '0')}`,
      status: index % 50 === 49 ? 'SUSPENDED' : 'ACTIVE',
      login: `user${index}@${seed.name}.example`,
      firstName: first,
      lastName: last,
      created: iso(never ? 120 : 400),
      lastLogin: never ? null : iso(index % 10 === 9 ? 100 + (index % 200) : 1 + (index % 30)),
      passwordChanged: iso(30),
      provider: index % 3 === 0 ? 'ACTIVE_DIRECTORY' : 'OKTA',
      department: departments[index % 5],
    };
    seed.users.push(user);
  }
}
