// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { locateAll, normalizeText, rowOf } from './locate';
import type { AnchorLocator } from './protocol';

const label = (...texts: string[]): AnchorLocator => ({ kind: 'label', texts });
const heading = (...texts: string[]): AnchorLocator => ({ kind: 'heading', texts });
const locateOne = (locator: AnchorLocator, options?: { shadow?: boolean }) => locateAll(document, [locator], options)[0] ?? null;

/** A classic Setup settings table, as the emulator and Salesforce render it (generated ids). */
function classicTable(rows: string) {
  document.body.innerHTML = `<form><div class="pbBody"><table class="detailList">${rows}</table></div></form>`;
}
const selectRow = (text: string, id: string) =>
  `<tr><td class="labelCol"><label for="${id}">${text}</label></td><td class="dataCol"><select id="${id}"><option>8</option></select></td></tr>`;

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('normalizeText', () => {
  it('ignores case, spacing, a trailing colon, a required asterisk and a (i) help marker', () => {
    expect(normalizeText('  * Minimum \n password\u00a0length: (i) ')).toBe('minimum password length');
    expect(normalizeText('Timeout value*')).toBe('timeout value');
    expect(normalizeText('Don’t allow')).toBe("don't allow");
  });
});

describe('label locators', () => {
  it('finds the control of a labelCol/dataCol row and puts the badge right after it', () => {
    classicTable(selectRow('User passwords expire in', 'j_id0:j_id1:a') + selectRow('Minimum password length', 'j_id0:j_id37:j_id1234'));
    const located = locateOne(label('Minimum password length'));
    expect(located?.control).toBe(document.getElementById('j_id0:j_id37:j_id1234'));
    expect(located?.mode).toBe('after');
    expect(located?.at).toBe(located?.control);
    expect(rowOf(located!)).toEqual([document.querySelectorAll('tr')[1]]);
  });

  it('follows <label for> outside tables, reading the id from the label at run time', () => {
    document.body.innerHTML = `<div class="slds-form-element"><label class="slds-form-element__label" for="input-42">Lock sessions to the IP address from which they originated</label>
      <div class="slds-form-element__control"><input type="checkbox" id="input-42"></div></div>`;
    expect(locateOne(label('Lock sessions to the IP address from which they originated'))?.control).toBe(document.getElementById('input-42'));
  });

  it('matches whitespace, colon, asterisk and help-text variants of the label', () => {
    classicTable(`<tr><td class="labelCol"><label for="x1"><abbr title="required">*</abbr>  Minimum
      password   length: </label><span class="helpButton"><img alt="" class="helpOrb"><script>sfdcPage.setHelp('MinLength', 'Help text')</script></span></td>
      <td class="dataCol"><select id="x1"></select></td></tr>`);
    expect(locateOne(label('Minimum password length'))?.control).toBe(document.getElementById('x1'));
  });

  it('matches an older wording among the texts', () => {
    classicTable(selectRow('Maximum invalid login attempts', 'y1'));
    expect(locateOne(label('Maximum login attempts allowed', 'Maximum invalid login attempts'))?.control).toBe(document.getElementById('y1'));
  });

  it('falls back to the next cell when the label has no for, and to the value cell when there is no control', () => {
    classicTable(`<tr><td class="labelCol">Timeout value</td><td class="dataCol"><select name="t"></select></td></tr>
      <tr><td class="labelCol">Organization Edition</td><td class="dataCol">Enterprise Edition</td></tr>`);
    expect(locateOne(label('Timeout value'))?.control).toBe(document.querySelector('select'));
    const value = locateOne(label('Organization Edition'));
    expect(value?.control).toBe(document.querySelectorAll('td.dataCol')[1]);
    expect(value?.mode).toBe('append');
  });

  it('puts the badge after a label that wraps its checkbox, so a click on the badge never toggles it', () => {
    document.body.innerHTML = `<div><label class="slds-checkbox_toggle"><span class="slds-form-element__label">Force logout on session timeout</span><input type="checkbox"></label></div>`;
    const located = locateOne(label('Force logout on session timeout'));
    expect(located?.control).toBe(document.querySelector('input'));
    expect(located?.at).toBe(document.querySelector('label'));
  });

  it('reads a read-only form element: label, then its value', () => {
    document.body.innerHTML = `<div class="slds-form-element"><span class="slds-form-element__label">Session security level required at login</span>
      <div class="slds-form-element__control"><div class="slds-form-element__static">None</div></div></div>`;
    const located = locateOne(label('Session security level required at login'));
    expect(located?.control).toBe(document.querySelector('.slds-form-element__control'));
    expect(located?.mode).toBe('append');
  });

  it('puts the badge inside a column header, not in the next column', () => {
    document.body.innerHTML = `<table><thead><tr><th scope="col">Remote Site URL</th><th scope="col">Disable Protocol Security</th></tr></thead>
      <tbody><tr><td>https://a.example</td><td>✓</td></tr></tbody></table>`;
    const located = locateOne(label('Disable Protocol Security'));
    expect(located?.at).toBe(document.querySelectorAll('th')[1]);
    expect(located?.mode).toBe('append');
  });

  it('reads row headers like label cells', () => {
    document.body.innerHTML = `<table><tr><th scope="row">Timeout value</th><td>2 hours</td></tr></table>`;
    expect(locateOne(label('Timeout value'))?.control).toBe(document.querySelector('td'));
  });

  it('reads dt/dd lists', () => {
    document.body.innerHTML = `<dl><dt>Session timeout</dt><dd>2 hours</dd></dl>`;
    expect(locateOne(label('Session timeout'))?.control).toBe(document.querySelector('dd'));
  });

  it('prefers a visible match over one in a hidden (cached) page', () => {
    document.body.innerHTML = `<div hidden>${'<table>' + selectRow('Timeout value', 'old') + '</table>'}</div><table>${selectRow('Timeout value', 'new')}</table>`;
    expect(locateOne(label('Timeout value'))?.control.id).toBe('new');
  });

  it('searches open shadow roots when asked (Lightning components)', () => {
    document.body.innerHTML = '<lightning-input></lightning-input>';
    const shadow = (document.querySelector('lightning-input') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<label for="in-7">Timeout value</label><select id="in-7"></select>';
    expect(locateOne(label('Timeout value'))).toBeNull();
    expect(locateOne(label('Timeout value'), { shadow: true })?.control).toBe(shadow.getElementById('in-7'));
  });

  it('returns null when nothing matches, so the anchor is reported missing', () => {
    classicTable(selectRow('Minimum password length', 'z'));
    expect(locateAll(document, [label('Password complexity requirement'), heading('Trusted IP Range')])).toEqual([null, null]);
  });
});

describe('heading locators', () => {
  it('matches a heading exactly, or one that starts with the text, and appends the badge to it', () => {
    document.body.innerHTML = `<h2 class="mainTitle">Sessions</h2><div class="pbHeader"><h2 class="mainTitle">Trusted IP Range (3)</h2></div><h3>Certificates</h3>`;
    const range = locateOne(heading('Trusted IP Range'));
    expect(range?.control.textContent).toBe('Trusted IP Range (3)');
    expect(range?.mode).toBe('append');
    expect(locateOne(heading('Session'))).toBeNull();
    expect(locateOne(heading('certificates'))?.control.localName).toBe('h3');
  });

  it('prefers an exact heading over a prefix match', () => {
    document.body.innerHTML = `<h2>Users (200)</h2><div role="heading" aria-level="1">Users</div>`;
    expect(locateOne(heading('Users'))?.control.getAttribute('role')).toBe('heading');
  });
});

describe('cell locators', () => {
  const cell = (...texts: string[]): AnchorLocator => ({ kind: 'cell', texts });
  const listRow = (name: string, value: string) =>
    `<tr class="list_row"><td class="list_decoration_cell"></td><td class="vt"><a class="linked formlink" href="#">${name}</a></td><td class="vt">${value}</td></tr>`;

  it('finds the list row whose cell shows the text, puts the badge in that cell and outlines the row', () => {
    document.body.innerHTML = `<table class="list2_table"><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody>${listRow(
      'glide.ui.session_timeout',
      '240',
    )}${listRow('glide.ui.rotate_sessions', 'false')}</tbody></table>`;
    const located = locateOne(cell('glide.ui.rotate_sessions'));
    const row = document.querySelectorAll('tbody tr')[1]!;
    expect(located?.at).toBe(row.children[1]);
    expect(located?.mode).toBe('append');
    expect(rowOf(located!)).toEqual([row]);
  });

  it('does not match a cell that only contains the text among other words, nor a label', () => {
    document.body.innerHTML = `<label>glide.ui.rotate_sessions</label><table><tr><td>Set glide.ui.rotate_sessions to true</td></tr></table>`;
    expect(locateOne(cell('glide.ui.rotate_sessions'))).toBeNull();
  });
});
