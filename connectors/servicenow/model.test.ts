import { describe, expect, it } from 'vitest';
import { parseServiceNowSources } from './model';

const table = (rows: unknown[]) => ({ ok: true as const, data: { result: rows, total: rows.length }, truncated: false });
const count = (value: unknown) => ({ ok: true as const, data: { result: { stats: { count: value } } }, truncated: false });

const grant = {
  sys_id: 'g1',
  'role.name': 'admin',
  inherited: 'false',
  'user.sys_id': 'u1',
  'user.user_name': 'ada',
  'user.name': 'Ada Byron',
  'user.active': 'true',
  'user.locked_out': 'false',
  'user.last_login_time': '2026-04-01 10:00:00',
  'user.web_service_access_only': 'false',
};
const oauthEntity = {
  sys_id: 'o1',
  name: 'Reporting',
  type: 'client',
  active: 'true',
  access_token_lifespan: '86400',
  refresh_token_lifespan: '',
  redirect_url: 'https://reports.example/callback',
  sys_updated_on: '',
  sys_created_on: '2025-01-10 09:00:00',
  sys_created_by: 'admin',
  'sys_scope.scope': 'global',
  'sys_scope.name': 'Global',
};

describe('ServiceNow counts', () => {
  it('reads a count sent as text or as a number', () => {
    expect(parseServiceNowSources({ activeUserCount: count('1,049') }).activeUserCount).toMatchObject({ ok: true, value: 1049 });
    expect(parseServiceNowSources({ activeUserCount: count(49) }).activeUserCount).toMatchObject({ ok: true, value: 49 });
  });

  it.each(['-1', -1, '0.5', 0.5, '2147483648', '99999999999999999999', 1e308, '1e3'])('rejects %j, which counts nothing, instead of comparing with it', (value) => {
    const parsed = parseServiceNowSources({ activeUserCount: count(value) }).activeUserCount;
    expect(parsed).toMatchObject({ ok: false, kind: 'malformed' });
    expect(parsed?.ok === false && parsed.reason).toContain('is not a whole number of zero or more');
  });

  it('rejects a token lifespan that is no duration', () => {
    expect(parseServiceNowSources({ oauthEntities: table([oauthEntity]) }).oauthEntities?.ok).toBe(true);
    expect(parseServiceNowSources({ oauthEntities: table([{ ...oauthEntity, access_token_lifespan: '-86400' }]) }).oauthEntities?.ok).toBe(false);
  });
});

describe('ServiceNow rows hold every field the source asks for', () => {
  it.each(['type', 'access_token_lifespan', 'redirect_url', 'sys_created_by', 'sys_scope.scope'])('an OAuth entity without %s is not the answer asked for', (field) => {
    const { [field]: _dropped, ...row } = oauthEntity as Record<string, string>;
    const parsed = parseServiceNowSources({ oauthEntities: table([row]) }).oauthEntities;
    expect(parsed).toMatchObject({ ok: false });
    expect(parsed?.ok === false && parsed.reason).toContain(field);
  });

  it('an OAuth entity read on a release without the OAuth Application User field runs as nobody known', () => {
    const parsed = parseServiceNowSources({ oauthEntities: table([oauthEntity]) }).oauthEntities;
    expect(parsed?.ok && (parsed.value as { result: Array<{ user?: string }> }).result[0]!.user).toBeUndefined();
  });

  it('an empty field is read as not set, a missing one is not', () => {
    const parsed = parseServiceNowSources({ oauthEntities: table([oauthEntity]) }).oauthEntities;
    expect(parsed?.ok && (parsed.value as { result: Array<{ refresh_token_lifespan: unknown }> }).result[0]!.refresh_token_lifespan).toBeNull();
  });

  it('a role grant without its inherited flag or last login is rejected, not read as direct or never logged in', () => {
    for (const field of ['inherited', 'user.last_login_time', 'user.locked_out']) {
      const { [field]: _dropped, ...row } = grant as Record<string, string>;
      expect(parseServiceNowSources({ privilegedGrants: table([row]) }).privilegedGrants?.ok).toBe(false);
    }
  });

  it('a grant of a role the source did not ask for is no answer to its query', () => {
    expect(parseServiceNowSources({ privilegedGrants: table([grant]) }).privilegedGrants?.ok).toBe(true);
    const parsed = parseServiceNowSources({ privilegedGrants: table([{ ...grant, 'role.name': 'admn' }]) }).privilegedGrants;
    expect(parsed).toMatchObject({ ok: false });
    expect(parsed?.ok === false && parsed.reason).toContain('role.name');
  });

  it('the MFA flag stays optional: instances without the MFA plugin have no such column', () => {
    expect(parseServiceNowSources({ privilegedGrants: table([grant]) }).privilegedGrants?.ok).toBe(true);
  });
});

describe('ServiceNow system properties', () => {
  const read = (names: string[]) => ({ ok: true as const, truncated: false, data: { result: names.map((name) => ({ name, value: 'true' })), total: names.length, requested: ['glide.ui.forgetme'] } });

  it('reads the properties the scan asked for', () => {
    expect(parseServiceNowSources({ properties: read(['glide.ui.forgetme']) }).properties?.ok).toBe(true);
  });

  it('rejects a row naming a property the scan did not ask for, which would leave the one asked for looking absent', () => {
    const parsed = parseServiceNowSources({ properties: read(['glide.ui.\u202eforgetme']) }).properties;
    expect(parsed).toMatchObject({ ok: false });
    expect(parsed?.ok === false && parsed.reason).toContain('is not a property the scan asked for');
  });
});
