import { baseRoles, defaultPublicPages, InstanceBuilder, type ServiceNowInstanceSeed } from './seed';

/**
 * Initech: an instance provisioned a week ago and not configured yet. Only what ServiceNow ships: the admin
 * account, the base roles, the platform plugins, the two lockout script actions (off), the default public pages
 * and a handful of system properties. No hardening property is set (each is at its documented default), and
 * there are no other users, groups, IP access rules, MFA criteria, OAuth applications, certificates or SSO
 * providers. There is no non-admin user: `nonAdmin` is the admin too.
 */
export function emptyInstance(now = Date.now()): ServiceNowInstanceSeed {
  const b = new InstanceBuilder('initech', 'initech.example', now);
  for (const [name, description] of baseRoles) b.role(name, description);
  const admin = b.user('admin', 'System Administrator', { createdDays: 7, lastLoginDays: 0 });
  b.grant(admin, 'admin');
  b.grant(admin, 'security_admin');
  b.property('instance_name', 'initech');
  b.property('glide.product.description', 'Initech');
  b.plugin('com.glide.high_security', 'High Security Settings', true);
  b.plugin('com.glide.role_management', 'Contextual Security: Role Management', true);
  b.plugin('com.snc.system_security', 'Security Jump Start (ACL Rules)', true);
  b.plugin('com.glide.ui.ui16', 'UI16', true);
  b.scriptActions({ lockout: false, lockoutWithAutoUnlock: false });
  for (const page of defaultPublicPages) b.add('sys_public', { page, active: 'true' });
  const credentials = { userName: admin.user_name as string, password: 'Initech-Admin-1!' };
  return b.build({ displayName: 'Initech', admin: credentials, nonAdmin: credentials, excludedPasswordCount: 0 });
}
