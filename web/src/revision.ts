import { type DocumentName, DOCUMENTS } from './documents';
import { h, link, params } from './dom';
import { lang, t } from './i18n';

/**
 * Reproducible and citable views: every answer the dashboard draws carries the data revision it was read
 * at; the view's URL pins it (`rev=`) and says so when the hub holds newer data; every chart and table
 * offers "Query" (the bundled GraphiQL with the exact document and variables that drew it) and "Cite"
 * (plain text, BibTeX and CSL-JSON naming the revision).
 */

export interface Revision {
  revision: number;
  changedAt: string;
}

let drawn: Revision | null = null;

/** Records the revision of the answer being drawn (each view's documents select `dataRevision`). */
export function noteRevision(revision: Revision | undefined): void {
  if (!revision) return;
  drawn = revision;
  document.body.dataset.revision = String(revision.revision);
}

export const drawnRevision = (): Revision | null => drawn;

/** A new view: no revision drawn yet. */
export function forgetRevision(): void {
  drawn = null;
  delete document.body.dataset.revision;
}

const day = (iso: string): string => iso.slice(0, 10);

/**
 * The line under a view's heading: the revision drawn. A URL without `rev` is pinned to it (replaced in
 * place, so a copied link pins it); a URL pinned to another revision says the data has changed since.
 */
export function revisionNotice(): HTMLElement | string {
  if (!drawn) return '';
  const current = drawn.revision;
  const pinned = params().get('rev');
  if (!pinned) history.replaceState(null, '', link({ rev: String(current) }));
  const line = `${t('dataRevision')} ${current} (${day(drawn.changedAt)})`;
  if (!pinned || Number(pinned) === current) return h('p', { class: 'revision muted', 'data-revision': current }, line);
  return h(
    'p',
    { class: 'revision changed', role: 'note', 'data-revision': current, 'data-pinned': pinned },
    `${t('pinnedRevision')} ${pinned}; ${t('newerData')} ${current} (${day(drawn.changedAt)}). ${t('figuresOf')} ${current}. `,
    h('a', { href: link({ rev: String(current) }) }, `${t('pinTo')} ${current}`),
  );
}

/** The bundled GraphiQL with a document and its variables (in the fragment: the page loads, then reads them). */
export function queryLink(name: DocumentName, variables: Record<string, unknown>): string {
  const fragment = new URLSearchParams({ query: DOCUMENTS[name], variables: JSON.stringify(variables, null, 2) });
  return `/graphql#${fragment}`;
}

/** A citation of a view: plain text, BibTeX and CSL-JSON, each naming the data revision and the date. */
export function citation(title: string): { text: string; bibtex: string; csl: string } {
  const revision = drawn?.revision ?? 0;
  const changed = day(drawn?.changedAt ?? new Date(0).toISOString());
  const today = new Date().toISOString().slice(0, 10);
  const url = new URL(link({ rev: String(revision) }), location.href).toString();
  const publisher = 'Component 2 Hub';
  const version = `${lang() === 'en' ? 'data revision' : 'ревизия на данните'} ${revision} (${changed})`;
  const accessed = lang() === 'en' ? 'Accessed' : 'Прегледано на';
  const text = `${publisher}. ${title}. ${version}. ${url}. ${accessed} ${today}.`;
  const bibtex = [
    `@misc{component2hub-r${revision}-${today.replaceAll('-', '')},`,
    `  title = {${title}},`,
    `  author = {{${publisher}}},`,
    `  publisher = {${publisher}},`,
    `  year = {${changed.slice(0, 4)}},`,
    `  version = {${revision}},`,
    `  note = {${version}},`,
    `  url = {${url}},`,
    `  urldate = {${today}}`,
    '}',
  ].join('\n');
  const parts = (date: string) => ({ 'date-parts': [date.split('-').map(Number)] });
  const csl = JSON.stringify(
    [
      {
        id: `component2hub-r${revision}`,
        type: 'dataset',
        title,
        publisher,
        author: [{ literal: publisher }],
        version: String(revision),
        note: version,
        URL: url,
        issued: parts(changed),
        accessed: parts(today),
      },
    ],
    null,
    2,
  );
  return { text, bibtex, csl };
}

/** "Query" and "Cite" for one chart or table. */
export function reproduce(title: string, name: DocumentName, variables: Record<string, unknown>): HTMLElement {
  const cite = h('details', { class: 'cite' }, h('summary', {}, t('cite')));
  // Written when opened: the URL (and its `rev`) is final by then.
  cite.addEventListener('toggle', () => {
    if (!(cite as HTMLDetailsElement).open || cite.children.length > 1) return;
    const { text, bibtex, csl } = citation(title);
    cite.append(
      h('p', {}, t('citeText')),
      h('pre', { 'data-format': 'text' }, text),
      h('p', {}, 'BibTeX'),
      h('pre', { 'data-format': 'bibtex', translate: 'no' }, bibtex),
      h('p', {}, 'CSL-JSON'),
      h('pre', { 'data-format': 'csl-json', translate: 'no' }, csl),
    );
  });
  return h(
    'div',
    { class: 'reproduce' },
    h('a', { class: 'query', href: queryLink(name, variables), 'data-document': name }, t('query')),
    cite,
  );
}
