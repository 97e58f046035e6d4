import { stringify } from 'csv-stringify/browser/esm/sync';
import { lang, t } from './i18n';
import { humanize, label } from './labels';

/** The view's state is in the URL, so that a link reproduces it. */
let parsed = { search: '\0', params: new URLSearchParams() };
/** The URL's parameters (parsed again only when the URL changes): read them, never change them. */
export const params = (): URLSearchParams => {
  if (parsed.search !== location.search)
    parsed = { search: location.search, params: new URLSearchParams(location.search) };
  return parsed.params;
};
export const list = (name: string): string[] | undefined => params().get(name)?.split(',').filter(Boolean);

/** The view's currency: EUR when the URL asks for it, else BGN (as published). */
export const currencyParam = (): 'BGN' | 'EUR' => (params().get('currency') === 'EUR' ? 'EUR' : 'BGN');

/** The view's basis where only a known one will do: PLANNED or ACHIEVED when asked, else BEST_AVAILABLE. */
export const basisParam = (): string => {
  const basis = params().get('basis') ?? '';
  return ['PLANNED', 'ACHIEVED'].includes(basis) ? basis : 'BEST_AVAILABLE';
};

/** The current URL with some parameters changed (null or '' removes one). */
export function link(changes: Record<string, string | null>): string {
  const next = new URLSearchParams(params());
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

/** The form's choice of the basis a comparison is read on, named as the schema labels them. */
export const basisSelect = (basis: string): HTMLElement =>
  labelledSelect(
    'basis',
    t('basis'),
    ['BEST_AVAILABLE', 'PLANNED', 'ACHIEVED'].map((value) => [value, label('ComparisonBasis', value)]),
    basis,
  );

/** The form's choice of currency: BGN as published, or EUR (named `eurText`) at the fixed rate. */
export const currencySelect = (currency: string, eurText = 'EUR'): HTMLElement =>
  labelledSelect(
    'currency',
    t('currency'),
    [
      ['BGN', 'BGN'],
      ['EUR', eurText],
    ],
    currency,
  );

/** A labelled choice of a form: `options` as [value, text], the one equal to `value` chosen. */
export function labelledSelect(name: string, text: string, options: [string, string][], value: string): HTMLElement {
  return h(
    'label',
    {},
    `${text} `,
    h(
      'select',
      { name },
      ...options.map(([option, optionText]) => h('option', { value: option, selected: option === value }, optionText)),
    ),
  );
}

/** A source as a page names it: its publisher and date; the title and address behind the link. */
export interface SourceRef {
  key?: string;
  url: string | null;
  title?: string | null;
  publisher?: string | null;
  publishedOn?: string | null;
}

/** Links to the sources of a figure: "publisher, date", each with its title as the tooltip. */
export function sourceLinks(sources: (SourceRef | null | undefined)[]): HTMLElement {
  const span = h('span', { class: 'sources' });
  sources
    .filter((source): source is SourceRef => Boolean(source))
    .forEach((source, index) => {
      if (index) span.append(' · ');
      const text = `${source.publisher ?? source.key ?? ''}${source.publishedOn ? `, ${source.publishedOn}` : ''}`;
      const title = source.title ?? undefined;
      span.append(
        source.url
          ? h('a', { href: source.url, rel: 'noopener', title, ...nameAttributes(text) }, text)
          : h('span', { title, ...nameAttributes(text) }, text),
      );
    });
  return span;
}

/** Sources in a tooltip: publisher and date, never a raw address. */
export const sourcesText = (sources: SourceRef[]): string =>
  sources
    .map((source) => `${source.publisher ?? source.key}${source.publishedOn ? ` (${source.publishedOn})` : ''}`)
    .join('; ');

/** "Download CSV" of exactly what a table shows (its header and cells as displayed), written with csv-stringify. */
export function tableCsvLink(table: HTMLTableElement, file: string): HTMLElement {
  const anchor = h('a', { class: 'download', href: '#', download: file }, t('download'));
  anchor.addEventListener('click', () => {
    // The file names the data revision the table was drawn from (revision.ts keeps it on the body).
    const revision = document.body.dataset.revision;
    if (revision) anchor.setAttribute('download', file.replace(/\.csv$/, `-r${revision}.csv`));
    const rows = [...table.querySelectorAll('tr')].map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim()),
    );
    const blob = new Blob(['\uFEFF', stringify(rows)], { type: 'text/csv;charset=utf-8' });
    anchor.setAttribute('href', URL.createObjectURL(blob));
  });
  return h('p', {}, anchor);
}

/** A proper name (a publisher): never translated; in Bulgarian when in Cyrillic. */
const nameAttributes = (text: string) => ({ translate: 'no', lang: script(text) });

/** The language of a text as published: Bulgarian where it is in Cyrillic (names, quotes), else unsaid. */
export const script = (text: string | null | undefined): 'bg' | undefined =>
  /[А-Яа-я]/.test(text ?? '') ? 'bg' : undefined;

/** A quote's language: Bulgarian in Cyrillic, else English (the English pages of EU portals). */
const quoteLanguage = (text: string | null | undefined): 'bg' | 'en' | undefined =>
  script(text) ?? (/[A-Za-z]/.test(text ?? '') ? 'en' : undefined);

/** Text as published (a name, a quote), marked with its language so that readers and screen readers know it. */
export const published = (text: string | null | undefined, tag = 'span'): HTMLElement =>
  h(tag, { lang: quoteLanguage(text), class: 'published' }, text ?? '');

/**
 * A sentence the API writes in English (a flag's or caveat's detail, a curator's note), marked as
 * English, the codes it names in words, and the Bulgarian it quotes (ИСУН, „близо 1 560 000 лв.“)
 * marked as Bulgarian.
 */
export const english = (text: string | null | undefined, tag = 'span'): HTMLElement =>
  h(
    tag,
    { lang: 'en', class: 'detail' },
    ...humanize(text ?? '')
      .split(/([А-Яа-я][А-Яа-я0-9\s.,;:–-]*[А-Яа-я.])/)
      .map((part, index) => (index % 2 ? h('span', { lang: 'bg' }, part) : part)),
  );

/** A name as published; in English its Latin form first, the published one beside (marked Bulgarian). */
export const nameBeside = (name: string, latin: string | null | undefined): HTMLElement =>
  lang() === 'en' && latin && latin !== name
    ? h('span', {}, `${latin} (`, h('span', { lang: 'bg' }, name), ')')
    : published(name);

/** The title of a cited page: a name, never translated (curators' bracketed remarks included). */
export const citedTitle = (title: string): HTMLElement => h('span', { translate: 'no', lang: script(title) }, title);
