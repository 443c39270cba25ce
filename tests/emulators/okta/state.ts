import { isoDaysAgo, type Json, oktaId, type OktaOrgSeed, roleLabels, type SeedUser } from './seed';

/** Live state of one emulated org: the seed plus lookups derived from it (rebuilt when users are added). */
export class OrgState {
  readonly orgHost: string;
  readonly adminHost: string;
  private userIndex = new Map<string, SeedUser>();
  private indexedCount = -1;

  constructor(readonly seed: OktaOrgSeed, domain = 'okta.com') {
    this.orgHost = `${seed.name}.${domain}`;
    this.adminHost = `${seed.name}-admin.${domain}`;
  }

  get name(): string {
    return this.seed.name;
  }

  user(id: string): SeedUser | undefined {
    if (this.indexedCount !== this.seed.users.length) {
      this.userIndex = new Map(this.seed.users.map((user) => [user.id, user]));
      this.indexedCount = this.seed.users.length;
    }
    return this.userIndex.get(id);
  }

  userByLogin(login: string): SeedUser | undefined {
    const lower = login.toLowerCase();
    return this.seed.users.find((user) => user.login === lower);
  }

  /** Role assignments of a user: direct ones, or with `inherited` also those of the user's groups. */
  rolesOf(userId: string, inherited = false): Array<{ type: string; groupId?: string }> {
    const groups = new Set(this.seed.userGroups[userId] ?? []);
    return this.seed.roles.filter((role) => role.userId === userId || (inherited && role.groupId !== undefined && groups.has(role.groupId)));
  }

  isSuperAdmin(userId: string): boolean {
    return this.rolesOf(userId, true).some((role) => role.type === 'SUPER_ADMIN');
  }

  /** Users with a direct role assignment (what /iam/assignees/users lists), in seed order. */
  assignees(): SeedUser[] {
    const ids = new Set(this.seed.roles.map((role) => role.userId).filter(Boolean));
    return this.seed.users.filter((user) => ids.has(user.id));
  }

  roleJson(role: { type: string; userId?: string; groupId?: string; clientId?: string }, origin: string): Json {
    const assignee = role.userId ? `${origin}/api/v1/users/${role.userId}` : role.clientId ? `${origin}/oauth2/v1/clients/${role.clientId}/roles` : `${origin}/api/v1/groups/${role.groupId}`;
    return {
      id: oktaId('ra1', `${this.seed.name}:${role.type}:${role.userId ?? role.clientId ?? role.groupId}`), label: roleLabels[role.type] ?? role.type, type: role.type,
      status: 'ACTIVE', created: isoDaysAgo(300), lastUpdated: isoDaysAgo(300), assignmentType: role.userId ? 'USER' : role.clientId ? 'CLIENT' : 'GROUP',
      _links: { assignee: { href: assignee } },
    };
  }

  /** Apps assigned to the user, directly or through one of the user's groups (Everyone included). */
  appsOf(userId: string): Json[] {
    const groups = new Set([...(this.seed.userGroups[userId] ?? []), ...this.seed.groups.filter((group) => group.type === 'BUILT_IN').map((group) => group.id as string)]);
    const assignments = this.seed.appAssignments ?? {};
    return this.seed.apps.filter((app) => {
      const assigned = assignments[app.id as string];
      return Boolean(assigned?.users?.includes(userId) || assigned?.groups?.some((group) => groups.has(group)));
    });
  }

  factorsJson(userId: string, origin: string): Json[] {
    const kinds = this.seed.factors[userId] ?? ['push'];
    const user = this.user(userId);
    return kinds.map((kind) => {
      const [factorType, provider, profile] = {
        sms: ['sms', 'OKTA', { phoneNumber: '+1-555-0100' }], call: ['call', 'OKTA', { phoneNumber: '+1-555-0100' }],
        question: ['question', 'OKTA', { question: 'name_of_first_plush_toy', questionText: 'What is the name of your first stuffed animal?' }],
        email: ['email', 'OKTA', { email: user?.login }], push: ['push', 'OKTA', { name: 'iPhone', platform: 'IOS' }],
        signed_nonce: ['signed_nonce', 'OKTA', { name: 'MacBook Pro', platform: 'MACOS' }], webauthn: ['webauthn', 'FIDO', { authenticatorName: 'YubiKey 5' }],
        'token:software:totp': ['token:software:totp', 'GOOGLE', { credentialId: user?.login }],
      }[kind] as [string, string, Json];
      const id = oktaId(kind === 'webauthn' ? 'fwf' : 'mbl', `${userId}:${kind}`);
      return { id, factorType, provider, vendorName: provider, status: 'ACTIVE', created: isoDaysAgo(200), lastUpdated: isoDaysAgo(20), profile,
        _links: { self: { href: `${origin}/api/v1/users/${userId}/factors/${id}` } } };
    });
  }
}
