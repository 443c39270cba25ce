import { escapeHtml as e } from '../shared/http';
import { type SetupPageDef, setupPageDefs } from './setup-pages';
import type { OrgState } from './state';

/** Login page and the Lightning Setup shell (header, Setup tree, iframe), as HTML templates. */

export function loginPage(org: OrgState, options: { error?: string; username?: string; startURL?: string }): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Login | Salesforce</title>
<style>body{margin:0;background:#f3f3f3;font-family:Salesforce Sans,Arial,sans-serif}#wrapper{max-width:380px;margin:60px auto}#logo_wrapper{text-align:center;margin-bottom:24px;font-size:34px;color:#00a1e0;font-weight:bold}
#content{background:#fff;border:1px solid #d8dde6;border-radius:4px;padding:20px}label{display:block;font-size:13px;color:#54698d;margin:8px 0 4px}input.input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #d8dde6;border-radius:4px;font-size:14px}
#Login{width:100%;margin-top:16px;padding:12px;background:#0070d2;color:#fff;border:0;border-radius:4px;font-size:14px;cursor:pointer}#error{color:#c23934;font-size:13px;margin-bottom:10px}.mydomain{font-size:12px;color:#54698d;text-align:center;margin-top:14px}</style></head>
<body><div id="wrapper"><div id="logo_wrapper" aria-label="Salesforce">salesforce</div><div id="content">
${options.error ? `<div id="error" class="loginError" role="alert">${e(options.error)}</div>` : ''}
<form name="login" id="login_form" method="post" action="/login" autocomplete="off" novalidate>
<label for="username">Username</label><input class="input r4 wide mb16 mt8 username" type="email" id="username" name="username" value="${e(options.username ?? '')}" autocomplete="username">
<label for="password">Password</label><input class="input r4 wide mb16 mt8 password" type="password" id="password" name="pw" autocomplete="current-password">
<input type="hidden" name="startURL" value="${e(options.startURL ?? '')}">
<input class="button r4 wide primary" type="submit" id="Login" name="Login" value="Log In"></form>
<div class="mydomain">${e(org.apiHost)}</div></div></div></body></html>`;
}

function navTree(): string {
  const groups = new Map<string, SetupPageDef[]>();
  for (const page of setupPageDefs) groups.set(page.group, [...(groups.get(page.group) ?? []), page]);
  return [...groups]
    .map(
      ([group, pages]) =>
        `<li class="tree-group"><span class="tree-group-label">${e(group)}</span><ul role="group">${pages
          .map((page) => `<li role="treeitem"><a class="tree-link" href="/lightning/setup/${e(page.key)}/home" data-page="${e(page.key)}">${e(page.title)}</a></li>`)
          .join('')}</ul></li>`,
    )
    .join('');
}

export interface ShellPage {
  key: string;
  title: string;
  /** iframe URL, absent for Lightning-native pages (Setup Home, MFA Assistant…) and unknown pages. */
  frameUrl?: string;
  /** The main-area HTML of a Lightning-native page (rendered by the emulator, never from request input). */
  body?: string;
}

const unavailable = '<p id="nativeMessage">This Setup page is not available in the emulator.</p>';

const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, ' ');

/** The Lightning Setup shell; navigation between Setup pages uses history.pushState (no reload), like Lightning. */
export function lightningShell(org: OrgState, current: ShellPage, pages: ShellPage[], user: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${e(current.title)} | Salesforce</title>
<style>body{margin:0;font-family:Salesforce Sans,Arial,sans-serif;background:#b0c4df;font-size:13px}.slds-global-header{display:flex;align-items:center;gap:16px;background:#fff;height:48px;padding:0 16px;box-shadow:0 2px 2px rgba(0,0,0,.1)}
.logo{color:#00a1e0;font-weight:bold;font-size:18px}.orgName{font-weight:bold}.appName{color:#706e6b}.user{margin-left:auto}.setupShell{display:flex;min-height:calc(100vh - 48px)}
nav.setup-nav{width:240px;background:#fff;border-right:1px solid #dddbda;padding:8px 0}nav ul{list-style:none;margin:0;padding:0}.tree-group-label{display:block;font-weight:bold;padding:8px 14px 4px;color:#3e3e3c}
.tree-link{display:block;padding:4px 24px;color:#080707;text-decoration:none}.tree-link[aria-current=page]{background:#ecebea;box-shadow:inset 3px 0 #0176d3}main.setupContent{flex:1;padding:12px}
.setupHeader{background:#fff;border-radius:4px;padding:12px 16px;margin-bottom:12px}.breadcrumb{font-size:11px;text-transform:uppercase;color:#706e6b}.setupHeader h1{margin:2px 0 0;font-size:18px}
iframe.setupFrame{width:100%;height:calc(100vh - 150px);border:0;background:#fff;border-radius:4px}.slds-card{background:#fff;border-radius:4px;padding:12px 16px;margin-bottom:12px}.slds-card__header-title{font-size:14px;margin:0 0 8px}.slds-form-element{margin:6px 0}.slds-form-element__label{display:block;color:#3e3e3c;font-size:12px}.slds-table{width:100%;border-collapse:collapse}.slds-table th,.slds-table td{text-align:left;border-bottom:1px solid #dddbda;padding:4px 8px}</style></head>
<body class="desktop"><div id="auraLoadingBox" hidden></div>
<header class="slds-global-header" role="banner"><span class="logo" aria-hidden="true">☁</span><span class="orgName" data-org-id="${e(org.orgId)}">${e(org.seed.name)}</span><span class="appName">Setup</span><span class="user" title="${e(user)}">${e(user)}</span>
<a href="/secur/logout.jsp" class="logout">Log Out</a></header>
<div class="setupShell"><nav class="setup-nav" aria-label="Setup"><ul role="tree" class="tree">${navTree()}</ul></nav>
<main class="setupContent" role="main"><div class="setupHeader"><div class="breadcrumb">Setup</div><h1 class="setupTitle" id="setupTitle">${e(current.title)}</h1></div>
<section id="setupHome" class="nativePage"${current.frameUrl ? ' hidden' : ''}>${current.frameUrl ? '' : current.body ?? unavailable}</section>
<iframe id="setupFrame" class="setupFrame" title="${e(current.title)}" name="vfFrameId_${Date.now()}" ${current.frameUrl ? `src="${e(current.frameUrl)}"` : 'hidden'} allow="clipboard-write"></iframe>
</main></div>
<script>
(function(){
  var pages = ${json(pages)};
  var byKey = {}; pages.forEach(function(p){ byKey[p.key] = p; });
  var frame = document.getElementById('setupFrame'), home = document.getElementById('setupHome'), title = document.getElementById('setupTitle');
  function show(key){
    var page = byKey[key] || { key: key, title: key };
    title.textContent = page.title; document.title = page.title + ' | Salesforce';
    document.querySelectorAll('.tree-link').forEach(function(a){ if (a.dataset.page === key) a.setAttribute('aria-current','page'); else a.removeAttribute('aria-current'); });
    // A new iframe element per page (as Lightning re-renders): its first load adds no history entry.
    var next = document.createElement('iframe');
    next.id = 'setupFrame'; next.className = 'setupFrame'; next.name = 'vfFrameId_' + Date.now(); next.title = page.title;
    next.setAttribute('allow', 'clipboard-write');
    if (page.frameUrl) { home.hidden = true; home.innerHTML = ''; next.src = page.frameUrl; }
    else { next.hidden = true; home.hidden = false; home.innerHTML = page.body || ${json(unavailable)}; }
    frame.replaceWith(next); frame = next;
  }
  document.addEventListener('click', function(event){
    var link = event.target.closest && event.target.closest('a.tree-link');
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    history.pushState({ page: link.dataset.page }, '', link.getAttribute('href'));
    show(link.dataset.page);
  });
  window.addEventListener('popstate', function(){ var m = /\\/lightning\\/setup\\/([^/]+)\\//.exec(location.pathname); if (m) show(m[1]); });
  document.querySelectorAll('.tree-link').forEach(function(a){ if (a.dataset.page === ${json(current.key)}) a.setAttribute('aria-current','page'); });
})();
</script></body></html>`;
}
