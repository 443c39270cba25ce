import { createHash } from 'node:crypto';
import { escapeHtml as e } from '../shared/http';
import { settingLabel } from './health-check';
import { type FormRow, type SetupPageDef, settingsForms } from './setup-pages';
import type { OrgState } from './state';

/** Classic Setup pages (the content of the Lightning Setup iframe), rendered from the org's live state. */

/** Salesforce-like generated ids (j_id0:j_id37:…), different every server start, so nobody anchors on them. */
export function idMaker(salt: string, page: string) {
  return (label: string) => {
    const hash = createHash('sha1').update(`${salt}|${page}|${label}`).digest('hex');
    return `j_id0:j_id${parseInt(hash.slice(0, 4), 16) % 97}:j_id${parseInt(hash.slice(4, 8), 16) % 997}${hash.slice(8, 12)}`;
  };
}

export function readSetting(org: OrgState, path: string[]): unknown {
  if (path[0] === '@connectedApp') return org.seed.connectedAppSettings[path[1] as string];
  let value: unknown = org.seed.securitySettings;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

export function writeSetting(org: OrgState, path: string[], value: unknown): void {
  if (path[0] === '@connectedApp') {
    org.seed.connectedAppSettings[path[1] as string] = Boolean(value);
    return;
  }
  let target = org.seed.securitySettings as Record<string, unknown>;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path[path.length - 1] as string] = value;
}

const styles = `body.sfdcBody{font-family:Arial,Helvetica,sans-serif;font-size:75%;color:#222;background:#fff;margin:0;padding:10px 14px}
.bPageTitle h1.pageType{font-size:.9em;color:#4a4a56;margin:0}.bPageTitle h2.pageDescription{font-size:1.8em;font-weight:normal;margin:2px 0 12px}
.bPageBlock{border-top:3px solid #1797c0;background:#f8f8f8;border-radius:4px;margin-bottom:12px;padding-bottom:6px}
.pbHeader{display:flex;justify-content:space-between;align-items:center;padding:6px 10px}.pbHeader h2.mainTitle{font-size:1.3em;margin:0}
.pbSubheader{background:#1797c0;color:#fff;padding:4px 10px;margin:8px 0 4px}.pbSubheader h3{font-size:1.1em;margin:0}
table.detailList,table.list{width:100%;border-collapse:collapse}td.labelCol{text-align:right;font-weight:bold;color:#4a4a56;width:38%;padding:5px 10px}
td.dataCol{padding:5px 10px}table.list th{background:#f2f3f3;text-align:left;border-bottom:1px solid #ccc;padding:5px}table.list td{border-bottom:1px solid #e3deb8;padding:5px}
.btn{border:1px solid #b5b5b5;border-radius:3px;background:#e8e8e9;padding:3px 8px;font-weight:bold}.message{border:1px solid #39f;background:#ffc;padding:6px 10px;margin:8px 0}
.score{font-size:3em;font-weight:bold}`;

export function classicDocument(org: OrgState, page: SetupPageDef, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${e(page.title)} ~ Salesforce - ${e(org.rows('Organization')[0]?.OrganizationType ?? 'Enterprise Edition')}</title><style>${styles}</style></head>
<body class="sfdcBody brandQuaternaryBgr"><div class="bPageTitle"><div class="ptBody"><h1 class="pageType">Setup</h1><h2 class="pageDescription">${e(page.title)}</h2></div></div>
${body}</body></html>`;
}

export function formRow(org: OrgState, row: FormRow, id: (label: string) => string): string {
  const fieldId = id(row.label);
  const value = readSetting(org, row.path);
  const on = value === true || value === 'true';
  const control =
    row.type === 'checkbox'
      ? `<input type="checkbox" id="${e(fieldId)}" name="${e(fieldId)}" value="1"${on !== Boolean(row.invert) ? ' checked="checked"' : ''}>`
      : `<select id="${e(fieldId)}" name="${e(fieldId)}">${row.options.map(([raw, text]) => `<option value="${e(raw)}"${String(value) === raw ? ' selected="selected"' : ''}>${e(text)}</option>`).join('')}</select>`;
  return `<tr><td class="labelCol"><label for="${e(fieldId)}">${e(row.label)}</label></td><td class="dataCol">${control}</td></tr>`;
}

export function settingsForm(org: OrgState, page: SetupPageDef, id: (label: string) => string, action: string, saved: boolean): string {
  const sections = settingsForms[page.key] ?? [];
  const buttons = `<div class="pbButton"><input type="submit" class="btn" name="save" value="Save" title="Save"> <input type="button" class="btn" value="Cancel" title="Cancel"></div>`;
  return `<form id="${e(id('form'))}" name="editPage" method="post" action="${e(action)}"><input type="hidden" name="_CONFIRMATIONTOKEN" value="${e(id('token'))}">
<div class="bPageBlock brandSecondaryBrd bEditBlock secondaryPalette"><div class="pbHeader"><h2 class="mainTitle">${e(page.title)}</h2>${buttons}</div>
${saved ? '<div class="message confirmM3" role="status">Your settings have been saved.</div>' : ''}
<div class="pbBody">${sections
    .map(
      (section) =>
        `<div class="pbSubheader brandTertiaryBgr tertiaryPalette"><h3>${e(section.heading)}</h3></div><div class="pbSubsection"><table class="detailList" role="presentation">${section.rows.map((row) => formRow(org, row, id)).join('')}</table></div>`,
    )
    .join('')}</div><div class="pbBottomButtons">${buttons}</div></div></form>`;
}

/** Applies a POSTed settings form to the org; returns the labels whose value changed. */
export function applySettingsForm(org: OrgState, page: SetupPageDef, id: (label: string) => string, form: Record<string, string>): string[] {
  const changed: string[] = [];
  for (const section of settingsForms[page.key] ?? []) {
    for (const row of section.rows) {
      const field = id(row.label);
      const before = readSetting(org, row.path);
      let value: unknown;
      if (row.type === 'checkbox') value = row.invert ? !(field in form) : field in form;
      else {
        const raw = form[field];
        if (raw === undefined || !row.options.some(([option]) => option === raw)) continue;
        value = row.numeric ? Number(raw) : raw;
      }
      if (String(before) !== String(value)) {
        writeSetting(org, row.path, value);
        changed.push(row.label);
      }
    }
  }
  return changed;
}

export { settingLabel };
export { classicBody } from './html-lists';
