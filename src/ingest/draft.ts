import { createHash } from 'node:crypto';
import { extractDraft, type Extraction, type Proposal } from '../domain/draft/extract';
import { draftFile } from './draft-file';

/** The longest text a draft is read from: the import format's limit of a source text. */
export const MAX_DRAFT_TEXT = 200_000;
/** The most proposals a draft holds (a text with more is cut after them, and says so). */
export const MAX_PROPOSALS = 500;

/** What a draft is read from: one published text and what is known of it. */
export interface DraftInput {
  text: string;
  municipalityCode: string;
  /** The municipality's Latin name: the default project key (`velingrad`). */
  municipalityNameLatin: string;
  sourceUrl: string | null;
  publisher: string | null;
  publishedOn: string | null;
  sourceTitle?: string | null;
  projectKey?: string | null;
  /** The text is an excerpt of the page (not the whole page). */
  excerpt?: boolean;
}

export interface DraftResult extends Extraction {
  file: Record<string, unknown>;
}

/** A proposal as the API and `npm run draft` show it: its statement as the project file would hold it. */
export interface PublicProposal {
  id: string;
  kind: Uppercase<Proposal['proposed']['kind']>;
  statement: Record<string, unknown>;
  quote: Proposal['quote'];
  sentence: Proposal['sentence'];
  flags: Proposal['flags'];
}

export function publicProposal({ id, proposed, quote, sentence, flags }: Proposal): PublicProposal {
  const { kind, ...statement } = proposed as Proposal['proposed'] & { fundingKind?: string };
  // An amount's `fundingKind` is the project file's `kind`.
  const { fundingKind, ...rest } = statement as Record<string, unknown>;
  return {
    id,
    kind: kind.toUpperCase() as PublicProposal['kind'],
    statement: fundingKind === undefined ? rest : { ...rest, kind: fundingKind },
    quote,
    sentence,
    flags,
  };
}

/**
 * Why a text cannot be read (too long, or binary data pasted as text), or null. NUL bytes and lone
 * surrogates are refused before, like in every argument (limits.ts).
 */
export function draftTextProblem(text: string): string | null {
  if (text.trim().length === 0) return 'is empty';
  if (text.length > MAX_DRAFT_TEXT) return `is ${text.length} characters long, more than ${MAX_DRAFT_TEXT}`;
  // Binary data decoded as text: control characters (other than tab, line breaks, form feed) or U+FFFD.
  const odd = text.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  if (odd > Math.max(2, text.length / 200))
    return `holds ${odd} control or replacement characters: binary data, not a published text`;
  return null;
}

/** `Velingrad` → `velingrad`, `Stara Zagora` → `stara-zagora`. */
export const keyOf = (latin: string): string =>
  latin
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'project';

/**
 * A draft of a project file from one text: the proposals (extract.ts), what the text does not state, and
 * the file with every proposal accepted, the text as its source. The same for the API (`draftFromText`)
 * and `npm run draft`. Pure.
 */
export function makeDraft(input: DraftInput): DraftResult {
  const extraction = extractDraft(input.text, { publishedOn: input.publishedOn });
  const proposals = extraction.proposals.slice(0, MAX_PROPOSALS);
  const hash = createHash('sha256').update(input.text).digest('hex').slice(0, 12);
  const host = input.sourceUrl ? safeHost(input.sourceUrl) : null;
  const firstLine = input.text.trim().split('\n')[0].trim().slice(0, 200);
  const cyrillic = (input.text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0) / Math.max(1, input.text.length);
  const source = {
    key: `${input.municipalityCode.toLowerCase()}-${host ? host.replace(/[^a-z0-9.-]/gi, '') : 'text'}-${hash}`,
    url: input.sourceUrl,
    title: input.sourceTitle?.trim() || firstLine || 'untitled',
    publisher: input.publisher?.trim() || host || 'not stated',
    publishedOn: input.publishedOn,
    kind: input.excerpt ? ('EXCERPT' as const) : ('FULL_PAGE' as const),
    language: cyrillic > 0.2 ? 'bg' : 'en',
    text: input.text,
  };
  const missing = [
    ...extraction.missing,
    ...(extraction.proposals.length > MAX_PROPOSALS
      ? [
          {
            field: 'notes',
            reason: `The text gave ${extraction.proposals.length} proposals; the first ${MAX_PROPOSALS} are shown.`,
          },
        ]
      : []),
  ];
  const file = draftFile({
    key: input.projectKey?.trim() || keyOf(input.municipalityNameLatin),
    municipalityCode: input.municipalityCode,
    sources: [{ source, proposals }],
    missing: extraction.missing,
  });
  return { proposals, missing, file };
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
