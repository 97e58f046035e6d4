import type { ProjectFile } from './project-file';

/** Longest source text the hub keeps (characters); the curated excerpts are under 13,000. */
export const MAX_SOURCE_TEXT = 200_000;

/**
 * How a quote and a page are compared: Unicode NFC, every kind of double quote mark as ", every
 * single one as ', every run of white space as one space. Nothing else is forgiven: a figure or a
 * word that differs is not found.
 */
export function normaliseForQuotes(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[„“”‟″«»"]/g, '"')
    .replace(/[‘’‚‛′`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Quote {
  /** JSON path in the file. */
  path: string;
  text: string;
  source: string;
}

/**
 * Every text a file says it copied from a source: each `asPublished`, each procedure quote, and the texts
 * that are their own quote: the title, the aim and each partner's name (its `asPublished` where the source
 * writes the organisation otherwise than `name`).
 */
export function quotesOf(document: ProjectFile): Quote[] {
  const quotes: Quote[] = [];
  if (document.title) quotes.push({ path: '$.title.value', text: document.title.value, source: document.title.source });
  if (document.aim) quotes.push({ path: '$.aim.value', text: document.aim.value, source: document.aim.source });
  document.partners.forEach((entry, index) => {
    const path = entry.asPublished ? `$.partners[${index}].asPublished` : `$.partners[${index}].name`;
    quotes.push({ path, text: entry.asPublished ?? entry.name, source: entry.source });
  });
  if (document.registrationNumber?.asPublished) {
    quotes.push({
      path: '$.registrationNumber.asPublished',
      text: document.registrationNumber.asPublished,
      source: document.registrationNumber.source,
    });
  }
  document.procedureCitations.forEach((entry, index) =>
    quotes.push({ path: `$.procedureCitations[${index}].quote`, text: entry.quote, source: entry.source }),
  );
  const lists: [string, { asPublished?: string | null; source: string }[]][] = [
    ['period', document.period],
    ['contracts', document.contracts],
    ['funding', document.funding],
    ['activities', document.activities],
    ['targetGroups', document.targetGroups],
    ['indicators', document.indicators],
  ];
  for (const [name, entries] of lists) {
    entries.forEach((entry, index) => {
      if (entry.asPublished)
        quotes.push({ path: `$.${name}[${index}].asPublished`, text: entry.asPublished, source: entry.source });
    });
  }
  return quotes;
}

/** Null when `text` contains the quote; else what to tell the editor: the words not in the page, or that they are there but not in that order. */
export function quoteProblem(quote: string, normalisedText: string): string | null {
  const wanted = normaliseForQuotes(quote);
  if (normalisedText.includes(wanted)) return null;
  const lower = normalisedText.toLowerCase();
  const missing = [...new Set(wanted.split(' ').filter((word) => !lower.includes(word.toLowerCase())))];
  return missing.length > 0
    ? `not found in the source's text: the words ${missing
        .slice(0, 10)
        .map((word) => JSON.stringify(word))
        .join(', ')}${missing.length > 10 ? ', …' : ''} do not appear in it`
    : `not found in the source's text: each word appears, but not as ${JSON.stringify(wanted)}`;
}
