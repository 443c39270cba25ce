import { bidiControls, emoji, formulas, isolateBreakout, javascriptUrl, longName, markup, rtlOverride, zeroWidth } from '../shared/hostile';
import { acmeInstance } from './instance-acme';
import type { ServiceNowInstanceSeed, SnRecord } from './seed';

/**
 * Evil Corp (`evil.service-now.com`): Acme's misconfigured instance with the names an admin can type (users, groups,
 * OAuth applications and their redirect URLs, certificates, IP rules, public pages, MFA criteria, identity
 * providers, the instance description) replaced by hostile strings (../shared/hostile.ts). Credentials as Acme's.
 */
export function evilInstance(now = Date.now()): ServiceNowInstanceSeed {
  const seed = acmeInstance(now);
  const displayName = `${formulas.at} ${rtlOverride} Evil Corp`;
  seed.name = 'evil';
  seed.displayName = displayName;
  const rows = (table: string) => seed.tables[table] ?? [];
  const patch = (table: string, field: string, value: string, changes: SnRecord) => {
    for (const row of rows(table)) if (row[field] === value) Object.assign(row, changes);
  };

  patch('sys_properties', 'name', 'instance_name', { value: 'evil' });
  patch('sys_properties', 'name', 'glide.product.description', { value: displayName });
  // Admins without MFA, the stale and never-signed-in admins, the stale users and a non-admin impersonator.
  const users: Record<string, string> = {
    'bob.builder': markup.img,
    'svc.integration': markup.script,
    'erin.evans': rtlOverride,
    'frank.fox': longName,
    'olga.old': isolateBreakout,
    'pete.past': formulas.hyperlink,
    'helen.help': emoji,
    'gina.green': zeroWidth,
    'carol.chen': bidiControls,
  };
  for (const [userName, name] of Object.entries(users)) patch('sys_user', 'user_name', userName, { name });
  patch('sys_user_group', 'name', 'ServiceNow Admins', { name: markup.svg });

  patch('oauth_entity', 'name', 'Legacy Reporting Connector', { name: `${markup.img} Reporting`, redirect_url: javascriptUrl });
  patch('oauth_entity', 'name', 'Ticket Sync Connector', { name: `${markup.script} Ticket Sync ${rtlOverride}`, sys_created_by: markup.img });
  patch('oauth_entity', 'name', 'Slack Integration', { name: longName, redirect_url: `http://slack.evil.example/${markup.svg}` });
  patch('sys_certificate', 'name', 'Acme SAML Signing', { name: markup.script });
  patch('sys_certificate', 'name', 'Legacy MID Server', { name: `${rtlOverride} MID` });
  patch('ip_access', 'description', 'Allow everyone (disabled during migration)', { description: `${longName} ${markup.img}` });
  patch('sys_public', 'page', 'x_acme_export_data', { page: `${markup.svg}export` });
  patch('multi_factor_criteria', 'name', 'Admins require MFA', { name: formulas.minus });
  patch('saml2_update1_properties', 'name', 'Okta SSO', { name: `${isolateBreakout} SSO` });
  return seed;
}
