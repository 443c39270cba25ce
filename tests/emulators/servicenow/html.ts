import { escapeHtml } from '../shared/http';
import type { ServiceNowSession } from './sessions';

/**
 * HTML templates of the emulated ServiceNow pages: the login form, the UI16 shell (`gsft_main` iframe in the top
 * document), the Next Experience shell (`gsft_main` inside the macroponent's open shadow root, reference §5.2) and
 * the classic page frame. Every page of a signed-in session defines `window.g_ck` in an inline script. Every seeded
 * text goes through escapeHtml.
 */
export const htmlHeaders = { 'Content-Type': 'text/html;charset=UTF-8', 'Cache-Control': 'no-cache, no-store' };

export interface NavModule {
  label: string;
  /** Path + query of the classic page. */
  path: string;
}

/** JSON for an inline script: `<` escaped so no text can close the script element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** The page globals: `g_ck` (the session's user token) and a small `NOW` object. */
function pageGlobals(session: ServiceNowSession): string {
  const token = session.token.replace(/[^0-9a-f]/g, '');
  const now = { user_name: session.userName, user: { userID: session.userId, name: session.name, roles: session.roles.join(',') } };
  return `<script>window.g_ck = '${token}';</script>\n<script>window.NOW = Object.assign(window.NOW || {}, ${scriptJson(now)});</script>`;
}

const baseStyle = 'body{margin:0;font-family:"Source Sans Pro",Arial,sans-serif;font-size:14px;color:#2e2e2e}a{color:#1f5f8b}';

export function loginPage(o: { displayName: string; gotoUrl: string; error?: string }): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Log in | ServiceNow</title>
<style>${baseStyle}body{background:#f1f1f1}#login_container{width:360px;margin:80px auto;background:#fff;padding:32px;border:1px solid #ddd}label{display:block;margin-top:12px}input{width:100%;padding:6px;box-sizing:border-box}.outputmsg_error{color:#c00}</style></head>
<body class="login"><div id="login_container" class="login-container"><h1 class="login-title">${escapeHtml(o.displayName)}</h1>
${o.error ? `<div class="outputmsg outputmsg_error notification notification-error" role="alert">${escapeHtml(o.error)}</div>` : ''}
<form action="login.do" method="post" id="loginPage" name="loginPage" class="form-horizontal">
<input type="hidden" name="sysparm_goto_url" id="sysparm_goto_url" value="${escapeHtml(o.gotoUrl)}">
<label for="user_name">User name</label><input id="user_name" name="user_name" type="text" class="form-control" autocomplete="username">
<label for="user_password">Password</label><input id="user_password" name="user_password" type="password" class="form-control" autocomplete="current-password">
<button type="submit" id="sysverb_login" name="sys_action" value="sysverb_login" class="btn btn-primary">Log in</button>
</form></div></body></html>`;
}

/** A classic (UI16) content page: what loads inside `gsft_main`, or on its own. */
export function classicPage(o: { title: string; session: ServiceNowSession; body: string; bodyClass?: string }): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(o.title)} | ServiceNow</title>
${pageGlobals(o.session)}
<style>${baseStyle}body{padding:0 12px}.navbar{display:flex;align-items:center;gap:16px;border-bottom:1px solid #ddd}.navbar-title{font-size:18px;margin:10px 0}
table.list2_table{border-collapse:collapse;width:100%}.list2_table th,.list2_table td{border-bottom:1px solid #e5e5e5;padding:4px 8px;text-align:left;vertical-align:top}
.form-group{display:grid;grid-template-columns:220px 1fr;padding:6px 0}.outputmsg_error{color:#c00;padding:8px 0}</style></head>
<body class="${escapeHtml(o.bodyClass ?? 'classic')}">
${o.body}
</body></html>`;
}

function moduleLinks(modules: NavModule[], href: (module: NavModule) => string, target: string): string {
  return modules.map((module) => `<li><a class="sn-widget-list-item module-node" href="${escapeHtml(href(module))}" target="${target}">${escapeHtml(module.label)}</a></li>`).join('');
}

/** UI16: `/navpage.do`, `/nav_to.do?uri=…`: header and application navigator around `<iframe id="gsft_main">`. */
export function ui16Shell(o: { displayName: string; session: ServiceNowSession; src: string; modules: NavModule[] }): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>ServiceNow</title>
${pageGlobals(o.session)}
<style>${baseStyle}body{display:grid;grid-template-columns:260px 1fr;grid-template-rows:50px 1fr;height:100vh}
.navpage-header{grid-column:1/3;background:#303a46;color:#fff;display:flex;justify-content:space-between;align-items:center;padding:0 16px}
.navpage-header a{color:#fff}.navpage-nav{background:#303a46;overflow:auto}.navpage-nav a{color:#e0e0e0;display:block;padding:4px 12px}
.navpage-nav ul{list-style:none;padding:0}#gsft_main{width:100%;height:100%;border:0}</style></head>
<body class="navpage">
<header class="navpage-header" id="nav-header"><div class="navbar-header"><span class="navbar-brand-logo">servicenow</span> <span class="navpage-header-title">${escapeHtml(o.displayName)}</span></div>
<div class="navpage-header-content"><span class="user-name" id="user_info_dropdown">${escapeHtml(o.session.name)}</span> <a href="/logout.do" target="_top">Log out</a></div></header>
<nav class="navpage-nav" id="gsft_nav" aria-label="Application Navigator"><ul class="sn-widget-list">${moduleLinks(o.modules, (module) => module.path, 'gsft_main')}</ul></nav>
<main class="navpage-main"><iframe id="gsft_main" name="gsft_main" title="Main Content" src="${escapeHtml(o.src)}"></iframe></main>
</body></html>`;
}

/** The Next Experience path that shows a classic page (reference §5.1): the path + query encoded once more. */
export const nextExperienceTarget = (pathAndQuery: string) => `/now/nav/ui/classic/params/target/${encodeURIComponent(pathAndQuery.replace(/^\/+/, ''))}`;

/**
 * Next Experience (Polaris) top page: `<macroponent-f51912f4c700201072b211d4d8c26010>` whose open (declarative)
 * shadow root holds the app shell, `sn-polaris-header` and `<iframe id="gsft_main">`.
 */
export function nextExperienceShell(o: { displayName: string; session: ServiceNowSession; src: string; modules: NavModule[]; componentId: string }): string {
  const config = { instanceName: o.session.instance, productDescription: o.displayName, unifiedNavigation: true };
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(o.displayName)} | ServiceNow</title>
${pageGlobals(o.session)}
<style>${baseStyle}</style></head>
<body><macroponent-f51912f4c700201072b211d4d8c26010 component-id="${escapeHtml(o.componentId)}" global-navigation-config="${escapeHtml(JSON.stringify(config))}">
<template shadowrootmode="open"><style>:host{display:block}sn-polaris-header{display:flex;justify-content:space-between;align-items:center;height:48px;padding:0 16px;background:#032d42;color:#fff}
sn-polaris-header a{color:#fff}.polaris-menu{display:flex;gap:12px;font-size:13px;list-style:none;margin:0;padding:0}#gsft_main{width:100%;height:calc(100vh - 48px);border:0;display:block}</style>
<sn-canvas-appshell-root><sn-canvas-appshell-layout><sn-polaris-layout>
<sn-polaris-header class="sn-polaris-header" aria-label="Global navigation"><span class="polaris-logo">servicenow</span> <span class="polaris-instance-name">${escapeHtml(o.displayName)}</span>
<nav class="polaris-menu" aria-label="All"><ul class="polaris-menu">${moduleLinks(o.modules, (module) => nextExperienceTarget(module.path), '_top')}</ul></nav>
<span class="polaris-user" data-user-name="${escapeHtml(o.session.userName)}">${escapeHtml(o.session.name)}</span> <a href="/logout.do" target="_top">Log out</a></sn-polaris-header>
<main class="sn-polaris-main"><iframe id="gsft_main" name="gsft_main" title="Main Content" src="${escapeHtml(o.src)}"></iframe></main>
</sn-polaris-layout></sn-canvas-appshell-layout></sn-canvas-appshell-root>
</template></macroponent-f51912f4c700201072b211d4d8c26010>
</body></html>`;
}

export function notFoundPage(message = 'The page you are looking for could not be found.'): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page not found | ServiceNow</title></head><body><h1>Page not found</h1><p>${escapeHtml(message)}</p></body></html>`;
}
