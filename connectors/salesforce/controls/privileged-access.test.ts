import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Control } from '@/utils/controls';
import {
  daysAgo,
  evaluateRaw,
  grantors,
  malformedSources,
  people,
  permissionSetRecord,
  privilegedAssignment,
  queryResult,
  scanTime,
  type RawSources,
} from '../fixtures/org-data';
import { setupPages } from '../pages';
import { privilegedAccessControls } from './privileged-access';

const control = (id: string): Control => privilegedAccessControls.find((candidate) => candidate.id === id)!;
const assignments = (...rows: Array<Record<string, unknown>>) => ({
  privilegedAssignments: queryResult('PermissionSetAssignment', rows),
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(scanTime));
});
afterEach(() => vi.useRealTimers());

describe('privileged access catalog', () => {
  it('has the expected ids, metrics and remediation pages', () => {
    expect(privilegedAccessControls.map((c) => c.id)).toEqual([
      'SF.PRIV.1v1',
      'SF.PRIV.2v1',
      'SF.PRIV.3v1',
      'SF.PRIV.4v1',
      'SF.PRIV.5v1',
      'SF.PRIV.6v1',
      'SF.PRIV.7v1',
    ]);
    for (const c of privilegedAccessControls) {
      expect(c.metric).toBe('privileged-access');
      for (const step of c.remediation.steps) expect(Object.keys(setupPages)).toContain(step.page);
      expect(c.remediation.steps.at(-1)!.text).toMatch(/Verify in Posture Lens$/);
    }
  });

  it.each(privilegedAccessControls.map((c) => [c.id, c] as const))('%s is an error when its sources are malformed', (_id, c) => {
    const raw: RawSources = Object.fromEntries(c.sources.map((source) => [source, malformedSources[source as keyof typeof malformedSources]]));
    const verdict = evaluateRaw(c, raw);
    expect(verdict.status).toBe('error');
    expect(verdict.reason).toMatch(/cannot read/);
  });
});

describe('SF.PRIV.1v1 Modify All Data holders', () => {
  const mad = control('SF.PRIV.1v1');

  it('passes with five holders and names them', () => {
    const five = [people.ada, people.alan, people.grace, people.katherine, people.linus];
    const verdict = evaluateRaw(mad, assignments(...five.map((p) => privilegedAssignment(p, grants.sysAdmin))));
    expect(verdict.status).toBe('compliant');
    expect(verdict.actual).toBe(5);
    expect(verdict.reason).toContain('Ada Byron (ada@acme.com) via System Administrator profile');
  });

  it('gives partial credit past five and lists every holder with how they got it', () => {
    const six = [people.ada, people.alan, people.grace, people.katherine, people.linus];
    const rows = [
      ...six.map((p) => privilegedAssignment(p, grants.sysAdmin)),
      privilegedAssignment(people.margaret, grants.breakGlass),
      privilegedAssignment(people.dennis, grants.dataSteward),
    ];
    const verdict = evaluateRaw(mad, assignments(...rows));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(5 / 6);
    expect(verdict.affectedTotal).toBe(6);
    expect(verdict.affected.map((a) => a.name)).not.toContain('Dennis Ritchie');
    expect(verdict.affected.find((a) => a.name === 'Margaret Hamilton')!.detail).toContain('via Break Glass Admin permission set');
    expect(verdict.reason).toMatch(/^6 active users hold Modify All Data, more than the 5 expected: Ada Byron \(ada@acme.com\) via System Administrator profile/);
  });

  it('counts a user once even when several assignments grant the permission', () => {
    const verdict = evaluateRaw(
      mad,
      assignments(privilegedAssignment(people.ada, grants.sysAdmin), privilegedAssignment(people.ada, grants.breakGlass)),
    );
    expect(verdict.actual).toBe(1);
    expect(verdict.reason).toContain('via System Administrator profile, Break Glass Admin permission set');
  });

  it('is unknown, never compliant, when only the first page was read and the count is under the limit', () => {
    const raw = {
      privilegedAssignments: queryResult('PermissionSetAssignment', [privilegedAssignment(people.ada, grants.sysAdmin)], { totalSize: 2400 }),
    };
    const verdict = evaluateRaw(mad, raw);
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toContain('Only the first 1 of 2400 privileged permission assignments were read');
  });

  it('still fails on a partial page that already exceeds the limit, and says the list is partial', () => {
    const many = Object.values(people).map((p) => privilegedAssignment(p, grants.sysAdmin));
    const raw = { privilegedAssignments: queryResult('PermissionSetAssignment', many, { totalSize: 5000 }) };
    const verdict = evaluateRaw(mad, raw);
    expect(verdict.status).toBe('partial');
    expect(verdict.reason).toContain('the list is partial');
  });
});

describe('SF.PRIV.2v1–5v1 other powerful permissions', () => {
  it('View All Data counts profile and permission set holders together', () => {
    const rows = [
      ...[people.ada, people.alan, people.grace].map((p) => privilegedAssignment(p, grants.sysAdmin)),
      ...[people.katherine, people.linus, people.margaret, people.dennis, people.barbara].map((p) => privilegedAssignment(p, grants.dataSteward)),
      privilegedAssignment(people.integration, grants.salesOps),
    ];
    const verdict = evaluateRaw(control('SF.PRIV.2v1'), assignments(...rows));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(8 / 9);
    expect(verdict.affected).toHaveLength(9);
  });

  it('Author Apex passes when only two developers hold it', () => {
    const verdict = evaluateRaw(
      control('SF.PRIV.3v1'),
      assignments(privilegedAssignment(people.ada, grants.apexDeveloper), privilegedAssignment(people.alan, grants.apexDeveloper), privilegedAssignment(people.grace, grants.dataSteward)),
    );
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('2 active users hold Author Apex: Ada Byron (ada@acme.com) via Apex Developer permission set and Alan Turing (alan@acme.com) via Apex Developer permission set.');
  });

  it('Manage Users passes with nobody holding it', () => {
    const verdict = evaluateRaw(control('SF.PRIV.4v1'), assignments(privilegedAssignment(people.ada, grants.dataSteward)));
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('No active user holds Manage Users.');
  });

  it('Customize Application fails well past its allowance', () => {
    const rows = Array.from({ length: 16 }, (_, index) =>
      privilegedAssignment({ Id: `005Hs0000Dev${String(index).padStart(3, '0')}AAA`, Name: `Developer ${index + 1}`, Username: `dev${index + 1}@acme.com` }, grants.apexDeveloper),
    );
    const verdict = evaluateRaw(control('SF.PRIV.5v1'), assignments(...rows));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(0.5);
    expect(verdict.reason).toContain('Developer 3 (dev3@acme.com) via Apex Developer permission set and 13 more.');
  });
});

describe('SF.PRIV.6v1 dormant privileged users', () => {
  const dormant = control('SF.PRIV.6v1');

  it('passes when every privileged user logged in recently', () => {
    const verdict = evaluateRaw(dormant, assignments(privilegedAssignment(people.ada, grants.sysAdmin, daysAgo(3)), privilegedAssignment(people.alan, grants.dataSteward, daysAgo(89))));
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('All 2 privileged users logged in within the last 90 days.');
  });

  it('gives partial credit and names the dormant and never-used accounts', () => {
    const verdict = evaluateRaw(
      dormant,
      assignments(
        privilegedAssignment(people.ada, grants.sysAdmin, daysAgo(3)),
        privilegedAssignment(people.alan, grants.sysAdmin, daysAgo(120)),
        privilegedAssignment(people.grace, grants.dataSteward, null),
        privilegedAssignment(people.katherine, grants.apexDeveloper, daysAgo(10)),
      ),
    );
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(0.5);
    expect(verdict.reason).toBe('2 of 4 privileged users have not logged in for 90 days: Alan Turing and Grace Hopper.');
    expect(verdict.affected.map((a) => a.detail)).toEqual([
      'alan@acme.com · last login 2025-12-16 · via System Administrator profile',
      'grace@acme.com · never logged in · via Data Steward permission set',
    ]);
  });

  it('fails when the only privileged user is dormant', () => {
    const verdict = evaluateRaw(dormant, assignments(privilegedAssignment(people.ada, grants.sysAdmin, daysAgo(200))));
    expect(verdict.status).toBe('non_compliant');
  });

  it('is unknown when a last login date cannot be read and nobody else is dormant', () => {
    const verdict = evaluateRaw(dormant, assignments(privilegedAssignment(people.ada, grants.sysAdmin, 'yesterday')));
    expect(verdict.status).toBe('unknown');
    expect(verdict.notes.join(' ')).toContain('Ada Byron');
  });
});

describe('SF.PRIV.7v1 Modify All Data through permission sets', () => {
  const sets = control('SF.PRIV.7v1');

  it('passes when only the administrator profile grants it', () => {
    const raw = { permissionSets: queryResult('PermissionSet', [permissionSetRecord(grants.sysAdmin), permissionSetRecord(grants.dataSteward)]) };
    const verdict = evaluateRaw(sets, raw);
    expect(verdict.status).toBe('compliant');
  });

  it('fails and names the permission set with everything it grants', () => {
    const raw = { permissionSets: queryResult('PermissionSet', [permissionSetRecord(grants.sysAdmin), permissionSetRecord(grants.breakGlass)]) };
    const verdict = evaluateRaw(sets, raw);
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('1 permission set grants Modify All Data: Break Glass Admin.');
    expect(verdict.affected).toEqual([
      { id: grants.breakGlass.Id, name: 'Break Glass Admin', kind: 'permissionSet', detail: 'grants Modify All Data, View All Data, Manage Users' },
    ]);
  });

  it('is unknown when the partial list shows none', () => {
    const raw = { permissionSets: queryResult('PermissionSet', [permissionSetRecord(grants.sysAdmin)], { totalSize: 3000 }) };
    expect(evaluateRaw(sets, raw).status).toBe('unknown');
  });
});

const grants = {
  sysAdmin: grantors.systemAdministrator,
  salesOps: grantors.salesOpsProfile,
  dataSteward: grantors.dataSteward,
  breakGlass: grantors.emergencyAdmin,
  apexDeveloper: grantors.apexDeveloper,
};
