import { describe, expect, it } from 'vitest';
import { alterBody, alterText, alterXml, FaultRegistry, type CommonFault, type FaultScope } from './faults';

const body = { records: [{ Id: '005A', IsActive: true, UseCount: 7, Name: 'Ada', Profile: { Name: 'Admin' }, LastLoginDate: null }] };

describe('faults that alter a successful answer', () => {
  it('renamed_fields renames keys at every depth', () => {
    expect(alterBody(body, [{ kind: 'renamed_fields', fields: { Name: 'FullName' } }])).toEqual({
      records: [{ Id: '005A', IsActive: true, UseCount: 7, FullName: 'Ada', Profile: { FullName: 'Admin' }, LastLoginDate: null }],
    });
  });

  it('changed_types serves booleans and numbers as text, text as a structure, objects as JSON text, null as null', () => {
    const [record] = (alterBody(body, [{ kind: 'changed_types', fields: ['IsActive', 'UseCount', 'Name', 'Profile', 'LastLoginDate'] }]) as typeof body).records;
    expect(record).toEqual({ Id: '005A', IsActive: 'true', UseCount: '7', Name: { value: 'Ada', display_value: 'Ada' }, Profile: '{"Name":"Admin"}', LastLoginDate: null });
    expect(alterBody({ flag: 'false', count: '12' }, [{ kind: 'changed_types', fields: ['flag', 'count'] }])).toEqual({ flag: false, count: 12 });
  });

  it('extra_fields adds the same new fields to every object, keeping every existing one', () => {
    const altered = alterBody(body, [{ kind: 'extra_fields' }]) as { records: Array<Record<string, unknown>> } & Record<string, unknown>;
    expect(altered.addedInLaterRelease).toEqual(expect.any(String));
    expect(altered.records[0]).toMatchObject({ ...body.records[0], Profile: { Name: 'Admin', addedFlags: ['beta'] }, addedSettings: { enabled: true } });
  });

  it('malformed_json keeps every byte but is not JSON; truncated_json cuts the body in the middle', () => {
    const text = JSON.stringify(body);
    const malformed = alterText(text, [{ kind: 'malformed_json' }]);
    expect(malformed).toHaveLength(text.length);
    expect(() => JSON.parse(malformed)).toThrow();
    const truncated = alterText(text, [{ kind: 'truncated_json' }]);
    expect(text.startsWith(truncated)).toBe(true);
    expect(truncated.length).toBe(Math.floor(text.length / 2));
    expect(alterText(text, [{ kind: 'missing_fields', fields: ['Id'] }])).toBe(text);
  });

  it('alters XML the same way: renamed and retyped elements, extra elements in records, a cut document', () => {
    const xml = '<Envelope><records xsi:type="SecuritySettings"><sessionSettings><sessionTimeout>TwelveHours</sessionTimeout><lockSessionsToIp>false</lockSessionsToIp></sessionSettings></records></Envelope>';
    expect(alterXml(xml, [{ kind: 'renamed_fields', fields: { sessionTimeout: 'sessionTimeoutV2' } }])).toContain('<sessionTimeoutV2>TwelveHours</sessionTimeoutV2>');
    expect(alterXml(xml, [{ kind: 'changed_types', fields: ['lockSessionsToIp'] }])).toContain('<lockSessionsToIp><value>false</value></lockSessionsToIp>');
    expect(alterXml(xml, [{ kind: 'extra_fields' }])).toContain('<records xsi:type="SecuritySettings"><addedInLaterRelease>');
    expect(alterXml(xml, [{ kind: 'truncated_json' }])).toBe(xml.slice(0, Math.floor(xml.length / 2)));
  });
});

describe('the fault registry', () => {
  it('lets `after` matching requests through, then applies the fault to every later one (a session expiring mid-scan)', () => {
    const registry = new FaultRegistry<CommonFault>();
    registry.set({ kind: 'server_error', match: '/api/', after: 2 } as CommonFault & FaultScope);
    const take = (text: string) => registry.take({ orgKeys: ['acme'], text }).map((fault) => fault.kind);
    expect([take('GET /api/1'), take('GET /page'), take('GET /api/2'), take('GET /api/3'), take('GET /api/4')]).toEqual([[], [], [], ['server_error'], ['server_error']]);
  });
});
