// The analysts' dashboard: a client of the hub's public GraphQL API, nothing else. Vanilla TypeScript
// (no UI framework: a few views of forms, tables and charts do not need one) and Observable Plot for
// the charts (SVG, so every bar is in the DOM with its own title, and small). The view's state lives in
// the URL, so a link reproduces it.
import { renderAggregates } from './aggregates';
import { renderCompare } from './compare';
import { renderEdit } from './edit';
import { renderCell, renderLeague } from './league';
import { forgetRevision } from './revision';
import { h, link, params } from './dom';
import { type Key, lang, t } from './i18n';
import { go, redraw, setDraw } from './navigation';
import { renderMunicipality, renderProject } from './pages';

function nav(): void {
  const current = currentView();
  const items: [string, Key][] = [
    ['compare', 'compare'],
    ['league', 'league'],
    ['aggregates', 'aggregates'],
  ];
  const element = document.getElementById('nav')!;
  element.replaceChildren(
    ...items.map(([view, label]) =>
      h(
        'a',
        { href: link({ view, code: null, id: null }), 'aria-current': current === view ? 'page' : null },
        t(label),
      ),
    ),
    h('a', { href: '/graphql' }, t('explorer')),
    h(
      'a',
      { href: `/edit${lang() === 'en' ? '?lang=en' : ''}`, 'aria-current': current === 'edit' ? 'page' : null },
      t('desk'),
    ),
  );
  element.setAttribute('aria-label', lang() === 'en' ? 'Views' : 'Изгледи');
  const button = document.getElementById('lang')!;
  button.textContent = t('language');
  button.setAttribute('lang', lang() === 'en' ? 'bg' : 'en');
  button.onclick = () => go({ lang: lang() === 'en' ? null : 'en' });
  document.documentElement.lang = lang();
  document.getElementById('skip')!.textContent = t('skip');
}

async function render(): Promise<void> {
  nav();
  const main = document.getElementById('main')!;
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(h('p', { role: 'status' }, t('loading')));
  forgetRevision();
  try {
    const view = currentView();
    if (view === 'edit') await renderEdit(main);
    else if (view === 'municipality') await renderMunicipality(main);
    else if (view === 'project') await renderProject(main);
    else if (view === 'aggregates') await renderAggregates(main);
    else if (view === 'league') await renderLeague(main);
    else if (view === 'cell') await renderCell(main);
    else await renderCompare(main);
    // Names of municipalities in every view lead to their page.
    for (const row of main.querySelectorAll<HTMLElement>('tr[data-municipality]')) {
      const cell = row.children[1];
      if (cell && !cell.querySelector('a'))
        cell.replaceChildren(
          h('a', { href: link({ view: 'municipality', code: row.dataset.municipality! }) }, cell.textContent ?? ''),
        );
    }
  } catch (error) {
    main.replaceChildren(h('p', { role: 'alert', class: 'error' }, `${t('error')}: ${(error as Error).message}`));
  } finally {
    main.setAttribute('aria-busy', 'false');
    document.body.dataset.ready = 'true';
    // When the view was drawn and then painted (the task after the next frame), from the navigation's
    // start: bench/dashboard.js reads them.
    performance.mark('view-drawn');
    requestAnimationFrame(() => setTimeout(() => performance.mark('view-painted')));
  }
}

/** The view: the editor's desk at /edit, else the `view` parameter (compare by default). */
function currentView(): string {
  return location.pathname === '/edit' ? 'edit' : (params().get('view') ?? 'compare');
}

setDraw(render);
window.addEventListener('popstate', () => void redraw());
void redraw();
