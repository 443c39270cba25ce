import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { adminSources, adminSpec, evaluateOkta } from '../fixtures/hygiene';
import { apiToken, daysAgo, ids } from '../fixtures/payloads';
import { hygieneTokenControls } from './hygiene-tokens';

const control = (id: string): Control => hygieneTokenControls.find((c) => c.id === id)!;

describe('OKTA.TOKEN.1v1 token age', () => {
  const c = control('OKTA.TOKEN.1v1');

  it('names tokens older than 90 days with their age, measured from the scan time', () => {
    const tokens = [
      apiToken(),
      apiToken({ id: '00T1oldSyncToken0h7', name: 'Legacy AD sync', created: daysAgo(400) }),
      apiToken({ id: '00T1edgeToken0000h7', name: 'Edge', created: daysAgo(90) }),
    ];
    const verdict = evaluateOkta(c, { apiTokens: tokens });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(2 / 3);
    expect(verdict.affected).toEqual([expect.objectContaining({ name: 'Legacy AD sync', detail: expect.stringContaining('400 days old') })]);
    expect(verdict.reason).toContain('Legacy AD sync (400 days old)');
  });

  it('is compliant with a reason when the org has no tokens', () => {
    const verdict = evaluateOkta(c, { apiTokens: [] });
    expect(verdict).toMatchObject({ status: 'compliant', reason: 'The org has no active API tokens.' });
  });
});

describe('OKTA.TOKEN.2v1 orphaned tokens', () => {
  const c = control('OKTA.TOKEN.2v1');

  it('names tokens whose owner is deactivated or no longer an admin', () => {
    const admins = [
      adminSpec('Ann One'),
      adminSpec('Ben Two', { status: 'SUSPENDED' }),
      adminSpec('Cat Three', { roles: [] }),
    ];
    const tokens = [
      apiToken({ id: '00T1a', name: 'Ann token', userId: admins[0]!.id }),
      apiToken({ id: '00T1b', name: 'Ben token', userId: admins[1]!.id }),
      apiToken({ id: '00T1c', name: 'Cat token', userId: admins[2]!.id }),
      apiToken({ id: '00T1d', name: 'Former admin token', userId: '00u1formerAdmin0h7' }),
    ];
    const verdict = evaluateOkta(c, { ...adminSources(admins), apiTokens: tokens });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(1 / 4);
    expect(Object.fromEntries(verdict.affected.map((a) => [a.name, a.detail]))).toEqual({
      'Ben token': expect.stringContaining('owner Ben Two (Super Administrator) · owner is suspended'),
      'Cat token': expect.stringContaining('owner holds no active admin role'),
      'Former admin token': expect.stringContaining('owner 00u1formerAdmin0h7 · owner holds no admin role'),
    });
  });

  it('names the owner when compliant', () => {
    const verdict = evaluateOkta(c);
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toContain('HR Provisioning');
    expect(ids.serviceAccount).toBeDefined();
  });
});

describe('OKTA.TOKEN.3v1 idle-expiry window', () => {
  const c = control('OKTA.TOKEN.3v1');

  it('names tokens with a long, missing or unreadable window', () => {
    const tokens = [
      apiToken(),
      apiToken({ id: '00T1long', name: 'Long window', tokenWindow: 'P180D' }),
      apiToken({ id: '00T1none', name: 'No window', tokenWindow: undefined }),
      apiToken({ id: '00T1bad', name: 'Odd window', tokenWindow: 'forever' }),
      apiToken({ id: '00T1short', name: 'Short window', tokenWindow: 'PT5M' }),
    ];
    const verdict = evaluateOkta(c, { apiTokens: tokens });
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(2 / 5);
    expect(verdict.affected.map((a) => [a.name, a.detail])).toEqual([
      ['Long window', expect.stringContaining('expires after 180 days idle (P180D)')],
      ['No window', expect.stringContaining('no idle-expiry window reported')],
      ['Odd window', expect.stringContaining('"forever" unreadable')],
    ]);
  });
});
