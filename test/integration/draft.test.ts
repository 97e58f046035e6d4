import fs from 'node:fs';
import path from 'node:path';
import { createToken, Role } from '../../src/auth/tokens';
import { draftCost } from '../../src/modules/draft/draft.resolver';
import { startApiServer, type ApiServer } from '../helpers/api-server';

/** A curated press release as published (pa-media.net on Velingrad's opening press conference). */
const PRESS_RELEASE = fs
  .readFileSync(
    path.resolve(__dirname, '..', '..', 'seeds', 'projects', 'velingrad-pa-media-project-start-2021-09.txt'),
    'utf8',
  )
  .split('\n')
  .slice(1)
  .join('\n');

const DRAFT = `query($text: String!, $code: String!, $url: String, $on: Date, $key: String) {
  draftFromText(text: $text, municipalityCode: $code, sourceUrl: $url, publishedOn: $on, projectKey: $key) {
    proposals { id kind statement quote { start end text } sentence { start end text } flags } missing { field reason } file } }`;
const IMPORT = `mutation($input: ImportProjectsInput!) { importProjects(input: $input) {
  dryRun projects { key action revision changedFields qualityFlags { code severity field } } warnings { path code message } } }`;

describe('draftFromText: a press release read into a project file', () => {
  let api: ApiServer;
  let editor: string;
  beforeAll(async () => {
    api = await startApiServer({ env: { HUB_THROTTLE_BUCKET: '0' } });
    editor = (
      await createToken(api.db.dataSource.manager, {
        name: 'Община Велинград',
        role: Role.EDITOR,
        municipalityCodes: ['PAZ08'],
      })
    ).token;
  });
  afterAll(() => api.close());

  const draft = (text: string, extra: Record<string, unknown> = {}, token: string | null = editor) =>
    api.query(
      DRAFT,
      { text, code: 'PAZ08', url: 'https://pa-media.net/news.php?extend.1087', on: '2021-09-27', ...extra },
      token ? { authorization: `Bearer ${token}` } : {},
    );

  it('proposes each figure with its exact quote and offsets, costs by the text’s length, and stores nothing', async () => {
    api.db.resetQueries();
    const { body } = await draft(PRESS_RELEASE);
    expect(body.errors).toBeUndefined();
    const { proposals, missing } = body.data.draftFromText;
    for (const proposal of proposals)
      expect(PRESS_RELEASE.slice(proposal.quote.start, proposal.quote.end)).toBe(proposal.quote.text);
    const by = (kind: string) => proposals.filter((proposal: { kind: string }) => proposal.kind === kind);
    expect(by('AMOUNT').map((p: { statement: Record<string, unknown> }) => p.statement)).toEqual([
      {
        programme: null,
        kind: 'TOTAL',
        amount: '1560000.00',
        currency: 'BGN',
        qualifier: 'APPROXIMATE',
        asPublished: 'близо 1 560 000 лв.',
      },
    ]);
    expect(
      by('COUNT').map((p: { statement: Record<string, unknown> }) => [
        p.statement.code,
        p.statement.basis,
        p.statement.asOf,
      ]),
    ).toEqual([
      ['COMMUNITY_MEDIATORS', 'ACHIEVED', '2021-09-27'],
      ['PERSONS_EMPLOYED', 'PLANNED', null],
    ]);
    expect(missing.map((entry: { field: string }) => entry.field)).toContain('budget');
    expect(body.extensions.cost.requestedQueryCost).toBeGreaterThanOrEqual(draftCost(PRESS_RELEASE.length));
    // Only the municipality was read.
    expect(api.db.queries.filter((sql) => /^\s*(INSERT|UPDATE|DELETE)/i.test(sql))).toEqual([]);
  });

  it('gives a file the importer accepts: dry run, publish, and the statements come back verified from the API', async () => {
    const { body } = await draft(PRESS_RELEASE, { key: 'velingrad-desk' });
    // The editor rejects the procedure citations: the project's procedure is then unconfirmed, a flag.
    const file = { ...body.data.draftFromText.file, procedureCitations: [] };
    expect(file.key).toBe('velingrad-desk');
    const headers = { authorization: `Bearer ${editor}` };
    const dry = await api.query(IMPORT, { input: { files: [file], dryRun: true } }, headers);
    expect(dry.body.errors).toBeUndefined();
    expect(dry.body.data.importProjects.projects).toEqual([
      expect.objectContaining({ key: 'velingrad-desk', action: 'CREATED', revision: 1 }),
    ]);
    // The flags the project would get, read in the dry run's transaction: the same as after the real import.
    const wouldFlag = dry.body.data.importProjects.projects[0].qualityFlags;
    expect(wouldFlag.length).toBeGreaterThan(0);
    const published = await api.query(IMPORT, { input: { files: [file] } }, headers);
    expect(published.body.data.importProjects.dryRun).toBe(false);
    expect(published.body.data.importProjects.projects[0].qualityFlags).toEqual(wouldFlag);
    const read = await api.query(
      `{ municipality(code: "PAZ08") { projects(first: 10) { edges { node { key
        funding { qualifier verified amount { amount } }
        indicators { value basis verified indicator { code } }
        period { statements { field date verified } } } } } } }`,
    );
    const project = read.body.data.municipality.projects.edges
      .map((edge: { node: unknown }) => edge.node)
      .find((node: { key: string }) => node.key === 'velingrad-desk');
    expect(project.funding).toEqual([{ qualifier: 'APPROXIMATE', verified: true, amount: { amount: '1560000.00' } }]);
    expect(project.indicators.map((row: { value: number; verified: boolean }) => [row.value, row.verified])).toEqual([
      [4, true],
      [25, true],
    ]);
    expect(project.period.statements).toEqual([{ field: 'START_DATE', date: '2021-08-16', verified: true }]);
  });

  it('gives, for every curated source text, a file the importer accepts in a dry run (the project it cites updated)', async () => {
    const seeds = path.resolve(__dirname, '..', '..', 'seeds', 'projects');
    const admin = (
      await createToken(api.db.dataSource.manager, { name: 'Admin', role: Role.ADMIN, municipalityCodes: [] })
    ).token;
    const refusals: string[] = [];
    let texts = 0;
    for (const name of fs.readdirSync(seeds).filter((file) => file.endsWith('.json'))) {
      const seed = JSON.parse(fs.readFileSync(path.join(seeds, name), 'utf8'));
      for (const source of seed.sources) {
        const file = path.join(seeds, `${source.key}.txt`);
        if (!fs.existsSync(file)) continue;
        const text = fs.readFileSync(file, 'utf8').split('\n').slice(1).join('\n');
        texts += 1;
        const { body } = await api.query(
          DRAFT,
          { text, code: seed.municipalityCode, url: source.url, on: source.publishedOn, key: seed.key },
          { authorization: `Bearer ${admin}` },
        );
        const dry = await api.query(
          IMPORT,
          { input: { files: [body.data.draftFromText.file], dryRun: true, allowSourceChange: true } },
          { authorization: `Bearer ${admin}` },
        );
        if (dry.body.errors)
          refusals.push(
            `${source.key}: ${dry.body.errors.flatMap((error: { message: string; extensions: { errors?: { path: string; reason: string }[] } }) => error.extensions.errors?.map((entry) => `${entry.path} ${entry.reason}`) ?? [error.message]).join('; ')}`,
          );
      }
    }
    expect(texts).toBeGreaterThan(40);
    expect(refusals).toEqual([]);
  }, 60_000);

  it('refuses bad text naming the argument, before any SQL: too long, binary, NUL bytes; and an unknown municipality', async () => {
    // An editor's tool: no token, no draft (and an anonymous body could not hold such a text).
    const anonymous = await draft(PRESS_RELEASE, {}, null);
    expect(anonymous.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.errors![0].message).toMatch(/EDITOR token/);
    api.db.resetQueries();
    const tooLong = await draft('а'.repeat(200_001));
    expect(tooLong.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
    expect(tooLong.body.errors![0].message).toMatch(/more than 200000/);
    const binary = await draft(`PK\u0003\u0004${'\u0001\u0002\u0003'.repeat(200)}`);
    expect(binary.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
    expect(binary.body.errors![0].message).toMatch(/binary data/);
    const nul = await draft('Проект\u0000 в община');
    expect(nul.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(nul.body.errors![0].message).toMatch(/\$text/);
    // Nothing but the token's own check.
    expect(api.db.queries.filter((sql) => !/api_tokens/.test(sql))).toEqual([]);
    const unknown = await draft(PRESS_RELEASE, { code: 'XXX99' });
    expect(unknown.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'municipalityCode' });
  });

  it('refuses, before it runs, a request asking for more drafts than the cost limit allows', async () => {
    const text = 'Проектът стартира на 16.08.2021 г. '.repeat(5_000).slice(0, 170_000);
    const aliases = Array.from(
      { length: 8 },
      (_, index) => `d${index}: draftFromText(text: $text, municipalityCode: "PAZ08") { missing { field } }`,
    );
    api.db.resetQueries();
    const started = Date.now();
    const { body } = await api.query(
      `query($text: String!) { ${aliases.join(' ')} }`,
      { text },
      {
        authorization: `Bearer ${editor}`,
      },
    );
    expect(body.errors![0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.data).toBeUndefined();
    // Nothing but the token's own check.
    expect(api.db.queries.filter((sql) => !/api_tokens/.test(sql))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
