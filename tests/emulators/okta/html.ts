import { createHash } from 'node:crypto';
import { escapeHtml } from '../shared/http';

/**
 * HTML templates of the emulated Okta pages: the sign-in form, the Admin Console shell (left nav,
 * `_xsrfToken`, client-side navigation) and the labelled fields/tables the settings pages are made of.
 * Every seeded text goes through escapeHtml.
 */
export const htmlHeaders = { 'Content-Type': 'text/html;charset=UTF-8', 'Cache-Control': 'no-cache, no-store' };

export function signInPage(o: { companyName: string; action: string; fromURI: string; error?: string }): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(o.companyName)} - Sign In</title>
<style>body{font-family:sans-serif;background:#f4f4f4}#okta-sign-in{width:360px;margin:60px auto;background:#fff;padding:32px;border:1px solid #ddd}label{display:block;margin-top:12px}input{width:100%;padding:6px}.o-form-error{color:#c00}</style></head>
<body><div id="okta-sign-in" class="auth-container main-container"><h1 class="okta-form-title">Sign In</h1>
${o.error ? `<div class="o-form-error-container o-form-error" role="alert">${escapeHtml(o.error)}</div>` : ''}
<form method="POST" action="${escapeHtml(o.action)}" class="primary-auth-form o-form" data-se="o-form">
<input type="hidden" name="fromURI" value="${escapeHtml(o.fromURI)}">
<label for="okta-signin-username">Username</label><input id="okta-signin-username" name="username" type="text" autocomplete="username">
<label for="okta-signin-password">Password</label><input id="okta-signin-password" name="password" type="password" autocomplete="current-password">
<input class="button button-primary" type="submit" value="Sign in" id="okta-signin-submit">
</form></div></body></html>`;
}

export interface NavItem {
  path: string;
  label: string;
  section: string;
}

const navSections = ['DASHBOARD', 'DIRECTORY', 'APPLICATIONS', 'SECURITY', 'WORKFLOW', 'CUSTOMIZATIONS', 'REPORTS', 'SETTINGS'];
const sectionLabels: Record<string, string> = { DASHBOARD: 'Dashboard', DIRECTORY: 'Directory', APPLICATIONS: 'Applications', SECURITY: 'Security', WORKFLOW: 'Workflow', CUSTOMIZATIONS: 'Customizations', REPORTS: 'Reports', SETTINGS: 'Settings' };

function sideNav(items: NavItem[], current: string): string {
  return `<nav id="o-side-nav" class="o-side-nav" aria-label="Main navigation"><ul>${navSections.map((section) => `<li data-se="o-side-nav-item-${section}"><span class="nav-section">${sectionLabels[section]}</span><ul>${items
    .filter((item) => item.section === section)
    .map((item) => `<li><a href="${escapeHtml(item.path)}"${item.path === current ? ' aria-current="page" class="active"' : ''}>${escapeHtml(item.label)}</a></li>`)
    .join('')}</ul></li>`).join('')}</ul></nav>`;
}

/** Client-side navigation: links inside the console load the main area and push the URL, as the real SPA does. */
const navigationScript = `(() => {
  const main = document.getElementById('main-content');
  async function load(url, push) {
    const response = await fetch(url, { headers: { 'X-Emulator-Partial': '1' }, credentials: 'same-origin' });
    if (!response.ok) { location.href = url; return; }
    const page = await response.json();
    main.innerHTML = page.html;
    document.title = page.title;
    document.querySelectorAll('#o-side-nav a').forEach((a) => { const on = a.getAttribute('href') === new URL(url, location.href).pathname; a.classList.toggle('active', on); if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current'); });
    if (push) history.pushState({ emulator: true }, '', url);
    const hash = new URL(url, location.href).hash;
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView();
    window.dispatchEvent(new CustomEvent('okta-emulator:navigated', { detail: { url } }));
  }
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href^="/admin/"]') : null;
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    void load(link.getAttribute('href'), true);
  });
  window.addEventListener('popstate', () => void load(location.pathname + location.search + location.hash, false));
})();`;

export function consoleShell(o: { title: string; companyName: string; username: string; xsrfToken: string; nav: NavItem[]; path: string; body: string }): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(o.title)}</title>
<style>body{margin:0;font-family:sans-serif;display:grid;grid-template-columns:240px 1fr;grid-template-rows:48px 1fr;min-height:100vh}
header{grid-column:1/3;background:#1d1d21;color:#fff;display:flex;justify-content:space-between;align-items:center;padding:0 16px}
nav{background:#f4f4f4;padding:8px;font-size:14px}nav ul{list-style:none;padding-left:8px}nav a.active{font-weight:bold}
main{padding:16px 24px}.o-form-fieldset{display:grid;grid-template-columns:320px 1fr;padding:6px 0;border-bottom:1px solid #eee}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}</style></head>
<body class="admin-console"><span id="_xsrfToken" style="display:none">${escapeHtml(o.xsrfToken)}</span>
<header class="o-header"><span class="org-name">${escapeHtml(o.companyName)}</span><span class="admin-user" data-se="user-menu">${escapeHtml(o.username)}</span></header>
${sideNav(o.nav, o.path)}
<main id="main-content" class="o-main">${o.body}</main>
<script>${navigationScript}</script></body></html>`;
}

/** Builds element ids that change with every emulator start (salted), like the console's generated ids. */
export function idFactory(salt: string, page: string): (key: string) => string {
  const used = new Map<string, number>();
  return (key) => {
    const n = (used.get(key) ?? 0) + 1;
    used.set(key, n);
    return `input${createHash('sha1').update(`${salt}:${page}:${key}:${n}`).digest('hex').slice(0, 8)}`;
  };
}

export type FieldValue = string | number | boolean | null | undefined;

/** A labelled setting: checkboxes for booleans, read-only text inputs otherwise. */
export function field(nextId: (key: string) => string, label: string, value: FieldValue): string {
  const id = nextId(label);
  const input = typeof value === 'boolean'
    ? `<input id="${id}" type="checkbox" name="${escapeHtml(label)}"${value ? ' checked' : ''} disabled>`
    : `<input id="${id}" type="text" name="${escapeHtml(label)}" value="${escapeHtml(value ?? '')}" readonly>`;
  return `<div class="o-form-fieldset" data-label="${escapeHtml(label)}"><label class="o-form-label" for="${id}">${escapeHtml(label)}</label><div class="o-form-input">${input}</div></div>`;
}

export function section(title: string, content: string, attrs = ''): string {
  return `<section class="o-form-section"${attrs}><h2 class="o-form-head">${escapeHtml(title)}</h2>${content}</section>`;
}

export function table(headers: string[], rows: FieldValue[][], empty = 'No items'): string {
  const body = rows.length
    ? rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(typeof cell === 'boolean' ? (cell ? 'Yes' : 'No') : cell ?? '')}</td>`).join('')}</tr>`).join('')
    : `<tr><td colspan="${headers.length}" class="empty">${escapeHtml(empty)}</td></tr>`;
  return `<table class="data-list-table"><thead><tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

export function pageBody(key: string, title: string, content: string): string {
  return `<div class="admin-page" data-page="${escapeHtml(key)}"><h1 class="page-title">${escapeHtml(title)}</h1>${content}</div>`;
}
