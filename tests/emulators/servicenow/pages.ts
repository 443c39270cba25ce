import { escapeHtml } from '../shared/http';
import { classicPage, type NavModule } from './html';
import { runQuery } from './query';
import { propertyType, type SnRecord, snDate, sysId } from './seed';
import type { ServiceNowSession } from './sessions';
import type { InstanceState } from './state';
import { choiceLabel, type FieldDef, fieldOf, type TableDef, tableDefs } from './tables';

/**
 * Classic (UI16) content pages at their real paths (reference §5.1): `/home.do`, `/<table>_list.do?sysparm_query=…`
 * (the same query engine as the API; 20 rows a page, `sysparm_first_row`), `/<table>.do?sys_id=…` record forms
 * (read-only, except System Properties: its form POSTs `/sys_properties.do` with `sysparm_ck`).
 */
export interface PageContext {
  state: InstanceState;
  session: ServiceNowSession;
  query: URLSearchParams;
}

export interface PageAnswer {
  status: number;
  html?: string;
  redirect?: string;
}

/** Tables with a list page and a navigator module, in navigator order. */
export const listTables = ['sys_properties', 'v_plugin', 'ip_access', 'sys_user', 'sys_user_has_role', 'multi_factor_criteria', 'oauth_entity',
  'sys_certificate', 'sys_public', 'saml2_update1_properties', 'sysevent_script_action', 'blacklisted_password'] as const;

const moduleLabels: Record<string, string> = { oauth_entity: 'Application Registry', saml2_update1_properties: 'SAML2 Identity Providers' };
export const modules: NavModule[] = listTables.map((table) => ({ label: moduleLabels[table] ?? (tableDefs[table] as TableDef).title, path: `/${table}_list.do` }));

export const rowsPerPage = 20;

export type ClassicRoute = { kind: 'home' } | { kind: 'list'; table: TableDef } | { kind: 'form'; table: TableDef };

export function classicRoute(path: string): ClassicRoute | undefined {
  if (path === '/home.do') return { kind: 'home' };
  const list = /^\/([a-z0-9_]+)_list\.do$/.exec(path);
  const listDef = list && Object.hasOwn(tableDefs, list[1] as string) ? tableDefs[list[1] as string] : undefined;
  if (listDef) return { kind: 'list', table: listDef };
  const form = /^\/([a-z0-9_]+)\.do$/.exec(path);
  const formDef = form && Object.hasOwn(tableDefs, form[1] as string) ? tableDefs[form[1] as string] : undefined;
  if (formDef) return { kind: 'form', table: formDef };
  return undefined;
}

const securityNotice = '<div class="outputmsg outputmsg_error notification notification-error" role="alert">Security constraints prevent access to requested page</div>';

/** The text a record stands for (its display field; for a role grant "user – role"). */
function displayValue(state: InstanceState, def: TableDef, record: SnRecord): string {
  const field = fieldOf(def, def.displayField);
  if (field?.type === 'reference' && field.reference) {
    const target = state.record(field.reference, record[field.name] ?? '');
    const targetDef = tableDefs[field.reference];
    return target && targetDef ? displayValue(state, targetDef, target) : '';
  }
  return record[def.displayField] ?? '';
}

/** A cell or form value: choice label, or the referenced record's display value. */
function shownValue(state: InstanceState, field: FieldDef, value: string): string {
  if (field.type === 'reference' && field.reference) {
    const target = value ? state.record(field.reference, value) : undefined;
    const targetDef = tableDefs[field.reference];
    return target && targetDef ? displayValue(state, targetDef, target) : '';
  }
  return choiceLabel(field, value);
}

const ckInput = (session: ServiceNowSession) => `<input type="hidden" name="sysparm_ck" id="sysparm_ck" value="${escapeHtml(session.token)}">`;

export function renderHome(ctx: PageContext): PageAnswer {
  const name = ctx.state.property('glide.product.description') ?? ctx.state.seed.displayName;
  const links = modules.map((module) => `<li><a href="${escapeHtml(module.path.slice(1))}">${escapeHtml(module.label)}</a></li>`).join('');
  return {
    status: 200,
    html: classicPage({ title: 'Home', session: ctx.session, bodyClass: 'homepage', body: `<nav class="navbar"><h1 class="navbar-title">Welcome to ${escapeHtml(name)}</h1></nav>
<p>Signed in as ${escapeHtml(ctx.session.name)} (${escapeHtml(ctx.session.userName)}).</p><ul class="home-links">${links}</ul>` }),
  };
}

export function renderList(ctx: PageContext, def: TableDef): PageAnswer {
  const title = `<nav class="navbar list_nav"><div class="navbar-header"><h1 class="navbar-title list_title">${escapeHtml(def.title)}</h1></div></nav>`;
  if (def.adminOnly && !ctx.session.admin) return { status: 200, html: classicPage({ title: def.title, session: ctx.session, body: `${title}${securityNotice}` }) };
  const { state } = ctx;
  const table = state.table(def.name);
  const sysparmQuery = ctx.query.get('sysparm_query') ?? '';
  const rows = table ? runQuery(state, table, sysparmQuery) : [];
  const firstRow = Math.max(1, Number.parseInt(ctx.query.get('sysparm_first_row') ?? '1', 10) || 1);
  const page = rows.slice(firstRow - 1, firstRow - 1 + rowsPerPage);
  const columns = def.listColumns.map((name) => fieldOf(def, name)).filter((field): field is FieldDef => Boolean(field));
  const header = `<tr class="list_header"><th class="list_header_cell list_decoration_cell" name="decoration"><span class="sr-only">Actions</span></th>${columns
    .map((field) => `<th class="list_header_cell" name="${escapeHtml(field.name)}"><span>${escapeHtml(field.label)}</span></th>`).join('')}</tr>`;
  const body = page.length
    ? page.map((record) => {
      const id = record.sys_id ?? '';
      const cells = columns.map((field, column) => {
        const value = record[field.name] ?? '';
        const shown = escapeHtml(shownValue(state, field, value));
        if (column === 0) return `<td class="vt"><a class="linked formlink" href="${escapeHtml(def.name)}.do?sys_id=${escapeHtml(id)}">${shown}</a></td>`;
        if (field.type === 'reference' && value) return `<td class="vt"><a class="linked" href="${escapeHtml(field.reference ?? '')}.do?sys_id=${escapeHtml(value)}">${shown}</a></td>`;
        return `<td class="vt">${shown}</td>`;
      }).join('');
      return `<tr class="list_row" sys_id="${escapeHtml(id)}" record_class="${escapeHtml(def.name)}" id="row_${escapeHtml(def.name)}_${escapeHtml(id)}"><td class="list_decoration_cell"><input type="checkbox" class="list_checkbox" aria-label="Select record"></td>${cells}</tr>`;
    }).join('')
    : `<tr class="list2_no_records"><td colspan="${columns.length + 1}">No records to display</td></tr>`;
  const pageLink = (first: number, label: string, cls: string) => {
    const params = new URLSearchParams(ctx.query);
    params.set('sysparm_first_row', String(first));
    return ` <a class="${cls}" href="${escapeHtml(def.name)}_list.do?${escapeHtml(params.toString())}">${label}</a>`;
  };
  const last = Math.min(rows.length, firstRow - 1 + rowsPerPage);
  const navigation = `<div class="list_nav_bottom"><span class="list_row_count" id="${escapeHtml(def.name)}_row_count">${rows.length ? `${firstRow} to ${last} of ${rows.length}` : '0 records'}</span>${
    firstRow > 1 ? pageLink(Math.max(1, firstRow - rowsPerPage), 'Previous page', 'list_nav_prev') : ''}${last < rows.length ? pageLink(firstRow + rowsPerPage, 'Next page', 'list_nav_next') : ''}</div>`;
  const breadcrumb = sysparmQuery ? `<div class="breadcrumb_container"><span class="breadcrumb_query">${escapeHtml(sysparmQuery)}</span></div>` : '';
  const html = `${title}${breadcrumb}<form name="${escapeHtml(def.name)}.list" id="${escapeHtml(def.name)}_list_form" method="POST" action="${escapeHtml(def.name)}_list.do">${ckInput(ctx.session)}
<table class="list2_table data_list_table table table-hover" id="${escapeHtml(def.name)}_table" table_name="${escapeHtml(def.name)}" total_rows="${rows.length}"><thead>${header}</thead><tbody class="list2_body">${body}</tbody></table></form>${navigation}`;
  return { status: 200, html: classicPage({ title: def.title, session: ctx.session, bodyClass: 'list_page', body: html }) };
}

function formField(def: TableDef, field: FieldDef, value: string, o: { editable?: boolean; multiline?: boolean } = {}): string {
  const id = `${def.name}.${field.name}`;
  const input = o.multiline
    ? `<textarea id="${escapeHtml(id)}" name="${escapeHtml(id)}" class="form-control"${o.editable ? '' : ' readonly'}>${escapeHtml(value)}</textarea>`
    : `<input id="${escapeHtml(id)}" name="${escapeHtml(id)}" type="text" class="form-control" value="${escapeHtml(value)}"${o.editable ? '' : ' readonly'}>`;
  return `<div class="form-group" id="element.${escapeHtml(id)}"><label for="${escapeHtml(id)}">${escapeHtml(field.label)}</label>${input}</div>`;
}

export function renderForm(ctx: PageContext, def: TableDef): PageAnswer {
  const { state, session } = ctx;
  const title = (suffix: string) => `<h1 class="navbar-title form_title">${escapeHtml(def.label)}${suffix ? ` <span class="form_display_value">${escapeHtml(suffix)}</span>` : ''}</h1>`;
  if (def.adminOnly && !session.admin) return { status: 200, html: classicPage({ title: def.label, session, body: `<nav class="navbar form_nav">${title('')}</nav>${securityNotice}` }) };
  const id = ctx.query.get('sys_id') ?? '';
  const isNew = id === '-1' && def.name === 'sys_properties';
  const record: SnRecord | undefined = isNew
    ? { sys_id: '-1', name: /(?:^|\^)name=([^^]*)/.exec(ctx.query.get('sysparm_query') ?? '')?.[1] ?? '', value: '', type: 'string', description: '' }
    : state.record(def.name, id);
  if (!record) return { status: 404, html: classicPage({ title: def.label, session, body: `<nav class="navbar form_nav">${title('')}</nav><div class="outputmsg outputmsg_error">Record not found</div>` }) };
  const fields = def.fields.filter((field) => !field.secret && field.name !== 'sys_id');
  let content: string;
  if (def.name === 'sys_properties') {
    const field = (name: string) => fieldOf(def, name) as FieldDef;
    const buttons = isNew
      ? '<button type="submit" id="sysverb_insert" name="sys_action" value="sysverb_insert" class="form_action_button btn btn-primary">Submit</button>'
      : '<button type="submit" id="sysverb_update_and_stay" name="sys_action" value="sysverb_update_and_stay" class="form_action_button btn btn-default">Save</button> <button type="submit" id="sysverb_update" name="sys_action" value="sysverb_update" class="form_action_button btn btn-primary">Update</button>';
    content = `<form id="sys_properties.do" name="sys_properties.do" method="POST" action="sys_properties.do">
<nav class="navbar form_nav">${title(record.name ?? '')}<div class="form_action_buttons">${buttons}</div></nav>
${ckInput(session)}<input type="hidden" name="sys_uniqueValue" id="sys_uniqueValue" value="${escapeHtml(record.sys_id)}"><input type="hidden" name="sys_target" id="sys_target" value="sys_properties">
${formField(def, field('name'), record.name ?? '', { editable: isNew })}${formField(def, field('description'), record.description ?? '', { editable: true, multiline: true })}
${formField(def, field('type'), choiceLabel(field('type'), record.type ?? ''))}${formField(def, field('value'), record.value ?? '', { editable: true })}
</form>`;
  } else {
    content = `<form id="${escapeHtml(def.name)}.do" name="${escapeHtml(def.name)}.do"><nav class="navbar form_nav">${title(displayValue(state, def, record))}</nav>${ckInput(session)}
<input type="hidden" name="sys_uniqueValue" id="sys_uniqueValue" value="${escapeHtml(record.sys_id)}">
${fields.map((field) => formField(def, field, shownValue(state, field, record[field.name] ?? ''))).join('')}</form>`;
  }
  return { status: 200, html: classicPage({ title: def.label, session, bodyClass: 'form_page', body: content }) };
}

/**
 * POST /sys_properties.do: `sysparm_ck` must be the session's token (else 403), the user an admin. Updates (or, for
 * `sysverb_insert`, creates) the property, then redirects to the list filtered on its name (Save: back to the form).
 */
export function handlePropertyPost(ctx: PageContext, form: Record<string, string>): PageAnswer {
  const { state, session } = ctx;
  const def = tableDefs.sys_properties as TableDef;
  const refuse = (message: string) => ({ status: 403, html: classicPage({ title: def.label, session, body: `<div class="outputmsg outputmsg_error" role="alert">${escapeHtml(message)}</div>` }) });
  if (form.sysparm_ck !== session.token) return refuse('Invalid security token: the form was not submitted.');
  if (!session.admin) return refuse('Security constraints prevent the update of this record.');
  const table = state.table('sys_properties');
  const rows = (state.seed.tables.sys_properties ??= []);
  const action = form.sys_action ?? 'sysverb_update';
  const uniqueValue = form.sys_uniqueValue ?? '';
  let record = uniqueValue && uniqueValue !== '-1' ? table?.get(uniqueValue) : undefined;
  if (!record) {
    const name = (form['sys_properties.name'] ?? '').trim();
    if (!action.startsWith('sysverb_insert') || !name) return { status: 404, html: classicPage({ title: def.label, session, body: '<div class="outputmsg outputmsg_error">Record not found</div>' }) };
    record = rows.find((row) => row.name === name);
    if (!record) {
      record = { sys_id: sysId(`${state.name}:property:${name}`), name, value: '', type: propertyType(form['sys_properties.value'] ?? ''), description: '', sys_updated_on: '' };
      rows.push(record);
    }
  }
  if (form['sys_properties.value'] !== undefined) record.value = form['sys_properties.value'];
  if (form['sys_properties.description'] !== undefined) record.description = form['sys_properties.description'];
  record.sys_updated_on = snDate(Date.now());
  table?.touch();
  const redirect = action.endsWith('_and_stay')
    ? `/sys_properties.do?sys_id=${encodeURIComponent(record.sys_id as string)}`
    : `/sys_properties_list.do?sysparm_query=${encodeURIComponent(`name=${record.name}`)}`;
  return { status: 302, redirect };
}
