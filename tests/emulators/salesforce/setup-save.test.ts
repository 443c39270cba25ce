import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from './index';
import { call, signIn } from './test-client';

let emulator: SalesforceEmulator;
beforeAll(async () => {
  emulator = await startSalesforceEmulator();
});
afterAll(() => emulator.close());

/** Submits a classic settings page as the browser would, with `change(label, form)` applied to its current values. */
async function save(myDomain: string, path: string, change: (idOf: (label: string) => string, form: URLSearchParams) => void) {
  const { org, apiSid } = await signIn(emulator, myDomain);
  const headers = { Cookie: `sid=${apiSid}` };
  const page = await call(emulator, `https://${org.apiHost}${path}`, { headers });
  const form = new URLSearchParams();
  form.set('_CONFIRMATIONTOKEN', /name="_CONFIRMATIONTOKEN" value="([^"]+)"/.exec(page.body)?.[1] as string);
  for (const match of page.body.matchAll(/<select id="([^"]+)"[^>]*>(.*?)<\/select>/g)) form.set(match[1] as string, /value="(\w+)" selected/.exec(match[2] as string)?.[1] as string);
  for (const match of page.body.matchAll(/<input type="checkbox" id="([^"]+)"[^>]*checked/g)) form.set(match[1] as string, '1');
  const idOf = (label: string) => {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, '&#39;');
    const id = new RegExp(`<label for="([^"]+)">${escaped}</label>`).exec(page.body)?.[1];
    if (!id) throw new Error(`no label ${label} on ${path}`);
    return id;
  };
  change(idOf, form);
  const saved = await call(emulator, `https://${org.apiHost}${path}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  expect(saved.status).toBe(302);
  return { after: await call(emulator, `https://${org.apiHost}${String(saved.headers.location)}`, { headers }), state: emulator.org(myDomain) };
}

describe('Setup pages save', () => {
  it('Identity Verification: requires MFA for direct UI logins', async () => {
    const { after, state } = await save('acme', '/_ui/identity/verification/IdentityVerificationSettingsUi', (id, form) => {
      form.set(id('Require multi-factor authentication (MFA) for all direct UI logins to your Salesforce org'), '1');
      form.set(id('Let users verify their identity by text (SMS)'), '1');
    });
    expect(after.body).toContain('Your settings have been saved.');
    expect(state.seed.securitySettings.sessionSettings.enableMFADirectUILoginOptIn).toBe(true);
    expect(state.seed.securitySettings.sessionSettings.enableSMSIdentity).toBe(true);
    expect(state.rows('SetupAuditTrail').slice(-2).map((row) => [row.Section, row.Display])).toEqual([
      ['Identity Verification', 'Changed Require multi-factor authentication (MFA) for all direct UI logins to your Salesforce org'],
      ['Identity Verification', 'Changed Let users verify their identity by text (SMS)'],
    ]);
  });

  it('Single Sign-On Settings: disables login with Salesforce credentials', async () => {
    const { state } = await save('acme', '/_ui/identity/saml/SingleSignOnSettingsUi/d', (id, form) => form.set(id('Disable login with Salesforce credentials'), '1'));
    expect(state.seed.securitySettings.singleSignOnSettings.isLoginWithSalesforceCredentialsDisabled).toBe(true);
  });

  it('Login Access Policies: "Available to Administrators Only" turns canUsersGrantLoginAccess off', async () => {
    const { state } = await save('acme', '/partnerbt/loginAccessPolicies.apexp', (id, form) => {
      form.delete(id('Administrators Can Log in as Any User'));
      form.set(id('Available to Administrators Only'), '1');
    });
    expect(state.seed.securitySettings.enableAdminLoginAsAnyUser).toBe(false);
    expect(state.seed.securitySettings.canUsersGrantLoginAccess).toBe(false);
  });

  it('Session Settings: top-level settings (TLS 1.2) save too', async () => {
    const { state } = await save('acme', '/_ui/system/security/SessionSettings', (id, form) => form.set(id('Require TLS 1.2 for HTTPS connections'), '1'));
    expect(state.seed.securitySettings.isTLSv12Required).toBe(true);
    expect(state.seed.securitySettings.sessionSettings.lockSessionsToDomain).toBe(true); // unchanged
  });

  it('API Access Control saves where Support has enabled it, and is read-only elsewhere', async () => {
    const { state } = await save('globex', '/_ui/core/connectedapp/ApiAccessControlSettings', (id, form) => form.delete(id('For admin-approved users, limit API access to only allowed connected apps')));
    expect(state.seed.connectedAppSettings.enableAdminApprovedAppsOnly).toBe(false);
    const { org, apiSid } = await signIn(emulator, 'acme');
    const page = await call(emulator, `https://${org.apiHost}/_ui/core/connectedapp/ApiAccessControlSettings`, { headers: { Cookie: `sid=${apiSid}` } });
    expect(page.body).toContain("API Access Control isn't enabled for your org");
    expect(page.body).toMatch(/<input type="checkbox" disabled="disabled" id="[^"]+"/);
    expect(page.body).not.toContain('<form');
  });

  it('Company Information is the org record page inside the Setup iframe', async () => {
    const { org, lightningSid } = await signIn(emulator, 'globex');
    const shell = await call(emulator, `https://${org.lightningHost}/lightning/setup/CompanyProfileInfo/home`, { headers: { Cookie: `sid=${lightningSid}` } });
    const src = (/<iframe[^>]*\bsrc="([^"]+)"/.exec(shell.body)?.[1] as string).replace(/&amp;/g, '&');
    expect(new URL(src).pathname).toBe(`/${org.orgId.slice(0, 15)}`);
    const page = await call(emulator, src);
    expect(page.body).toContain('<h2 class="pageDescription">Company Information</h2>');
  });
});
