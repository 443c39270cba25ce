import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateServiceNow, malformedFor } from '../fixtures/evaluate';
import { goodRoster, grants, snDate, snUser, table, userSpec, users, type UserSpec } from '../fixtures/payloads';
import { privilegedControls } from './privileged';

const control = (id: string): Control => privilegedControls.find((c) => c.id === id)!;
const roster = (extra: Array<[UserSpec, string[]]>, total?: number) => {
  const rows = grants([...goodRoster, ...extra]);
  return { privilegedGrants: table(rows, total ?? rows.length) };
};
const many = (prefix: string, n: number, roles: string[], overrides: Partial<UserSpec> = {}): Array<[UserSpec, string[]]> =>
  Array.from({ length: n }, (_, i) => [userSpec(`${prefix} ${String.fromCharCode(65 + i)}`, overrides), roles]);

describe('SN.PRIV.1v1 admin holders', () => {
  const c = control('SN.PRIV.1v1');

  it('is compliant with 3 admins, naming them and how the role reaches them', () => {
    const verdict = evaluateServiceNow(c);
    expect(verdict).toMatchObject({ status: 'compliant', actual: 3 });
    expect(verdict.reason).toContain('2 direct, 1 only inherited');
    expect(verdict.reason).toContain('Alan Turing (alan.turing)');
    expect(verdict.affected.find((a) => a.name === 'Alan Turing (alan.turing)')?.detail).toContain('admin: inherited through a group or role');
  });

  it('gives credit 5 ÷ holders above the limit, counting a user with direct and inherited grants once', () => {
    const extra = many('Extra Admin', 7, ['admin', '~admin']);
    const verdict = evaluateServiceNow(c, roster(extra));
    expect(verdict.status).toBe('partial');
    expect(verdict.actual).toBe(10);
    expect(verdict.fraction).toBeCloseTo(0.5);
    expect(verdict.affectedTotal).toBe(10);
    expect(verdict.affected.find((a) => a.name === 'Extra Admin A (extra.admin.a)')?.detail).toContain('direct and inherited');
    expect(verdict.reason).toMatch(/^10 active users hold admin, more than 5/);
  });

  it('does not count inactive admins', () => {
    const verdict = evaluateServiceNow(c, roster(many('Gone Admin', 4, ['admin'], { active: 'false' })));
    expect(verdict).toMatchObject({ status: 'compliant', actual: 3 });
  });

  it('is unknown when grants were left unread and the count read is within the limit', () => {
    const verdict = evaluateServiceNow(c, roster([], 12_000));
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('of 12,000 role grants were not read');
  });

  it('stays partial when the grants read already exceed the limit, noting the unread ones', () => {
    const verdict = evaluateServiceNow(c, roster(many('Extra Admin', 5, ['admin']), 12_000));
    expect(verdict.status).toBe('partial');
    expect(verdict.reason).toContain('8 or more active users');
    expect(verdict.notes[0]).toContain('were not read');
  });

  it('is unknown when no admin is returned at all (an ACL hid the grants)', () => {
    const verdict = evaluateServiceNow(c, { privilegedGrants: table(grants([[users.katherine, ['security_admin']]])) });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('access control');
  });

  it('keeps hostile names as plain text', () => {
    const hostile = userSpec('x', { name: '<img src=x onerror=alert(1)>\u202Egnp.exe', user_name: 'evil' });
    const verdict = evaluateServiceNow(c, roster([[hostile, ['admin']], ...many('Extra Admin', 2, ['admin'])]));
    expect(verdict.status).toBe('partial');
    expect(verdict.reason).toContain('<img src=x onerror=alert(1)>\u202Egnp.exe (evil)');
    expect(verdict.affected.map((a) => a.name)).toContain('<img src=x onerror=alert(1)>\u202Egnp.exe (evil)');
  });
});

describe('SN.PRIV.2v1 security_admin holders', () => {
  const c = control('SN.PRIV.2v1');

  it('gives 3 ÷ 4 credit for four holders and names them', () => {
    const verdict = evaluateServiceNow(c, roster(many('Sec', 2, ['security_admin'])));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(0.75);
    expect(verdict.reason).toContain('Katherine Johnson (katherine.johnson)');
  });

  it('is compliant when nobody holds it', () => {
    const verdict = evaluateServiceNow(c, { privilegedGrants: table(grants([[users.grace, ['admin']]])) });
    expect(verdict).toMatchObject({ status: 'compliant', reason: 'No active user holds security_admin.' });
  });
});

describe('SN.PRIV.3v1 impersonators', () => {
  const c = control('SN.PRIV.3v1');

  it('lists impersonators who are not admins, with credit for the admin share', () => {
    const helpdesk = userSpec('Henry Helpdesk');
    const verdict = evaluateServiceNow(c, roster([[helpdesk, ['impersonator', 'user_admin']]]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(0.5);
    expect(verdict.reason).toBe('1 of 2 active impersonators is not admin: Henry Helpdesk (henry.helpdesk).');
    expect(verdict.affected).toEqual([expect.objectContaining({ id: helpdesk.sys_id, detail: expect.stringContaining('impersonator: direct') })]);
  });

  it('names the admin impersonator when compliant', () => {
    expect(evaluateServiceNow(c)).toMatchObject({ status: 'compliant', reason: 'The only active impersonator, Ada Lovelace (ada.lovelace), is an admin.' });
  });

  it('is unknown when grants were left unread', () => {
    expect(evaluateServiceNow(c, roster([], 20_000)).status).toBe('unknown');
  });
});

describe('SN.PRIV.4v1 oauth_admin holders', () => {
  const c = control('SN.PRIV.4v1');

  it('is partial above three holders', () => {
    const verdict = evaluateServiceNow(c, roster(many('OAuth Person', 5, ['oauth_admin'])));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(0.5);
    expect(verdict.affected).toHaveLength(6);
  });
});

describe('SN.PRIV.5v1 roles on inactive or locked-out accounts', () => {
  const c = control('SN.PRIV.5v1');

  it('lists inactive and locked-out privileged accounts with their roles', () => {
    const leaver = userSpec('Larry Leaver', { active: 'false' });
    const locked = userSpec('Lucy Locked', { locked_out: 'true' });
    const verdict = evaluateServiceNow(c, roster([[leaver, ['admin']], [locked, ['~security_admin']]]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(4 / 6);
    expect(verdict.reason).toContain('Larry Leaver (larry.leaver) (inactive; admin)');
    expect(verdict.reason).toContain('Lucy Locked (lucy.locked) (locked out; security_admin)');
    expect(Object.fromEntries(verdict.affected.map((a) => [a.name, a.detail]))).toEqual({
      'Larry Leaver (larry.leaver)': 'inactive · admin (direct)',
      'Lucy Locked (lucy.locked)': 'locked out · security_admin (inherited through a group or role)',
    });
  });

  it('is unknown when grants were left unread', () => {
    expect(evaluateServiceNow(c, roster([], 20_000)).status).toBe('unknown');
  });
});

describe('SN.PRIV.6v1 dormant privileged users', () => {
  const c = control('SN.PRIV.6v1');

  it('measures from the scan time: 91 days and never are stale, 90 days is not', () => {
    const old = userSpec('Olga Old', { last_login_time: snDate(91) });
    const never = userSpec('Nick Never', { last_login_time: '' });
    const edge = userSpec('Eddie Edge', { last_login_time: snDate(90) });
    const verdict = evaluateServiceNow(c, roster([[old, ['admin']], [never, ['oauth_admin']], [edge, ['user_admin']]]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(5 / 7);
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([
      ['Olga Old (olga.old)', expect.stringContaining('(91 days ago)')],
      ['Nick Never (nick.never)', expect.stringContaining('never logged in')],
    ]);
    expect(verdict.reason).toContain(`Olga Old (olga.old) (last login ${snDate(91).slice(0, 10)})`);
  });

  it('ignores inactive accounts (SN.PRIV.5v1 covers them)', () => {
    const verdict = evaluateServiceNow(c, roster([[userSpec('Gone', { active: 'false', last_login_time: '' }), ['admin']]]));
    expect(verdict.status).toBe('compliant');
  });
});

describe('SN.PRIV.7v1 privileged service accounts', () => {
  const c = control('SN.PRIV.7v1');

  it('is an error, never compliant, when the grants lack the web-service-only field', () => {
    const rows = grants([...goodRoster, [userSpec('Svc Workday', { web_service_access_only: 'true' }), ['admin']]]).map(({ 'user.web_service_access_only': _dropped, ...row }) => row);
    const verdict = evaluateServiceNow(c, { privilegedGrants: table(rows, rows.length) });
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toContain('user.web_service_access_only');
  });

  it('flags web-service-only and integration accounts holding privileged roles', () => {
    const svc = userSpec('Svc Workday', { web_service_access_only: 'true' });
    const integration = userSpec('Int Jira');
    const verdict = evaluateServiceNow(c, {
      ...roster([[svc, ['admin']], [integration, ['~security_admin']]]),
      interactiveIntegrationUsers: table([snUser('Int Jira', { sys_id: integration.sys_id, user_name: integration.user_name })]),
    });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('2 service accounts have privileged roles: Svc Workday (svc.workday) (admin) and Int Jira (int.jira) (security_admin).');
    expect(verdict.affected.map((a) => a.detail)).toEqual([
      'web service access only · admin (direct)',
      'internal integration user · security_admin (inherited through a group or role)',
    ]);
  });

  it('is unknown when integration users were left unread', () => {
    const verdict = evaluateServiceNow(c, { interactiveIntegrationUsers: table([snUser('Some Svc')], 450) });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('449 of 450 interactive integration users were not read');
  });
});

describe('privileged controls on malformed data', () => {
  it.each(privilegedControls.map((c) => [c.id, c] as const))('%s is an error when its source cannot be parsed', (_id, c) => {
    expect(evaluateServiceNow(c, malformedFor(c)).status).toBe('error');
  });
});
