import { describe, expect, it } from 'vitest';
import type { Control } from '@/utils/controls';
import { evaluateServiceNow, malformedFor } from '../fixtures/evaluate';
import { goodPublicPages, publicPage, table } from '../fixtures/payloads';
import { dataExposure, exposureControls, pageKey } from './exposure';

const control = (id: string): Control => exposureControls.find((c) => c.id === id)!;
const pages = (rows: Array<Record<string, string>>, total?: number) => ({ publicPages: table(rows, total ?? rows.length) });

describe('public page names', () => {
  it('normalises names and recognises data pages', () => {
    expect(pageKey(' /Login.do?sysparm_x=1 ')).toBe('login');
    expect(dataExposure('incident_list.do')).toBe('a table list');
    expect(dataExposure('incident.do?CSV')).toBe('an export processor');
    expect(dataExposure('kb_knowledge.do?JSONv2&sysparm_query=active=true')).toBe('an export processor');
    expect(dataExposure('sys_attachment.do')).toBe('attachments (sys_attachment)');
    expect(dataExposure('sys_user.do')).toBe('the sys_user table');
    expect(dataExposure('x_acme_hr_case.do')).toBe('a custom scoped application');
    expect(dataExposure('u_vendor_contacts')).toBe('a custom table');
    expect(dataExposure('api/now/table/incident')).toBe('a REST API path');
    expect(dataExposure('$sp.do')).toBeUndefined();
    expect(dataExposure('login.do')).toBeUndefined();
  });
});

describe('SN.PUB.1v1 public pages limited to defaults', () => {
  const c = control('SN.PUB.1v1');

  it('is compliant with only login and welcome pages, in any spelling, naming them', () => {
    const spelled = [publicPage('Login.do'), publicPage('/welcome'), publicPage('logout_success.do?x=1'), publicPage('custom_thing.do', { active: 'false' })];
    const verdict = evaluateServiceNow(c, pages(spelled));
    expect(verdict.status).toBe('compliant');
    expect(verdict.reason).toContain('Login.do');
  });

  it('lists every other public page with share credit, and says some may be base-system pages', () => {
    const verdict = evaluateServiceNow(c, pages([...goodPublicPages, publicPage('$sp.do'), publicPage('x_acme_hr_case_list.do')]));
    expect(verdict.status).toBe('partial');
    expect(verdict.fraction).toBeCloseTo(4 / 6);
    expect(verdict.reason).toBe("2 of 6 active public pages are not one of ServiceNow's login and welcome pages: $sp.do and x_acme_hr_case_list.do.");
    expect(verdict.notes[0]).toContain('base-system pages');
    expect(verdict.affected.map((a) => a.detail)).toEqual(['public without login', 'public; gives access to a table list']);
  });

  it('is unknown when unread pages could be exposed', () => {
    expect(evaluateServiceNow(c, pages(goodPublicPages, 7)).status).toBe('unknown');
  });

  it('is compliant when nothing is public', () => {
    expect(evaluateServiceNow(c, pages([]))).toMatchObject({ status: 'compliant', reason: 'No page is public.' });
  });
});

describe('SN.PUB.2v1 public data pages', () => {
  const c = control('SN.PUB.2v1');

  it('is non-compliant for any public data page, naming it and why', () => {
    const verdict = evaluateServiceNow(c, pages([...goodPublicPages, publicPage('$sp.do'), publicPage('incident.do?CSV'), publicPage('sys_attachment.do')]));
    expect(verdict.status).toBe('non_compliant');
    expect(verdict.reason).toBe('2 public pages give access to data without login: incident.do?CSV (an export processor) and sys_attachment.do (attachments (sys_attachment)).');
    expect(verdict.affected.map((a) => a.name)).toEqual(['incident.do?CSV', 'sys_attachment.do']);
  });

  it('keeps hostile page names as plain text', () => {
    const verdict = evaluateServiceNow(c, pages([publicPage('<svg onload=alert(1)>\u202E_list')]));
    expect(verdict.reason).toContain('<svg onload=alert(1)>\u202E_list (a table list)');
  });

  it('is compliant for non-data public pages, unknown when pages were left unread', () => {
    expect(evaluateServiceNow(c, pages([...goodPublicPages, publicPage('$sp.do')])).status).toBe('compliant');
    expect(evaluateServiceNow(c, pages(goodPublicPages, 20)).status).toBe('unknown');
  });
});

describe('exposure controls on malformed data', () => {
  it.each(exposureControls.map((c) => [c.id, c] as const))('%s is an error when its source cannot be parsed', (_id, c) => {
    expect(evaluateServiceNow(c, malformedFor(c)).status).toBe('error');
  });
});
