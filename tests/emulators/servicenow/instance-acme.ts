import { baseRoles, defaultPublicPages, demoKeystoreSysId, InstanceBuilder, type ServiceNowInstanceSeed } from './seed';

/**
 * System properties acme sets to a NON-compliant value, each with the reason (null = no record, and the
 * fallback is non-compliant). Every other catalog property: every 4th left out (the fallback applies), the
 * rest compliant. README.md "Planted findings" lists them too.
 */
export const acmeNonCompliantProperties: Record<string, string | null> = {
  'glide.ui.session_timeout': '240', // idle timeout 4 h (≤ 60 recommended)
  'glide.security.use_csrf_token': 'false', // anti-CSRF token off
  'glide.basicauth.required.api': 'false', // API requests may run as guest
  'glide.basicauth.required.csv': 'false', // CSV export without authentication
  'glide.basicauth.required.excel': 'false', // Excel export without authentication
  'glide.basicauth.required.pdf': 'false', // PDF export without authentication
  'glide.basicauth.required.xml': 'false', // XML export without authentication
  'glide.basicauth.required.soap': 'false', // SOAP without authentication (composite SN.HARD.87)
  'glide.soap.require_ws_security': 'false', // SOAP without WS-Security (composite SN.HARD.87)
  'glide.sys.permissive.impersonate': 'true', // non-admins may impersonate
  'glide.script.use.sandbox': 'false', // client-supplied scripts run outside the sandbox (not in the catalog)
  'glide.security.file.mime_type.validation': 'false', // uploads not MIME-checked
  'glide.ui.rotate_sessions': 'false', // session fixation: no new session id on login
  'glide.authenticate.multifactor': 'false', // role-based MFA off (composite SN.HARD.128)
  'glide.enable.blacklist_password': 'false', // excluded-password check off (composite SN.HARD.129)
  'glide.authenticate.sso.saml2.keystore': demoKeystoreSysId, // SAML signs with the demo keystore (composite SN.HARD.174)
  'glide.ip.authenticate.strict': 'false', // IP allow list not strict (composite SN.HARD.109)
  'glide.user.max_unlock_attempts': '10', // lockout after 10 failures (≤ 5; composite SN.HARD.127)
  'glide.ui.escape_text': 'false', // XML/HTML not escaped at the parser
  'glide.html.escape_script': 'false', // JavaScript not escaped
  'glide.ui.jelly.js_interpolation.protect': 'false', // Jelly JS interpolation injection (critical)
  'glide.stax.allow_entity_resolution': 'true', // XXE in the streaming parser (critical)
  'glide.script.allow.ajaxevaluate': 'true', // AJAXEvaluate runs arbitrary script
  'glide.script.secure.ajaxgliderecord': 'false', // client GlideRecord without ACL checks
  'glide.cookies.http_only': 'false', // session cookies readable by scripts
  'glide.ui.secure_cookies': 'false', // weak session-cookie validation
  'glide.set_x_frame_options': 'false', // clickjacking: no X-Frame-Options
  'glide.security.strict.updates': 'false', // write ACLs not double-checked
  'glide.security.csrf_previous.allow': 'true', // stale CSRF tokens accepted
  'glide.ui.user_cookie.life_span_in_days': '90', // remember-me 90 days (≤ 15)
  'glide.ui.user_cookie.max_life_span_in_days': '365', // absolute cookie life 1 year (≤ 30)
  'glide.ui.active.session.life_span': '0', // no absolute UI session cap (1–720)
  'glide.authenticate.sso.saml2.clockskew': '300', // SAML clock skew 5 min (< 60 s)
  'glide.authenticate.multifactor.email.otp.enabled': 'true', // weak email OTP factor allowed
  'glide.login.no_blank_password': 'false', // blank passwords accepted
  'glide.enable.password_policy': 'false', // password policy not enforced
  'glide.xmlutil.max_entity_expansion': '100000', // entity expansion threshold too high (≤ 3000)
  'com.glide.security.check_unsanitized_html': 'log_only', // HTML sanitization only logged
  'glide.ui.attachment.download_mime_types': 'false', // risky MIME types render inline
  'glide.db.allow_unsafe_dbi_execute_sql': 'true', // raw SQL execution allowed
  'glide.security.url.whitelist.strict_check': 'false', // open redirects (composite SN.HARD.254)
  'glide.authenticate.multisso.debug': 'true', // SSO debug logging on
  'glide.soapfault.display_stack_trace': 'true', // stack traces in SOAP faults
  'password_reset.request.max_attempt': '10', // password-reset attempts 10 (≤ 3)
  'glide.sm.default_mode': 'allow', // security manager allows when no ACL matches
  'glide.script_processor.admin': 'admin', // any admin runs background scripts
  'glide.knowman.block_access_with_no_user_criteria': 'false', // knowledge readable without user criteria (critical)
  'com.glide.communications.trustmanager_trust_all': 'true', // outbound TLS trusts every certificate
  'glide.ui.forgetme': 'false', // "Remember me" offered
};

/**
 * Acme: a deliberately misconfigured instance. Every planted finding is listed in README.md ("Planted findings").
 * Dates are relative to `now`, sys_ids deterministic.
 */
export function acmeInstance(now = Date.now()): ServiceNowInstanceSeed {
  const b = new InstanceBuilder('acme', 'acme.example', now);
  for (const [name, description] of baseRoles) b.role(name, description);

  // Holders of admin: 9 active (bob and svc.integration without MFA; erin stale; frank never logged in), victor inactive.
  const admin = b.user('admin', 'System Administrator', { mfa: true, createdDays: 900 });
  const alice = b.user('alice.admin', 'Alice Admin', { mfa: true });
  const bob = b.user('bob.builder', 'Bob Builder', { lastLoginDays: 3 });
  const carol = b.user('carol.chen', 'Carol Chen', { mfa: true, lastLoginDays: 10 });
  const dan = b.user('dan.diaz', 'Dan Diaz', { mfa: true });
  const erin = b.user('erin.evans', 'Erin Evans', { mfa: true, lastLoginDays: 200 });
  const frank = b.user('frank.fox', 'Frank Fox', { mfa: true, lastLoginDays: null, createdDays: 150 });
  const svc = b.user('svc.integration', 'Integration Service Account', { integration: true, webServiceOnly: false, lastLoginDays: 1 });
  const gina = b.user('gina.green', 'Gina Green', { mfa: true, lastLoginDays: 2 });
  const victor = b.user('victor.vance', 'Victor Vance', { active: false, mfa: true, lastLoginDays: 300 });

  // Ordinary users: 40, three of them stale (one with a hostile name, one never logged in).
  const ian = b.user('ian.itil', 'Ian Itil', { lastLoginDays: 1 });
  const helen = b.user('helen.help', 'Helen Help', { lastLoginDays: 4 });
  b.user('hostile.name', '<img src=x onerror=alert(1)>', { lastLoginDays: 150, email: 'hostile"<script>@acme.example' });
  b.user('olga.old', 'Olga Old', { lastLoginDays: 120 });
  b.user('pete.past', 'Pete Past', { lastLoginDays: null, createdDays: 200 });
  const reporting = b.user('svc.reporting', 'Reporting Service Account', { integration: true, webServiceOnly: true, lastLoginDays: 1 });
  const staff = ['Liam Lee', 'Mia Moore', 'Noah Nash', 'Olivia Ortiz', 'Paul Park', 'Quinn Quirk', 'Rosa Ruiz', 'Sam Stone', 'Tina Tran', 'Uma Ueda',
    'Vera Vogel', 'Walt Wong', 'Xena Xu', 'Yuri Yang', 'Zoe Zane', 'Aaron Abbott', 'Bella Brooks', 'Caleb Cruz', 'Dina Dale', 'Eli Ellis',
    'Fay Ford', 'Gus Gray', 'Hana Hale', 'Ivo Ito', 'Jade James', 'Kai Khan', 'Lena Lund', 'Milo Marsh', 'Nina Noble', 'Omar Ovens',
    'Pia Price', 'Raj Rao', 'Sara Snow', 'Theo Todd'];
  staff.forEach((name, index) => {
    const [first, last] = name.toLowerCase().split(' ') as [string, string];
    const user = b.user(`${first}.${last}`, name, { lastLoginDays: 1 + (index % 30), lockedOut: index === 7 });
    if (index % 3 === 0) b.grant(user, 'itil');
  });

  for (const user of [admin, alice, bob, carol, dan, erin, svc, victor]) b.grant(user, 'admin');
  b.grant(alice, 'admin', { group: 'ServiceNow Admins' }); // alice holds admin twice: directly and through the group
  b.grant(frank, 'admin', { group: 'ServiceNow Admins' });
  b.grant(gina, 'admin', { group: 'ServiceNow Admins' });
  for (const user of [admin, alice, carol, dan]) b.grant(user, 'security_admin');
  for (const user of [admin, alice, helen]) b.grant(user, 'impersonator'); // helen is no admin
  for (const user of [alice, svc]) b.grant(user, 'oauth_admin');
  b.grant(gina, 'user_admin', { group: 'ServiceNow Admins' });
  b.grant(ian, 'itil');
  b.grant(helen, 'itil');
  b.grant(bob, 'itil', { group: 'Service Desk' });

  b.catalogProperties({
    overrides: acmeNonCompliantProperties,
    absent: (index) => index % 4 === 3,
    extras: {
      instance_name: 'acme',
      'glide.product.description': 'Acme Corporation',
      'glide.authenticate.multisso.enabled': 'true',
      'glide.authentication.external.disable_local_login': 'false',
    },
  });

  b.plugin('com.glide.high_security', 'High Security Settings', true);
  b.plugin('com.glide.role_management', 'Contextual Security: Role Management', true);
  b.plugin('com.snc.ipauthenticator', 'IP Address Access Control', false);
  b.plugin('com.glide.security.audit', 'Security Audit', false);
  b.plugin('com.glide.email_filter', 'Email Filters', false);
  b.plugin('com.snc.snc_access_control', 'SNC Access Control', false);
  b.plugin('com.snc.system_security', 'Security Jump Start (ACL Rules)', true);
  b.plugin('com.glide.limit.concurrent.sessions', 'Limit Concurrent Sessions', false);
  b.plugin('com.snc.integration.sso.multi', 'Integration - Multiple Provider Single Sign-On Installer', true);
  b.plugin('com.snc.integration.sso.saml2.update1', 'Integration - SAML 2.0 Update 1', true);
  b.plugin('com.snc.incident', 'Incident Management', true);
  b.plugin('com.glide.ui.ui16', 'UI16', true);

  b.add('ip_access', { type: 'allow', direction: 'inbound', active: 'false', range_start: '0.0.0.0', range_end: '255.255.255.255', description: 'Allow everyone (disabled during migration)' });
  b.scriptActions({ lockout: false, lockoutWithAutoUnlock: false });
  b.add('multi_factor_criteria', { name: 'Admins require MFA', active: 'false', role: b.role('admin').sys_id as string });

  // Third-party OAuth clients. The risky path: Ticket Sync Connector, created by hand in the global scope, acts with
  // useraccount as svc.integration, which holds admin and oauth_admin; Legacy Reporting Connector's year-long refresh
  // token of the same account has not been used for 120 days. svc.integration is the choke point (4 of 7 paths).
  const legacy = b.oauth('Legacy Reporting Connector', { access: 86_400, refresh: 31_536_000, redirect: 'http://reports.acme.example/oauth/callback', updatedDays: 700, createdBy: 'erin.evans', createdDays: 900 });
  const slack = b.oauth('Slack Integration', { access: 1800, refresh: 8_640_000, redirect: 'https://slack.com/oauth/servicenow/callback', scope: b.appScope('x_slack_servicenow', 'Slack for ServiceNow', 'Slack Technologies') });
  const mobile = b.oauth('ServiceNow Mobile', { access: 1800, refresh: 8_640_000, redirect: 'https://acme.service-now.com/mobile/callback', createdBy: 'system', createdDays: 1200 });
  b.oauth('Okta SSO', { type: 'oauth_provider', access: 1800, refresh: 8_640_000, redirect: 'https://acme.okta.com/oauth2/v1/authorize/callback' });
  const ticketSync = b.oauth('Ticket Sync Connector', { access: 1800, refresh: 8_640_000, redirect: 'https://tickets.partner.example/oauth/callback', createdBy: 'bob.builder', createdDays: 45, updatedDays: 45 });
  b.oauthScope(ticketSync, 'useraccount');
  b.oauthScope(slack, 'useraccount');
  b.token(ticketSync, svc, { issuedDays: 2, expiresInDays: 98 });
  b.token(ticketSync, svc, { type: 'access_token', issuedDays: 0.01, expiresInDays: 0.01 });
  b.token(legacy, svc, { issuedDays: 120, expiresInDays: 245 });
  b.token(slack, ian, { issuedDays: 3, expiresInDays: 97 });
  b.token(slack, reporting, { issuedDays: 1, expiresInDays: 99 });
  b.token(mobile, helen, { issuedDays: 4, expiresInDays: 96 });
  b.token(mobile, dan, { issuedDays: 6, expiresInDays: 94 });
  b.token(mobile, ian, { issuedDays: 1, expiresInDays: 99 });
  // Expired tokens stay in the table until ServiceNow's cleanup job removes them; a scan reads live ones only.
  b.token(mobile, erin, { issuedDays: 210, expiresInDays: -110 });

  b.certificate('Acme SAML Signing', 'key_store', 353, 12);
  b.certificate('Legacy MID Server', 'trust_store_cert', 370, -5);
  b.certificate('Acme Root CA', 'trust_store_cert', 30, 730);

  for (const page of [...defaultPublicPages, 'x_acme_export_data', 'sys_attachment']) b.add('sys_public', { page, active: 'true' });
  b.add('sys_public', { page: 'x_acme_old_survey', active: 'false' });
  b.add('saml2_update1_properties', { name: 'Okta SSO', active: 'true' });

  return b.build({
    displayName: 'Acme Corporation',
    admin: { userName: admin.user_name as string, password: 'Acme-Admin-1!' },
    nonAdmin: { userName: ian.user_name as string, password: 'Acme-Itil-1!' },
    excludedPasswordCount: 1200,
  });
}
