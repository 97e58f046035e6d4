import { createHash } from 'node:crypto';
import { checkBatch } from '../../src/ingest/check-file';
import type { SourceEntry } from '../../src/ingest/project-file';
import type { KnownCodes } from '../../src/ingest/validate';
import { asFile, validProjectFile } from '../helpers/project-file';

/**
 * Pass 1 a batch at a time (what a worker thread returns to the main thread): the refusals and warnings
 * of each file, named and in file order, the staged line of each valid file with its place in the
 * import, and the sources merged as the files one by one would merge them.
 */
describe('checkBatch', () => {
  const known: KnownCodes = {
    municipalities: new Set(['BGS04']),
    municipalityNames: new Map([['BGS04', ['Бургас', 'Burgas']]]),
    programmes: new Set(['BG05M9OP001', 'BG05M2OP001']),
    procedures: new Set(['BG05M9OP001-2.056']),
    indicators: new Set(['PERSONS_EMPLOYED']),
    contractOwners: new Map(),
  };
  const project = (key: string, sources: SourceEntry[], title = 'Проект за тест в община Бургас') =>
    validProjectFile({
      key,
      sources,
      title: { value: title, source: sources[0].key },
      registrationNumber: null,
      contracts: [],
    });
  const source = (text?: string): SourceEntry => ({
    key: 'test-source',
    url: 'https://example.org/page',
    title: 'Test page',
    publisher: 'Test publisher',
    publishedOn: '2022-05-01',
    kind: 'EXCERPT' as never,
    language: 'bg',
    ...(text === undefined ? {} : { text: `по процедура BG05M9OP001-2.056 ${text}` }),
  });

  it('names each refusal and warning by its file, in file order, and stages the valid files under their place in the import', () => {
    const batch = checkBatch(
      [
        asFile(project('first', [source()]), 'a.json'),
        asFile({ ...project('broken', [source()]), municipalityCode: 'NOPE1' }, 'b.json'),
        asFile(project('third', [source()], 'Проект без името на общината'), 'c.json'),
      ],
      500,
      known,
    );
    expect(batch.errors.length).toBeGreaterThan(0);
    expect(new Set(batch.errors.map((error) => error.file))).toEqual(new Set(['b.json']));
    expect(batch.warnings.map((warning) => [warning.file, warning.code])).toEqual([
      ['c.json', 'MUNICIPALITY_NOT_MENTIONED'],
    ]);
    expect(batch.stagedCount).toBe(2);
    const lines = batch.staged.split('\n');
    expect(lines.map((line) => line.split('\t').slice(0, 3))).toEqual([
      ['500', 'first', 'BGS04'],
      ['502', 'third', 'BGS04'],
    ]);
  });

  it('stages one line per source of the batch: the later definition, with the text an earlier file brought', () => {
    const batch = checkBatch(
      [
        asFile(project('one', [source('първи текст')]), 'one.json'),
        asFile(project('two', [source()]), 'two.json'),
        asFile(project('three', [{ ...source(), title: 'Test page, revised' }]), 'three.json'),
      ],
      40,
      known,
    );
    expect(batch.sourceCount).toBe(1);
    const fields = batch.sources.split('\t');
    const text = 'по процедура BG05M9OP001-2.056 първи текст';
    expect(fields.slice(0, 4)).toEqual(['40', 'test-source', 'https://example.org/page', 'Test page, revised']);
    expect(fields.slice(-2)).toEqual([text, createHash('sha256').update(text).digest('hex')]);
  });
});
