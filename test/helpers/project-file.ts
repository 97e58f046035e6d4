import type { ProjectFile } from '../../src/ingest/project-file';

/** A small valid project file (test fixture, not data): each test breaks one thing in it. */
export function validProjectFile(overrides: Partial<ProjectFile> = {}): ProjectFile {
  return {
    formatVersion: 1,
    key: 'test-project',
    municipalityCode: 'BGS04',
    procedureCode: 'BG05M9OP001-2.056',
    sources: [
      {
        key: 'test-source',
        url: 'https://example.org/page',
        title: 'Test page',
        publisher: 'Test publisher',
        publishedOn: '2022-05-01',
        kind: 'EXCERPT' as never,
        language: 'bg',
      },
    ],
    title: { value: 'Проект за тест в община Бургас', source: 'test-source' },
    registrationNumber: {
      value: 'BG05M9OP001-2.056-9001',
      asPublished: 'BG05M9OP001-2.056-9001',
      source: 'test-source',
    },
    status: null,
    aim: null,
    procedureCitations: [{ quote: 'по процедура BG05M9OP001-2.056', source: 'test-source' }],
    period: [
      { field: 'START_DATE' as never, date: '2021-10-01', source: 'test-source' },
      { field: 'END_DATE' as never, date: '2023-06-30', source: 'test-source' },
    ],
    contracts: [
      {
        programme: 'BG05M9OP001',
        number: 'BG05M9OP001-2.056-9001-C01',
        asPublished: 'BG05M9OP001-2.056-9001-C01',
        signedOn: null,
        source: 'test-source',
      },
    ],
    funding: [
      {
        programme: null,
        kind: 'TOTAL' as never,
        amount: '1000.00',
        currency: 'BGN',
        qualifier: 'EXACT' as never,
        asPublished: '1 000 лв.',
        source: 'test-source',
      },
    ],
    partners: [],
    activities: [],
    targetGroups: [],
    indicators: [
      {
        code: 'PERSONS_EMPLOYED',
        value: 10,
        qualifier: 'EXACT' as never,
        basis: 'PLANNED' as never,
        asOf: null,
        breakdown: null,
        asPublished: '10 лица',
        source: 'test-source',
      },
    ],
    missing: [],
    notes: [],
    ...overrides,
  };
}

export function asFile(document: unknown, name = 'test-project.json') {
  return { name, content: typeof document === 'string' ? document : JSON.stringify(document, null, 2) };
}
