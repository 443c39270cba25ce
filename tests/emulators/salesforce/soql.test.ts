import { describe, expect, it } from 'vitest';
import { acmeOrg } from './orgs';
import type { Row } from './schema';
import { runSoql, SoqlError } from './soql';
import { OrgState } from './state';

const now = Date.UTC(2025, 5, 15, 12);
const acme = new OrgState(acmeOrg(now));
const rest = (soql: string) => runSoql(soql, acme, { api: 'rest', version: '66.0', now });
const tooling = (soql: string) => runSoql(soql, acme, { api: 'tooling', version: '66.0', now });
const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error('expected a SoqlError');
};

describe('SOQL engine', () => {
  it('filters with AND, OR, parentheses, booleans and case-insensitive strings', () => {
    expect(rest("SELECT COUNT() FROM User WHERE IsActive = true AND UserType = 'Standard'").totalSize).toBe(55);
    expect(rest("SELECT COUNT() FROM User WHERE IsActive = true AND UserType = 'standard'").totalSize).toBe(55);
    expect(rest("SELECT COUNT() FROM User WHERE IsActive = false AND (UserType = 'Standard' OR UserType = 'Guest')").totalSize).toBe(4);
    expect(rest("SELECT COUNT() FROM User WHERE NOT (IsActive = true)").totalSize).toBe(4);
    expect(rest("SELECT Id FROM User WHERE UserType != 'Standard'").records).toHaveLength(2);
  });

  it('supports IN lists, NOT IN, LIKE and null comparisons', () => {
    expect(rest("SELECT Id FROM User WHERE UserType IN ('Guest', 'AutomatedProcess')").totalSize).toBe(2);
    expect(rest("SELECT Id FROM User WHERE UserType NOT IN ('Standard')").totalSize).toBe(2);
    expect(rest("SELECT Name FROM User WHERE Username LIKE 'dana.%'").records.map((row) => row.Name)).toEqual(['Dana Whitfield']);
    const never = rest("SELECT Name FROM User WHERE LastLoginDate = null AND UserType = 'Standard'");
    expect(never.records.map((row) => row.Name).sort()).toEqual(['Arjun Mehta', 'Beatrice Laurent', 'Jasmine Cole']);
    expect(rest('SELECT COUNT() FROM User WHERE LastLoginDate != null').totalSize).toBe(rest('SELECT COUNT() FROM User').totalSize - 5);
  });

  it('follows relationships, nests them and returns null when absent', () => {
    const sets = rest('SELECT Label, Profile.Name FROM PermissionSet WHERE PermissionsModifyAllData = true ORDER BY Label').records;
    const migration = sets.find((row) => row.Label === 'Data Migration') as Row;
    expect(migration.Profile).toBeNull();
    const admin = sets.find((row) => (row.Profile as Row | null)?.Name === 'System Administrator') as Row;
    expect(admin.Profile).toMatchObject({ attributes: { type: 'Profile' }, Name: 'System Administrator' });
    const assignment = rest("SELECT Assignee.Name, PermissionSet.Profile.Name FROM PermissionSetAssignment WHERE Assignee.Username = 'kevin.brandt@acme.com' AND PermissionSet.IsOwnedByProfile = false").records[0] as Row;
    expect(assignment).toMatchObject({ Assignee: { Name: 'Kevin Brandt' }, PermissionSet: { Profile: null } });
    expect((assignment.attributes as Row).url).toMatch(/^\/services\/data\/v66\.0\/sobjects\/PermissionSetAssignment\/0Pa/);
  });

  it('runs one-level semi-joins', () => {
    const result = rest(
      'SELECT UserId FROM TwoFactorMethodsInfo WHERE UserId IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE Assignee.IsActive = true AND PermissionSet.PermissionsModifyAllData = true)',
    );
    expect(result.totalSize).toBe(5);
    expect(rest('SELECT COUNT() FROM Profile WHERE Id NOT IN (SELECT ProfileId FROM LoginIpRange)').totalSize).toBe(6);
  });

  it('COUNT() returns the total and no records', () => {
    const result = rest("SELECT COUNT() FROM User WHERE Username LIKE '%@acme.com'");
    expect(result.records).toEqual([]);
    expect(result.totalSize).toBeGreaterThan(50);
  });

  it('orders with NULLS FIRST/LAST, DESC and applies LIMIT/OFFSET', () => {
    const ascending = rest("SELECT Name, LastLoginDate FROM User WHERE UserType = 'Standard' AND IsActive = true ORDER BY LastLoginDate ASC NULLS FIRST").records;
    expect(ascending.slice(0, 3).every((row) => row.LastLoginDate === null)).toBe(true);
    expect(ascending[3]?.Name).toBe('Stefan Berg');
    const last = rest("SELECT Name FROM User WHERE UserType = 'Standard' AND IsActive = true ORDER BY LastLoginDate ASC NULLS LAST").records;
    expect(last.at(-1)?.Name).toMatch(/Arjun|Beatrice|Jasmine/);
    const descending = rest('SELECT Name, LastLoginDate FROM User WHERE LastLoginDate != null ORDER BY LastLoginDate DESC LIMIT 3').records;
    expect(descending).toHaveLength(3);
    expect(String(descending[0]?.LastLoginDate) >= String(descending[2]?.LastLoginDate)).toBe(true);
    expect(rest('SELECT Id FROM User ORDER BY Name LIMIT 5 OFFSET 2').records).toHaveLength(5);
  });

  it('evaluates date literals relative to now', () => {
    expect(rest('SELECT COUNT() FROM SetupAuditTrail WHERE CreatedDate = LAST_N_DAYS:30').totalSize).toBe(10);
    expect(rest('SELECT COUNT() FROM User WHERE LastLoginDate < LAST_N_DAYS:90').totalSize).toBe(9);
    expect(rest('SELECT COUNT() FROM User WHERE LastLoginDate = TODAY').totalSize).toBeGreaterThan(0);
    const expiring = tooling('SELECT DeveloperName FROM Certificate WHERE ExpirationDate <= NEXT_N_DAYS:30 ORDER BY ExpirationDate');
    expect(expiring.records.map((row) => row.DeveloperName)).toEqual(['Legacy_Integration_Cert', 'Acme_SSO_Signing']);
    expect(tooling('SELECT COUNT() FROM Certificate WHERE ExpirationDate > TODAY').totalSize).toBe(2);
    // A range literal with < means before the range starts (tomorrow for NEXT_N_DAYS).
    expect(tooling('SELECT COUNT() FROM Certificate WHERE ExpirationDate < NEXT_N_DAYS:30').totalSize).toBe(1);
    expect(rest('SELECT COUNT() FROM User WHERE CreatedDate > 2020-01-01T00:00:00Z').totalSize).toBeGreaterThan(0);
  });

  it('rejects unknown objects, fields and relationships like Salesforce', () => {
    expect(errorOf(() => rest('SELECT Id FROM Foo')).errorCode).toBe('INVALID_TYPE');
    expect(errorOf(() => rest('SELECT Id FROM Certificate')).errorCode).toBe('INVALID_TYPE');
    expect(errorOf(() => tooling('SELECT Id FROM PermissionSetAssignment')).errorCode).toBe('INVALID_TYPE');
    const field = errorOf(() => rest('SELECT Id, Foo FROM User'));
    expect(field.errorCode).toBe('INVALID_FIELD');
    expect(field.message).toContain("No such column 'Foo' on entity 'User'");
    expect(field.message).toContain('ERROR at Row:1:Column:12');
    expect(errorOf(() => rest('SELECT Id FROM User WHERE Manager.Name = null')).message).toContain("Didn't understand relationship 'Manager'");
    expect(errorOf(() => rest('SELECT Id FROM PermissionSetAssignment WHERE PermissionSet.PermissionsDoesNotExist = true')).errorCode).toBe('INVALID_FIELD');
    expect(errorOf(() => rest('SELECT Id FROM User WHERE')).errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf(() => rest('SELECT FROM User')).errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf(() => rest("SELECT Id FROM User WHERE Name = 'open")).errorCode).toBe('MALFORMED_QUERY');
    expect(errorOf(() => rest('SELECT Id FROM User LIMIT x')).errorCode).toBe('MALFORMED_QUERY');
  });
});
