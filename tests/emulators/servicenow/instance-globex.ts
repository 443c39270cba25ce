import { baseRoles, defaultPublicPages, InstanceBuilder, type ServiceNowInstanceSeed, sysId } from './seed';

/**
 * Globex: a well-configured instance. Every catalog property (and every property the composite checks read) is
 * set to a compliant value; MFA criteria for admin, security_admin and user_admin; an active IP allow list; the
 * auto-unlock lockout action; 10 000 excluded passwords; short OAuth token lifespans; no stale or MFA-less admins;
 * one hand-registered OAuth add-on acting as an admin (the demo's path to full administration).
 */
export function globexInstance(now = Date.now()): ServiceNowInstanceSeed {
  const b = new InstanceBuilder('globex', 'globex.example', now);
  for (const [name, description] of baseRoles) b.role(name, description);

  const admin = b.user('admin', 'System Administrator', { mfa: true, createdDays: 900 });
  const grace = b.user('grace.hopper', 'Grace Hopper', { mfa: true, lastLoginDays: 2 });
  const ada = b.user('ada.lovelace', 'Ada Lovelace', { mfa: true, lastLoginDays: 5 });
  const itil = b.user('tom.ticket', 'Tom Ticket', { lastLoginDays: 1 });
  const datasync = b.user('svc.datasync', 'Data Sync Service Account', { integration: true, webServiceOnly: true, lastLoginDays: 1 });
  const staff = ['Hedy Lamarr', 'Alan Turing', 'Katherine Johnson', 'Claude Shannon', 'Barbara Liskov', 'Donald Knuth', 'Frances Allen', 'John McCarthy',
    'Margaret Hamilton', 'Dennis Ritchie', 'Radia Perlman', 'Ken Thompson', 'Shafi Goldwasser', 'Tim Berners-Lee', 'Leslie Lamport'];
  staff.forEach((name, index) => {
    const [first, ...rest] = name.toLowerCase().split(' ');
    const user = b.user(`${first}.${rest.join('').replace(/[^a-z]/g, '')}`, name, { lastLoginDays: 1 + (index % 20) });
    if (index % 2 === 0) b.grant(user, 'itil');
  });

  for (const user of [admin, grace, ada]) b.grant(user, 'admin');
  for (const user of [admin, grace]) b.grant(user, 'security_admin');
  b.grant(ada, 'user_admin');
  b.grant(itil, 'itil');

  b.catalogProperties({
    overrides: {},
    extras: {
      instance_name: 'globex',
      'glide.product.description': 'Globex Ltd',
      'glide.script.use.sandbox': 'true',
      'glide.authenticate.multisso.enabled': 'true',
      'glide.authentication.external.disable_local_login': 'true',
      'glide.authenticate.sso.redirect.idp': sysId('globex:saml2_update1_properties:1'),
    },
  });

  const plugins: Array<[string, string]> = [
    ['com.glide.high_security', 'High Security Settings'], ['com.glide.role_management', 'Contextual Security: Role Management'],
    ['com.snc.ipauthenticator', 'IP Address Access Control'], ['com.snc.snc_access_control', 'SNC Access Control'],
    ['com.snc.system_security', 'Security Jump Start (ACL Rules)'], ['com.glide.security.audit', 'Security Audit'], ['com.glide.email_filter', 'Email Filters'],
    ['com.glide.limit.concurrent.sessions', 'Limit Concurrent Sessions'], ['com.snc.integration.sso.multi', 'Integration - Multiple Provider Single Sign-On Installer'],
    ['com.snc.integration.sso.saml2.update1', 'Integration - SAML 2.0 Update 1'], ['com.snc.incident', 'Incident Management'],
  ];
  for (const [id, name] of plugins) b.plugin(id, name, true);

  b.add('ip_access', { type: 'allow', direction: 'inbound', active: 'true', range_start: '203.0.113.0', range_end: '203.0.113.255', description: 'Globex offices' });
  b.add('ip_access', { type: 'deny', direction: 'inbound', active: 'true', range_start: '0.0.0.0', range_end: '255.255.255.255', description: 'Deny everyone else' });
  b.scriptActions({ lockout: false, lockoutWithAutoUnlock: true });
  for (const role of ['admin', 'security_admin', 'user_admin']) b.add('multi_factor_criteria', { name: `MFA for ${role}`, active: 'true', role: b.role(role).sys_id as string });

  // Data Sync is an installed application running as its own integration user with a scope of its own. The one risky
  // path: Spreadsheet Export Add-on, registered by hand, acts with useraccount as Ada Lovelace (admin, user_admin).
  const dataSync = b.oauth('Globex Data Sync', {
    access: 1800, refresh: 28_800, redirect: 'https://sync.globex.example/oauth/callback', runsAs: datasync, scope: b.appScope('x_gbx_datasync', 'Globex Data Sync', 'Globex'),
  });
  b.oauthScope(dataSync, 'globex_sync_write');
  b.token(dataSync, datasync, { type: 'access_token', issuedDays: 0.01, expiresInDays: 0.01 });
  const mobile = b.oauth('ServiceNow Mobile', { access: 1800, refresh: 28_800, redirect: 'https://globex.service-now.com/mobile/callback', createdBy: 'system', createdDays: 1200 });
  b.token(mobile, itil, { issuedDays: 0.2, expiresInDays: 0.1 });
  const spreadsheet = b.oauth('Spreadsheet Export Add-on', { access: 1800, refresh: 28_800, redirect: 'https://sheets.addons.example/servicenow/callback', createdBy: 'ada.lovelace', createdDays: 30, updatedDays: 30 });
  b.token(spreadsheet, ada, { issuedDays: 0.1, expiresInDays: 0.2 });

  b.certificate('Globex SAML Signing', 'key_store', 60, 400);
  b.certificate('Globex Root CA', 'trust_store_cert', 100, 1200);

  for (const page of defaultPublicPages) b.add('sys_public', { page, active: 'true' });
  b.add('saml2_update1_properties', { name: 'Globex Entra ID', active: 'true' });

  return b.build({
    displayName: 'Globex Ltd',
    admin: { userName: admin.user_name as string, password: 'Globex-Admin-1!' },
    nonAdmin: { userName: itil.user_name as string, password: 'Globex-Itil-1!' },
    excludedPasswordCount: 10_000,
  });
}
