import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateRaw, guestAssignment, malformedSources, organization, queryResult, site, type RawSources } from '../fixtures/org-data';
import { setupPages } from '../pages';
import { dataExposureControls } from './data-exposure';

const control = (id: string): Control => dataExposureControls.find((candidate) => candidate.id === id)!;
const org = (overrides: Record<string, unknown> = {}) => ({ organization: queryResult('Organization', [organization(overrides)]) });

describe('data exposure catalog', () => {
  it('has stable ids in the data-exposure metric and known remediation pages', () => {
    expect(dataExposureControls.map((c) => c.id)).toEqual(['SF.DATA.1v1', 'SF.DATA.2v1', 'SF.DATA.3v1']);
    for (const c of dataExposureControls) {
      expect(c.metric).toBe('data-exposure');
      for (const step of c.remediation.steps) expect(Object.keys(setupPages)).toContain(step.page);
    }
  });

  it.each(dataExposureControls.map((c) => [c.id, c] as const))('%s is an error when its sources are malformed', (_id, c) => {
    const raw: RawSources = Object.fromEntries(c.sources.map((source) => [source, malformedSources[source as keyof typeof malformedSources]]));
    expect(evaluateRaw(c, raw).status).toBe('error');
  });
});

describe('SF.DATA.1v1 organization-wide defaults', () => {
  const owd = control('SF.DATA.1v1');

  it('passes with private and read-only defaults', () => {
    const verdict = evaluateRaw(owd, org({ DefaultLeadAccess: 'Read' }));
    expect(verdict.status).toBe('compliant');
  });

  it('gives partial credit over the five objects and names the open ones', () => {
    const verdict = evaluateRaw(owd, org({ DefaultAccountAccess: 'Edit' }));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(3 / 5);
    expect(verdict.reason).toBe('2 of 5 core objects let every internal user edit every record: Account (Public Read/Write) and Lead (Public Read/Write/Transfer).');
    expect(verdict.affected.map((a) => a.id)).toEqual(['Account', 'Lead']);
  });

  it('fails when all five are public read/write', () => {
    const verdict = evaluateRaw(
      owd,
      org({ DefaultAccountAccess: 'Edit', DefaultContactAccess: 'Edit', DefaultOpportunityAccess: 'Edit', DefaultLeadAccess: 'Edit', DefaultCaseAccess: 'ReadEditTransfer' }),
    );
    expect(verdict.status).toBe('non_compliant');
  });

  it('leaves out unreadable objects with a note, and is unknown when none can be read', () => {
    const some = evaluateRaw(owd, org({ DefaultCaseAccess: null, DefaultLeadAccess: 'Read' }));
    expect(some.status).toBe('compliant');
    expect(some.notes[0]).toContain('Case');
    const none = evaluateRaw(
      owd,
      org({ DefaultAccountAccess: null, DefaultContactAccess: null, DefaultOpportunityAccess: null, DefaultLeadAccess: null, DefaultCaseAccess: null }),
    );
    expect(none.status).toBe('unknown');
  });
});

describe('SF.DATA.2v1 guest user permissions', () => {
  const guests = control('SF.DATA.2v1');

  it('passes when guest users hold no powerful permission', () => {
    const raw = { guestAssignments: queryResult('PermissionSetAssignment', [guestAssignment('005Hs00000GuestHAAA', 'Help Center Site Guest User')]) };
    const verdict = evaluateRaw(guests, raw);
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('None of the 1 active guest user holds a powerful permission.');
  });

  it('passes when the org has no guest users', () => {
    expect(evaluateRaw(guests, { guestAssignments: queryResult('PermissionSetAssignment', []) }).reason).toBe('The org has no active guest users.');
  });

  it('fails and names guests with API Enabled or View All Data', () => {
    const raw = {
      guestAssignments: queryResult('PermissionSetAssignment', [
        guestAssignment('005Hs00000GuestHAAA', 'Help Center Site Guest User', { PermissionsApiEnabled: true }),
        guestAssignment('005Hs00000GuestPAAA', 'Partners Site Guest User', { PermissionsViewAllData: true }, 'Partner Lookup'),
        guestAssignment('005Hs00000GuestEAAA', 'Events Site Guest User'),
      ]),
    };
    const verdict = evaluateRaw(guests, raw);
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('2 guest users hold powerful permissions: Help Center Site Guest User (API Enabled) and Partners Site Guest User (View All Data).');
    expect(verdict.affected[1]).toEqual({ id: '005Hs00000GuestPAAA', name: 'Partners Site Guest User', kind: 'user', detail: 'View All Data via Partner Lookup profile' });
  });
});

describe('SF.DATA.3v1 active sites exposing powerful guests', () => {
  const sites = control('SF.DATA.3v1');
  const powerful = queryResult('PermissionSetAssignment', [guestAssignment('005Hs00000GuestHAAA', 'Help Center Site Guest User', { PermissionsApiEnabled: true })]);
  const harmless = queryResult('PermissionSetAssignment', [guestAssignment('005Hs00000GuestHAAA', 'Help Center Site Guest User')]);

  it('passes when no site is active', () => {
    const verdict = evaluateRaw(sites, { guestAssignments: powerful, sites: queryResult('Site', [site('0DMHs0000001', 'Help Center', 'Inactive')]) });
    expect(verdict.status).toBe('compliant');
  });

  it('passes when sites are active but guests are harmless', () => {
    const verdict = evaluateRaw(sites, { guestAssignments: harmless, sites: queryResult('Site', [site('0DMHs0000001', 'Help Center')]) });
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toBe('1 site is active, but no guest user holds a powerful permission.');
  });

  it('is unknown, never compliant, when a site has a status that is neither Active nor Inactive', () => {
    const verdict = evaluateRaw(sites, { guestAssignments: powerful, sites: queryResult('Site', [site('0DMHs0000001', 'Help Center', 'Activ'), site('0DMHs0000002', 'Old Events', 'Inactive')]) });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toBe('Whether Help Center (status "Activ") is live cannot be told from its status. Scan again.');
  });

  it('lists the active sites for review when a guest is powerful', () => {
    const verdict = evaluateRaw(sites, {
      guestAssignments: powerful,
      sites: queryResult('Site', [site('0DMHs0000001', 'Help Center'), site('0DMHs0000002', 'Partner Portal'), site('0DMHs0000003', 'Old Events', 'Inactive')]),
    });
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('1 guest user holds powerful permissions and 2 sites are active and public: Help Center and Partner Portal. Review the guest profile of each site.');
    expect(verdict.affected.map((a) => a.kind)).toEqual(['site', 'site']);
  });
});
