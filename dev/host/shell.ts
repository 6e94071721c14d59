import { DATA_THEME } from './theme';
import type { UiModuleSpec as UiModule } from '../forge-runtime/manifest';

export interface ShellUser {
  accountId: string;
  displayName: string;
}

export type ShellPage = 'dashboard' | 'wins' | 'settings' | 'confluence-page' | 'confluence-wins';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export function frameSrc(module: UiModule, instance: string, entry?: string): string {
  const params = new URLSearchParams({ module: module.key, instance });
  if (entry) params.set('entry', entry);
  return `/frame?${params.toString()}`;
}

function frame(module: UiModule, instance: string, title: string): string {
  return `<iframe data-instance="${escapeHtml(instance)}" title="${escapeHtml(title)}" src="${escapeHtml(frameSrc(module, instance))}"></iframe>`;
}

function gadget(module: UiModule, instance: string): string {
  return `<section class="gadget" data-gadget="${escapeHtml(module.key)}" data-mode="view">
  <div class="gadget-header"><h2>${escapeHtml(module.title)}</h2>
    <div>${module.hasEdit ? '<button type="button" data-action="edit">Edit</button>' : ''}
    <button type="button" data-action="reload" aria-label="Reload ${escapeHtml(module.title)}">Reload</button></div>
  </div>
  ${frame(module, instance, module.title)}
</section>`;
}

const NAV: { page: ShellPage; href: string; label: string; product: 'jira' | 'confluence' }[] = [
  { page: 'dashboard', href: '/jira/dashboard', label: 'Dashboard', product: 'jira' },
  { page: 'wins', href: '/jira/pmo-wins', label: 'PMO wins', product: 'jira' },
  { page: 'settings', href: '/jira/settings', label: 'PMO settings', product: 'jira' },
  { page: 'confluence-page', href: '/confluence/page', label: 'Confluence page', product: 'confluence' },
  {
    page: 'confluence-wins',
    href: '/confluence/pmo-wins',
    label: 'Confluence wins page',
    product: 'confluence',
  },
];

/** A page of the Jira-like (or Confluence-like) shell that hosts the app's frames. */
export function renderShell(input: {
  page: ShellPage;
  modules: UiModule[];
  users: ShellUser[];
  currentUser: string;
  colorMode: 'light' | 'dark';
  jiraLabel: string;
}): string {
  const byType = (type: string) => input.modules.filter((m) => m.type === type);
  const first = (type: string) => byType(type)[0];
  const product = NAV.find((n) => n.page === input.page)?.product ?? 'jira';
  let body: string;
  switch (input.page) {
    case 'dashboard':
      {
        // Like a Jira dashboard: a wide and a narrow column, gadgets taking turns between them.
        const gadgets = byType('jira:dashboardGadget').map((m) => gadget(m, `gadget-${m.key}`));
        const left = gadgets.filter((_, i) => i % 2 === 0).join('');
        const right = gadgets.filter((_, i) => i % 2 === 1).join('');
        body = `<h1>PMO dashboard</h1><div class="dashboard"><div>${left}</div><div>${right}</div></div>`;
      }
      break;
    case 'wins':
    case 'settings':
    case 'confluence-wins': {
      const type = {
        wins: 'jira:globalPage',
        settings: 'jira:adminPage',
        'confluence-wins': 'confluence:globalPage',
      }[input.page];
      const m = first(type);
      body = m
        ? `<div class="page-frame">${frame(m, `page-${m.key}`, m.title)}</div>`
        : '<p>No module of this kind.</p>';
      break;
    }
    case 'confluence-page': {
      const m = first('macro');
      body = `<article class="confluence-page"><h1>Quarterly PMO review</h1>
<p>This page is where the PMO reports to the leadership team each quarter. The numbers below come straight from Jira through the PMO Wins macro.</p>
${
  m
    ? `<section class="macro" data-gadget="${escapeHtml(m.key)}" data-mode="view"><div class="gadget-header"><span class="note">PMO Wins macro</span><button type="button" data-action="configure">Edit macro</button></div>${frame(m, `macro-${m.key}`, m.title)}</section>`
    : ''
}
<p class="note">Confluence page hosting the ${escapeHtml(m?.title ?? '')} macro.</p></article>`;
      break;
    }
  }
  const nav = NAV.map(
    (n) =>
      `<a href="${n.href}"${n.page === input.page ? ' aria-current="page"' : ''}>${escapeHtml(n.label)}</a>`,
  ).join('');
  const users = input.users
    .map(
      (u) =>
        `<option value="${escapeHtml(u.accountId)}"${u.accountId === input.currentUser ? ' selected' : ''}>${escapeHtml(u.displayName)}</option>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en" data-color-mode="${input.colorMode}" data-theme="${DATA_THEME}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>PMO Wins · local ${product === 'jira' ? 'Jira' : 'Confluence'}</title>
<link rel="stylesheet" href="/__forge/theme.css"><link rel="stylesheet" href="/__host/shell.css"></head>
<body>
<header class="topbar">
  <div class="product ${product}"><span class="mark" aria-hidden="true"></span>${product === 'jira' ? 'Jira' : 'Confluence'}</div>
  <nav aria-label="Pages">${nav}</nav>
  <div class="controls">
    <span class="note" title="Jira site">${escapeHtml(input.jiraLabel)}</span>
    <label class="note" for="user-switch">Signed in as</label>
    <select id="user-switch">${users}</select>
    <button type="button" data-action="theme" aria-pressed="${input.colorMode === 'dark'}">Dark mode</button>
  </div>
</header>
<main>${body}</main>
<script src="/__host/shell.js"></script>
</body></html>`;
}
