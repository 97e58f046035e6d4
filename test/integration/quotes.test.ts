import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importProjectFiles } from '../../src/ingest/import-projects';
import { ImportValidationError } from '../../src/ingest/import-errors';
import { besideFile } from '../../src/ingest/read-file';
import { startApiServer, type ApiServer } from '../helpers/api-server';
import { asFile, validProjectFile } from '../helpers/project-file';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Quotes a reader can check: the hub holds the texts of the sources, serves them, refuses a quote
 * its source's text does not contain, and marks each statement verified or not.
 */
describe('verifiable quotes', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({ env: { HUB_MAX_COST: '1000000' } });
  });
  afterAll(() => api.close());

  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImportValidationError);
    return (error as ImportValidationError).errors;
  };
  const source = (key: string, text?: string) => ({
    key,
    url: `https://example.org/${key}`,
    title: 'Страница',
    publisher: 'Община Габрово',
    publishedOn: '2022-05-01',
    kind: 'EXCERPT' as never,
    language: 'bg',
    ...(text === undefined ? {} : { text }),
  });
  const TITLE = 'Проект на община Габрово';
  const project = (key: string, sourceKey: string, text: string | undefined, asPublished: string, amount = '1000.00') =>
    validProjectFile({
      key,
      municipalityCode: 'GAB05',
      registrationNumber: null,
      contracts: [],
      title: { value: TITLE, source: sourceKey },
      sources: [source(sourceKey, text === undefined ? undefined : `${TITLE}: ${text}`)],
      procedureCitations: [{ quote: 'по процедура BG05M9OP001-2.056', source: sourceKey }],
      period: [],
      funding: [
        {
          programme: null,
          kind: 'TOTAL' as never,
          amount,
          currency: 'BGN',
          qualifier: 'EXACT' as never,
          asPublished,
          source: sourceKey,
        },
      ],
      indicators: [],
    });

  it('verifies every curated statement, says which values are unchecked and why, and serves each source text with its SHA-256', async () => {
    const check = 'verified verification { quoteInSource valueInQuote note }';
    const { body } = await api.query(`{ projects(first: 100) { edges { node { key
      titleVerification { quoteInSource valueInQuote note } registrationNumberVerification { quoteInSource valueInQuote }
      funding { asPublished ${check} } indicators { asPublished ${check} } contracts { asPublished ${check} }
      period { statements { asPublished ${check} } } partners { organisation { name } ${check} }
      procedureCitations { quote ${check} source { key textSha256 } } } } } }`);
    expect(body.errors).toBeUndefined();
    const statements = body.data.projects.edges.flatMap((edge: any) => [
      ...edge.node.funding,
      ...edge.node.indicators,
      ...edge.node.contracts,
      ...edge.node.period.statements,
      ...edge.node.partners.map((partner: any) => ({ ...partner, asPublished: partner.organisation.name })),
      ...edge.node.procedureCitations.map((citation: any) => ({ ...citation, asPublished: citation.quote })),
    ]);
    const quoted = statements.filter((statement: any) => statement.asPublished);
    expect(quoted.length).toBeGreaterThan(150);
    // Every quote is in its source's text; every value its quote states in digits is the value stored.
    expect(quoted.filter((statement: any) => statement.verification.quoteInSource !== true)).toEqual([]);
    expect(quoted.filter((statement: any) => statement.verification.valueInQuote === false)).toEqual([]);
    // Unverified are only the figures a page writes in words ("шестима", "четири", "три"): unchecked, and said so.
    const unchecked = quoted.filter((statement: any) => !statement.verified);
    expect(unchecked.map((statement: any) => statement.asPublished).sort()).toEqual(
      [
        'За три училища и една детска градина бяха осигурени оборудване и обзавеждане',
        'За три училища и една детска градина бяха осигурени оборудване и обзавеждане',
        'Предвижда се създаването на четири „семейни къщи“',
        'Проведени са и две трудови борси.',
        'Ще бъдат формирани три нови детски клуба',
        'Шестима ще бъдат ангажирани към местната администрация',
        'шестима към дейностите на Сдружението „Бъдеще за децата“',
      ].sort(),
    );
    for (const statement of unchecked) {
      expect(statement.verification).toEqual({
        quoteInSource: true,
        valueInQuote: null,
        note: 'the value is not checked: the quote states the figure in words, not in digits',
      });
    }
    for (const edge of body.data.projects.edges.filter((e: any) => e.node.titleVerification)) {
      expect(edge.node.titleVerification).toEqual({ quoteInSource: true, valueInQuote: null, note: null });
    }
    for (const edge of body.data.projects.edges.filter((e: any) => e.node.registrationNumberVerification)) {
      expect(edge.node.registrationNumberVerification).toEqual({ quoteInSource: true, valueInQuote: true });
    }
    const citation = body.data.projects.edges.find((edge: any) => edge.node.key === 'kazanlak').node
      .procedureCitations[0];
    const text = fs.readFileSync(path.join(ROOT, 'seeds', 'projects', `${citation.source.key}.txt`), 'utf8');
    expect(citation.source.textSha256).toBe(createHash('sha256').update(text).digest('hex'));
    const served = await api.query(
      `{ sources(filter: { keys: ["${citation.source.key}"] }) { edges { node { text textSha256 } } } }`,
    );
    expect(served.body.data.sources.edges[0].node.text).toBe(text);
    // A text weighs what the longest one held weighs (`"text":"…",` in points of 64 bytes), and a page holds at most
    // every source there is: 2 + sources × (edge + node + text).
    const [{ longest, count }] = await api.db.dataSource.query(
      `SELECT (SELECT max(octet_length(text)) FROM source_texts)::int AS longest, (SELECT count(*) FROM sources)::int AS count`,
    );
    const texts = await api.query('{ sources(first: 100) { edges { node { text } } } }');
    expect(texts.body.extensions.cost.requestedQueryCost).toBe(2 + count * (2 + Math.ceil((4 + 4 + longest) / 64)));
    expect(Buffer.byteLength(JSON.stringify(texts.body.data))).toBeLessThanOrEqual(
      texts.body.extensions.cost.requestedQueryCost * 64,
    );
  });

  it('refuses a quote its source’s text does not contain, naming the path and the words, and writes nothing', async () => {
    const text = 'Община Габрово подписа договор по процедура BG05M9OP001-2.056 на стойност 1 000 лв.';
    const errors = await refusal(
      importProjectFiles(api.db.dataSource, [
        asFile(project('gabrovo-quotes', 'gabrovo-page', text, '1 500 лв.', '1500.00'), 'gabrovo.json'),
      ]),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        file: 'gabrovo.json',
        path: '$.funding[0].asPublished',
        code: 'QUOTE_NOT_IN_SOURCE',
        reason: expect.stringContaining('the words "500" do not appear in it'),
      }),
    ]);
    expect(
      (await api.db.dataSource.query("SELECT count(*)::int AS n FROM sources WHERE key = 'gabrovo-page'"))[0].n,
    ).toBe(0);
  });

  it('forgives only white space and quote marks; a source without text is accepted and not verified', async () => {
    const text = 'Проектът „Заедно“ е\nпо процедура   BG05M9OP001-2.056, стойност\n1 000 лв. общо';
    await importProjectFiles(api.db.dataSource, [
      asFile(project('gabrovo-spaced', 'gabrovo-spaced-page', text, 'стойност 1 000 лв.'), 'spaced.json'),
      asFile(project('gabrovo-untexted', 'gabrovo-untexted-page', undefined, '1 000 лв.'), 'untexted.json'),
    ]);
    const { body } = await api.query(
      '{ projects(filter: { municipalityCodes: ["GAB05"] }) { edges { node { key funding { verified source { textSha256 } } } } } }',
    );
    const byKey = Object.fromEntries(
      body.data.projects.edges.map((edge: any) => [edge.node.key, edge.node.funding[0]]),
    );
    expect(byKey['gabrovo-spaced']).toMatchObject({
      verified: true,
      source: { textSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(byKey['gabrovo-untexted']).toEqual({ verified: false, source: { textSha256: null } });
  });

  it('reads <key>.txt beside a file; refuses a new text that drops a stored quote of another project; revises a changed source', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2hub-quotes-'));
    try {
      // The untexted source now gets its text, from a file beside another project's file.
      fs.writeFileSync(
        path.join(dir, 'gabrovo-untexted-page.txt'),
        `${TITLE}: по процедура BG05M9OP001-2.056: 2 000 лв.`,
      );
      const second = {
        ...asFile(project('gabrovo-second', 'gabrovo-untexted-page', undefined, '2 000 лв.', '2000.00'), 'second.json'),
        sourceText: besideFile(dir),
      };
      const errors = await refusal(importProjectFiles(api.db.dataSource, [second]));
      // The stored project "gabrovo-untexted" quotes "1 000 лв.", which the new text lacks.
      expect(errors).toEqual([
        expect.objectContaining({
          file: 'second.json',
          path: '$.sources[0].text',
          code: 'QUOTE_NOT_IN_SOURCE',
          reason: expect.stringContaining('quoted by project "gabrovo-untexted"'),
        }),
      ]);
      fs.writeFileSync(
        path.join(dir, 'gabrovo-untexted-page.txt'),
        `${TITLE}: по процедура BG05M9OP001-2.056: 1 000 лв. и още 2 000 лв.`,
      );
      await importProjectFiles(api.db.dataSource, [second], { author: 'cli' });
      const { body } =
        await api.query(`{ sources(filter: { keys: ["gabrovo-untexted-page"] }) { edges { node { revision text
        revisions { revision author changedFields previous } } } }
        projects(filter: { municipalityCodes: ["GAB05"] }) { edges { node { key funding { verified } } } } }`);
      const stored = body.data.sources.edges[0].node;
      expect(stored).toMatchObject({
        revision: 2,
        text: `${TITLE}: по процедура BG05M9OP001-2.056: 1 000 лв. и още 2 000 лв.`,
      });
      expect(stored.revisions).toEqual([
        {
          revision: 2,
          author: 'cli',
          changedFields: ['text'],
          previous: expect.objectContaining({ text: null, title: 'Страница' }),
        },
      ]);
      // Now both projects citing it are verified.
      for (const edge of body.data.projects.edges.filter((e: any) => e.node.key !== 'gabrovo-spaced'))
        expect(edge.node.funding[0].verified).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
