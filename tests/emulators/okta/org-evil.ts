import { bidiControls, emoji, formulas, isolateBreakout, javascriptUrl, longName, markup, rtlOverride, zeroWidth } from '../shared/hostile';
import { acmeOrg } from './org-acme';
import { type Json, oktaId, type OktaOrgSeed } from './seed';

/**
 * Evil Corp (`evil.okta.com`, console `evil-admin.okta.com`): Acme's misconfigured org with the names an admin can
 * type (users, apps, policies, rules, zones, API tokens, trusted origins, identity providers, hooks) replaced by
 * hostile strings (../shared/hostile.ts). Credentials as Acme's (alice.admin@acme.example / Acme-Admin-1!).
 */
export function evilOrg(): OktaOrgSeed {
  const seed = acmeOrg();
  seed.name = 'evil';
  seed.orgId = oktaId('00o', 'evil');
  seed.companyName = `${formulas.plus} ${markup.svg} Evil Corp`;

  const people: Record<string, [string, string]> = {
    'bob.builder@acme.example': [markup.img, 'Builder'],
    'carol.chen@acme.example': [rtlOverride, 'Chen'],
    'frank.fox@acme.example': [markup.script, 'Fox'],
    'ivan.idle@acme.example': ['Ivan', longName],
    'julia.jones@acme.example': [isolateBreakout, 'Jones'],
    'ken.kim@acme.example': [formulas.at, 'Kim'],
    'erin.evans@acme.example': [emoji, 'Evans'],
    'dan.diaz@acme.example': [zeroWidth, 'Diaz'],
  };
  for (const user of seed.users) {
    const names = people[user.login];
    if (names) [user.firstName, user.lastName] = names;
  }

  const renamed: Record<string, string> = {
    Contractors: markup.img,
    'Everyone - stay signed in': rtlOverride,
    'Admins - password only': `${markup.svg} Admins`,
    'Acme HQ': longName,
    Terraform: formulas.hyperlink,
    'SIEM export': formulas.minus,
    'Partner SSO': `${isolateBreakout} SSO`,
    'Legacy provisioning hook': markup.script,
    'Acme dev sites': bidiControls,
    'Legacy intranet': emoji,
  };
  const rename = (item: Json) => {
    if (typeof item.name === 'string' && renamed[item.name]) item.name = renamed[item.name];
  };
  for (const policy of seed.policies) {
    rename(policy);
    for (const rule of policy.rules ?? []) rename(rule);
  }
  for (const list of [seed.zones, seed.apiTokens, seed.idps, seed.eventHooks, seed.trustedOrigins]) list.forEach(rename);
  for (const app of seed.apps) {
    if (app.label === 'Slack') app.label = `${markup.img} Slack`;
    if (app.label === 'Acme Portal') app.label = longName;
    if (app.label === 'Quick Sync Bot') app.label = `${markup.script} Quick Sync Bot`;
    if (app.label === 'Travel Desk') app.label = `${rtlOverride} Travel Desk`;
  }
  for (const integration of seed.apiServices ?? []) integration.name = `${formulas.hyperlink} ${integration.name}`;
  const intranet = seed.trustedOrigins.find((origin) => origin.origin === 'http://intranet.acme.example');
  if (intranet) intranet.origin = javascriptUrl;
  const hook = seed.eventHooks[0];
  if (hook) hook.channel.config.uri = `http://hooks.evil.example/${markup.svg}`;
  return seed;
}
