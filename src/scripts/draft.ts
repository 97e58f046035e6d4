/**
 * `npm run draft -- page.txt [--municipality PAZ08] [--url URL] [--publisher NAME] [--published-on YYYY-MM-DD]
 *  [--key KEY] [--excerpt] [--file-only]`: the draft `draftFromText` gives, on the command line, as JSON
 * (proposals, missing, file; with --file-only the project file alone, for `npm run import`). A text whose
 * first line is an address (the format of shared/sources) takes it as its URL; a file named
 * `<municipality>-….txt` (`velingrad-…`) names its municipality. No database is needed.
 * Exit codes: 0 done, 1 refused (bad arguments or text), 2 could not run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { draftTextProblem, keyOf, makeDraft, publicProposal } from '../ingest/draft';
import { parseMunicipalities } from '../ingest/reference';
import { runCommand } from './run-command';

const USAGE =
  'usage: npm run draft -- page.txt [--municipality CODE] [--url URL] [--publisher NAME] [--published-on YYYY-MM-DD] [--key KEY] [--excerpt] [--file-only]';

class DraftInputError extends Error {}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        municipality: { type: 'string' },
        url: { type: 'string' },
        publisher: { type: 'string' },
        'published-on': { type: 'string' },
        key: { type: 'string' },
        excerpt: { type: 'boolean', default: false },
        'file-only': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new DraftInputError(`${(error as Error).message}\n${USAGE}`);
  }
  const [file] = parsed.positionals;
  if (!file || parsed.positionals.length > 1) throw new DraftInputError(USAGE);
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new DraftInputError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const [first, ...rest] = raw.split('\n');
  const addressFirst = /^https?:\/\/\S+$/.test(first.trim());
  const text = addressFirst ? rest.join('\n') : raw;
  const problem = draftTextProblem(text);
  if (problem) throw new DraftInputError(`${file}: the text ${problem}`);
  const publishedOn = parsed.values['published-on'] ?? null;
  if (publishedOn !== null && !/^\d{4}-\d{2}-\d{2}$/.test(publishedOn))
    throw new DraftInputError('--published-on takes a date YYYY-MM-DD');
  const csv = fs.readFileSync(path.resolve(__dirname, '..', '..', 'seeds', 'reference', 'municipalities.csv'), 'utf8');
  const municipalities = parseMunicipalities(csv, 'census 2021');
  const base = path.basename(file).toLowerCase();
  const municipality = parsed.values.municipality
    ? municipalities.find((candidate) => candidate.code === parsed.values.municipality)
    : municipalities
        .filter((candidate) => base.startsWith(`${keyOf(candidate.nameLatin!)}-`))
        .sort((a, b) => b.nameLatin!.length - a.nameLatin!.length)[0];
  if (!municipality)
    throw new DraftInputError(
      parsed.values.municipality
        ? `no municipality has the code "${parsed.values.municipality}"`
        : `${file}: the file name names no municipality; give --municipality CODE`,
    );
  const draft = makeDraft({
    text,
    municipalityCode: municipality.code!,
    municipalityNameLatin: municipality.nameLatin!,
    sourceUrl: parsed.values.url ?? (addressFirst ? first.trim() : null),
    publisher: parsed.values.publisher ?? null,
    publishedOn,
    projectKey: parsed.values.key ?? null,
    excerpt: parsed.values.excerpt,
  });
  // The same answer as draftFromText's.
  const answer = { proposals: draft.proposals.map(publicProposal), missing: draft.missing, file: draft.file };
  process.stdout.write(`${JSON.stringify(parsed.values['file-only'] ? draft.file : answer, null, 2)}\n`);
  return 0;
}

runCommand('draft', main, [DraftInputError]);
