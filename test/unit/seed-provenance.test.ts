import fs from 'node:fs';
import path from 'node:path';
import { seedProjectFiles } from '../../src/ingest/seed';
import { fileContent } from '../../src/ingest/read-file';
import { type ProjectFile } from '../../src/ingest/project-file';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCES = path.resolve(ROOT, '..', 'shared', 'sources');
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Nothing in seeds/ is invented: every quoted text (title, aim, amounts and figures as published,
 * contract numbers, partner names as the page writes them, activities, target groups, procedure quotes) appears verbatim
 * (white space folded) in the source file it cites, under ../shared/sources/.
 */
describe('seed provenance', () => {
  const files = seedProjectFiles(path.join(ROOT, 'seeds'));
  const cache = new Map<string, string>();
  const sourceText = (key: string) => {
    if (!cache.has(key)) cache.set(key, normalise(fs.readFileSync(path.join(SOURCES, `${key}.txt`), 'utf8')));
    return cache.get(key)!;
  };

  it('finds the shared sources beside the project', () => {
    expect(fs.existsSync(path.join(SOURCES, 'README.md'))).toBe(true);
    expect(files).toHaveLength(16);
  });

  it.each(files.map((file) => [path.basename(file.name), file] as const))(
    '%s quotes only what its sources say',
    (_name, file) => {
      const document = JSON.parse(fileContent(file)) as ProjectFile;
      const quoted: [string, string, string][] = [];
      const add = (what: string, text: string | null | undefined, source: string) => {
        if (text) quoted.push([what, text, source]);
      };
      add('title', document.title?.value, document.title?.source ?? '');
      add('aim', document.aim?.value, document.aim?.source ?? '');
      add('registrationNumber', document.registrationNumber?.asPublished, document.registrationNumber?.source ?? '');
      document.procedureCitations.forEach((entry) => add('procedure quote', entry.quote, entry.source));
      document.period.forEach((entry) => add('period', entry.asPublished, entry.source));
      document.contracts.forEach((entry) => add('contract', entry.asPublished, entry.source));
      document.funding.forEach((entry) => add('funding', entry.asPublished, entry.source));
      document.partners
        .filter((entry) => entry.role !== 'EMPLOYER')
        .forEach((entry) => add('partner', entry.asPublished ?? entry.name, entry.source));
      document.activities.forEach((entry) => add('activity', entry.title, entry.source));
      document.targetGroups.forEach((entry) => add('target group', entry.description, entry.source));
      document.indicators.forEach((entry) => add('indicator', entry.asPublished, entry.source));
      const notFound = quoted.filter(([, text, source]) => !sourceText(source).includes(normalise(text)));
      expect(notFound).toEqual([]);
      // Every source key is a file of ../shared/sources with the URL on its first line.
      for (const source of document.sources) {
        const firstLine = fs
          .readFileSync(path.join(SOURCES, `${source.key}.txt`), 'utf8')
          .split('\n')[0]
          .trim();
        expect(source.url === null ? firstLine.startsWith('(') : firstLine === source.url).toBe(true);
        // The hub holds the same text (seeds/projects/<key>.txt), so the API itself verifies the quotes.
        expect(fs.readFileSync(path.join(ROOT, 'seeds', 'projects', `${source.key}.txt`), 'utf8')).toBe(
          fs.readFileSync(path.join(SOURCES, `${source.key}.txt`), 'utf8'),
        );
      }
    },
  );
});
