import { stringify } from 'csv-stringify/browser/esm/sync';
import { t } from './i18n';

/** The view's state is in the URL, so that a link reproduces it. */
export const params = (): URLSearchParams => new URLSearchParams(location.search);
export const list = (name: string): string[] | undefined => params().get(name)?.split(',').filter(Boolean);

/** The current URL with some parameters changed (null or '' removes one). */
export function link(changes: Record<string, string | null>): string {
  const next = params();
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === '') next.delete(name);
    else next.set(name, value);
  }
  return `?${next.toString()}`;
}

type Attributes = Record<string, string | number | boolean | null | undefined>;
type Child = Node | string | null | undefined | false;

/** Builds an element: h('a', { href }, 'text', child). */
export function h(tag: string, attributes: Attributes = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** Links to the sources of a figure (publisher, or key where none is known). */
export function sourceLinks(sources: { key?: string; url: string | null; publisher?: string | null }[]): HTMLElement {
  const span = h('span', { class: 'sources' });
  sources.forEach((source, index) => {
    if (index) span.append(' · ');
    const text = source.publisher ?? source.key ?? '';
    span.append(source.url ? h('a', { href: source.url, rel: 'noopener' }, text) : text);
  });
  return span;
}

/** "Download CSV" of exactly what a table shows (its header and cells as displayed), written with csv-stringify. */
export function tableCsvLink(table: HTMLTableElement, file: string): HTMLElement {
  const anchor = h('a', { class: 'download', href: '#', download: file }, t('download'));
  anchor.addEventListener('click', () => {
    const rows = [...table.querySelectorAll('tr')].map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim()),
    );
    const blob = new Blob(['\uFEFF', stringify(rows)], { type: 'text/csv;charset=utf-8' });
    anchor.setAttribute('href', URL.createObjectURL(blob));
  });
  return h('p', {}, anchor);
}
