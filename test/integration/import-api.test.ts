import http from 'node:http';
import { createHash } from 'node:crypto';
import { createToken, revokeToken, Role } from '../../src/auth/tokens';
import { startApiServer, type ApiServer } from '../helpers/api-server';
import { validProjectFile } from '../helpers/project-file';

/**
 * The write API as editors and administrators meet it, over real HTTP with real tokens: who may
 * write what, all-or-nothing refusals with every problem at once, dry runs, revisions that name
 * their token, and no way in for a request without a token or from another site.
 */
describe('importProjects over HTTP', () => {
  let api: ApiServer;
  let editor: string;
  let admin: string;
  beforeAll(async () => {
    api = await startApiServer();
    const manager = api.db.dataSource.manager;
    editor = (await createToken(manager, { name: 'Община Русе', role: Role.EDITOR, municipalityCodes: ['RSE27'] }))
      .token;
    admin = (await createToken(manager, { name: 'Administrator', role: Role.ADMIN, municipalityCodes: [] })).token;
  });
  afterAll(() => api.close());

  const IMPORT = `mutation($input: ImportProjectsInput!) { importProjects(input: $input) {
    dryRun projects { key municipalityCode municipality { name } action revision changedFields } warnings { file path code message } } }`;
  const send = (token: string | null, input: Record<string, unknown>) =>
    api.query(IMPORT, { input }, token ? { authorization: `Bearer ${token}` } : {});
  const ruse = (overrides: Record<string, unknown> = {}) =>
    validProjectFile({
      key: 'ruse-second',
      municipalityCode: 'RSE27',
      registrationNumber: null,
      contracts: [],
      title: { value: 'Втори проект на община Русе', source: 'ruse-second-source' },
      sources: [
        {
          key: 'ruse-second-source',
          url: 'https://example.org/ruse',
          title: 'Община Русе',
          publisher: 'Община Русе',
          publishedOn: '2022-05-01',
          kind: 'EXCERPT' as never,
          language: 'bg',
        },
      ],
      procedureCitations: [{ quote: 'по процедура BG05M9OP001-2.056', source: 'ruse-second-source' }],
      period: [],
      funding: [
        {
          programme: null,
          kind: 'TOTAL' as never,
          amount: '1000.00',
          currency: 'BGN',
          qualifier: 'EXACT' as never,
          asPublished: '1 000 лв.',
          source: 'ruse-second-source',
        },
      ],
      indicators: [],
      ...overrides,
    });
  // Everything a reader can see of the projects, hashed: a refused or dry-run import must not change it.
  const fingerprint = async () => {
    const { body } =
      await api.query(`{ projects(first: 100) { totalCount edges { node { key revision title budget { amount }
      revisions { revision author changedFields } } } } comparison(metrics: [TOTAL_BUDGET]) { rows { municipality { code } cells { value } } } }`);
    expect(body.errors).toBeUndefined();
    return createHash('sha256').update(JSON.stringify(body.data)).digest('hex');
  };

  it('refuses a write without a token (UNAUTHENTICATED), and a wrong, malformed or revoked token before reading the body (401)', async () => {
    const before = await fingerprint();
    const none = await send(null, { files: [ruse()] });
    expect(none.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    for (const token of [`${editor.slice(0, -4)}AAAA`, 'not-a-token']) {
      const refused = await send(token, { files: [ruse()] });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer');
      expect(refused.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const { id, token } = await createToken(api.db.dataSource.manager, {
      name: 'Soon revoked',
      role: Role.ADMIN,
      municipalityCodes: [],
    });
    expect((await send(token, { files: [ruse()], dryRun: true })).body.errors).toBeUndefined();
    expect(await revokeToken(api.db.dataSource.manager, id)).toBe(true);
    expect((await send(token, { files: [ruse()] })).status).toBe(401);
    expect(await fingerprint()).toBe(before);
  });

  it('refuses a body that is not UTF-8, a key given twice and nesting 10,000 deep: 400 naming where, nothing written', async () => {
    const before = await fingerprint();
    const post = (body: Buffer | string) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
    const text = JSON.stringify({ query: IMPORT, variables: { input: { files: [ruse({ notes: ['café'] })] } } });
    // The same file in Latin-1: é is one byte 0xE9, which UTF-8 never has alone.
    const latin1 = await post(Buffer.from(text, 'latin1'));
    expect(latin1.status).toBe(400);
    expect(((await latin1.json()) as any).errors[0]).toMatchObject({
      message: expect.stringMatching(/not UTF-8 \(RFC 8259\): byte 0xe9 at byte offset \d+/),
      extensions: { code: 'BAD_REQUEST' },
    });
    const twice = await post(text.replace('"key":"ruse-second"', '"key":"ruse-second","key":"ruse-third"'));
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as any).errors[0]).toMatchObject({
      message: expect.stringContaining('the key "key" is given twice'),
      extensions: { code: 'BAD_USER_INPUT', jsonPath: '$.variables.input.files[0].key' },
    });
    const deep = await post(text.replace('"notes":["café"]', `"notes":[${'['.repeat(10_000)}${']'.repeat(10_000)}]`));
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as any).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      jsonPath: expect.stringMatching(/^\$\.variables\.input\.files\[0\]\.notes(\[0\])+$/),
    });
    expect(await fingerprint()).toBe(before);
  });

  it('lets an editor create its municipality’s project, and records the token on the revision', async () => {
    const created = await send(editor, { files: [ruse()] });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.importProjects).toMatchObject({
      dryRun: false,
      projects: [
        {
          key: 'ruse-second',
          municipalityCode: 'RSE27',
          municipality: { name: 'Русе' },
          action: 'CREATED',
          revision: 1,
        },
      ],
    });
    const again = await send(editor, {
      files: [
        ruse({
          funding: [
            {
              programme: null,
              kind: 'TOTAL',
              amount: '2000.00',
              currency: 'BGN',
              qualifier: 'EXACT',
              asPublished: '2 000 лв.',
              source: 'ruse-second-source',
            },
          ],
        }),
      ],
    });
    expect(again.body.data.importProjects.projects[0]).toMatchObject({
      action: 'UPDATED',
      revision: 2,
      changedFields: ['funding'],
    });
    const { body } = await api.query(
      '{ projects(filter: { municipalityCodes: ["RSE27"] }) { edges { node { key budget { amount } revisions { revision author } } } } }',
    );
    expect(body.errors).toBeUndefined();
    const project = body.data.projects.edges.find((edge: any) => edge.node.key === 'ruse-second').node;
    expect(project.budget.amount).toBe('2000.00');
    expect(project.revisions).toEqual([
      { revision: 2, author: expect.stringMatching(/^token \d+ \(Община Русе\)$/) },
      { revision: 1, author: expect.stringMatching(/^token \d+ \(Община Русе\)$/) },
    ]);
    // The comparison follows in the same transaction.
    const comparison = await api.query(
      '{ comparison(municipalityCodes: ["RSE27"], metrics: [TOTAL_BUDGET]) { rows { projects { key } } } }',
    );
    expect(comparison.body.data.comparison.rows[0].projects.map((project: any) => project.key)).toContain(
      'ruse-second',
    );
  });

  it('forbids an editor another municipality’s projects, naming project and municipality, and writes nothing', async () => {
    const before = await fingerprint();
    const other = await send(editor, { files: [ruse({ key: 'burgas-by-ruse', municipalityCode: 'BGS04' })] });
    expect(other.body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(other.body.errors![0].message).toMatch(
      /project "burgas-by-ruse" is of BGS04 \(Бургас\); this token may write RSE27 \(Русе\) only/,
    );
    // A stored project of Burgas, claimed for Ruse in the file: still Burgas's.
    const takeover = await send(editor, { files: [ruse({ key: 'burgas' })] });
    expect(takeover.body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(takeover.body.errors![0].message).toMatch(/project "burgas" belongs to BGS04 \(Бургас\)/);
    const flag = await send(editor, { files: [ruse()], allowMunicipalityChange: true });
    expect(flag.body.errors![0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      argument: 'input.allowMunicipalityChange',
    });
    expect(await fingerprint()).toBe(before);
  });

  it('returns every problem of every file at once, with file, path, code and reason, and writes nothing', async () => {
    const before = await fingerprint();
    const result = await send(admin, {
      files: [
        ruse({
          key: 'bad-one',
          funding: [
            {
              programme: null,
              kind: 'TOTAL',
              amount: '12.345',
              currency: 'BGN',
              qualifier: 'EXACT',
              asPublished: 'x',
              source: 'ruse-second-source',
            },
          ],
        }),
        ruse({ key: 'bad-two', municipalityCode: 'XYZ99' }),
        ruse({ key: 'kazanlak' }),
        ruse({ key: 'good-one' }),
      ],
    });
    const error = result.body.errors![0];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    const errors = error.extensions.errors as { file: string; path: string; code: string; reason: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'files[0]', path: '$.funding[0].amount', code: 'INVALID' }),
        expect.objectContaining({ file: 'files[1]', path: '$.municipalityCode', code: 'INVALID' }),
        expect.objectContaining({ file: 'files[2]', path: '$.municipalityCode', code: 'MUNICIPALITY_CHANGE' }),
      ]),
    );
    expect(errors.some((entry) => entry.file === 'files[3]')).toBe(false);
    expect(await fingerprint()).toBe(before);
  });

  it('dry run: says what would happen and changes nothing', async () => {
    const before = await fingerprint();
    const result = await send(admin, { dryRun: true, files: [ruse({ key: 'dry-new' }), ruse()] });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.importProjects).toMatchObject({
      dryRun: true,
      projects: [
        { key: 'dry-new', action: 'CREATED', revision: 1 },
        { key: 'ruse-second', action: 'UPDATED', revision: 3, changedFields: ['funding'] },
      ],
    });
    expect(await fingerprint()).toBe(before);
    const ruseProjects = (
      await api.query('{ projects(filter: { municipalityCodes: ["RSE27"] }) { edges { node { key } } } }')
    ).body.data.projects.edges;
    expect(ruseProjects.map((edge: any) => edge.node.key)).not.toContain('dry-new');
  });

  it('refuses a mutation from another site’s form (text/plain) or over GET, and costs what it returns', async () => {
    const before = await fingerprint();
    const body = JSON.stringify({ query: IMPORT, variables: { input: { files: [ruse({ key: 'csrf' })] } } });
    const form = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${admin}` },
      body,
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
    const get = await fetch(
      `${api.url}/graphql?query=${encodeURIComponent('mutation { importProjects(input: { files: [] }) { dryRun } }')}`,
      {
        headers: { accept: 'application/json', authorization: `Bearer ${admin}` },
      },
    );
    expect(get.status).toBe(405);
    expect(await fingerprint()).toBe(before);
    // Per file, a project and a warning: two files weigh twice what one does beyond the result's own fields.
    const one = await send(admin, { dryRun: true, files: [ruse()] });
    const two = await send(admin, { dryRun: true, files: [ruse(), ruse({ key: 'another' })] });
    const [oneCost, twoCost] = [one, two].map((result) => result.body.extensions.cost);
    const perFile = twoCost.requestedQueryCost - oneCost.requestedQueryCost;
    expect(perFile).toBeGreaterThan(0);
    expect(oneCost.requestedQueryCost - perFile).toBeLessThan(perFile);
    for (const result of [one, two])
      expect(Buffer.byteLength(JSON.stringify(result.body.data))).toBeLessThanOrEqual(
        result.body.extensions.cost.requestedQueryCost * 64,
      );
  });
});

describe('token checks from one address', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer();
  });
  afterAll(() => api.close());

  it('answers 10 wrong tokens with 401, then 429 THROTTLED without checking (each check costs a scrypt)', async () => {
    const wrong = `c2h_1_${'A'.repeat(43)}`;
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 10; i += 1)
      statuses.push((await api.query('{ programmes { code } }', {}, { authorization: `Bearer ${wrong}` })).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const refused = await api.query('{ programmes { code } }', {}, { authorization: `Bearer ${wrong}` });
    const elapsedSeconds = (Date.now() - started) / 1000;
    expect(refused.status).toBe(429);
    // One check every 6 s: a whole wait, less what refilled while the ten checks ran (scrypts take time).
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeLessThanOrEqual(6);
    expect(retryAfter).toBeGreaterThanOrEqual(Math.max(1, 6 - Math.ceil(elapsedSeconds)));
    expect(refused.body.errors![0].extensions.code).toBe('THROTTLED');
    // Reading without a token is not affected.
    expect((await api.query('{ programmes { code } }')).status).toBe(200);
  });

  /** A POST of a small query with a token, from a given loopback address; resolves with status and time taken. */
  const tokenFrom = (localAddress: string, token: string) =>
    new Promise<{ status: number; ms: number }>((resolve, reject) => {
      const started = performance.now();
      const request = http.request(
        `${api.url}/graphql`,
        {
          method: 'POST',
          localAddress,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode!, ms: performance.now() - started }));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ query: '{ programmes { code } }' }));
    });

  it('counts 100 guesses sent at once before checking them: 10 are checked, 90 refused at once', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 100 }, (_v, index) => tokenFrom('127.0.0.21', `c2h_9${index}_${'B'.repeat(43)}`)),
    );
    const statuses = guesses.map((guess) => guess.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(90);
  });

  it('never refuses a valid token because others failed from its address; guesses at a live token count against it', async () => {
    const { token, id } = await createToken(api.db.dataSource.manager, {
      name: 'Shared office',
      role: Role.ADMIN,
      municipalityCodes: [],
    });
    for (let i = 0; i < 12; i += 1) await tokenFrom('127.0.0.22', `c2h_8${i}_${'C'.repeat(43)}`);
    expect((await tokenFrom('127.0.0.22', `c2h_8_${'C'.repeat(43)}`)).status).toBe(429);
    expect((await tokenFrom('127.0.0.22', token)).status).toBe(200);
    // Ten wrong secrets for the live id, from anywhere: then that id is throttled, not the addresses.
    const wrongSecret = `c2h_${id}_${'D'.repeat(43)}`;
    for (let i = 0; i < 10; i += 1) expect((await tokenFrom(`127.0.1.${i + 1}`, wrongSecret)).status).toBe(401);
    expect((await tokenFrom('127.0.1.20', wrongSecret)).status).toBe(429);
    expect((await tokenFrom('127.0.1.20', `c2h_7_${'E'.repeat(43)}`)).status).toBe(401);
  });

  it('takes as long for an unknown or revoked token id as for a live one (which ids exist is not readable from timing)', async () => {
    const live = await createToken(api.db.dataSource.manager, {
      name: 'Timed',
      role: Role.ADMIN,
      municipalityCodes: [],
    });
    const revoked = await createToken(api.db.dataSource.manager, {
      name: 'Gone',
      role: Role.ADMIN,
      municipalityCodes: [],
    });
    await revokeToken(api.db.dataSource.manager, revoked.id);
    const median = async (address: string, token: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i += 1) times.push((await tokenFrom(address, token)).ms);
      return times.sort((a, b) => a - b)[2];
    };
    // Wrong secrets, so that every answer is 401 after one scrypt (~50 ms).
    const liveMs = await median('127.0.2.1', `c2h_${live.id}_${'F'.repeat(43)}`);
    const unknownMs = await median('127.0.2.2', `c2h_999999_${'F'.repeat(43)}`);
    const revokedMs = await median('127.0.2.3', `c2h_${revoked.id}_${'F'.repeat(43)}`);
    for (const ms of [unknownMs, revokedMs]) expect(ms).toBeGreaterThan(liveMs / 2);
  });
});

describe('import limits', () => {
  let api: ApiServer;
  let admin: string;
  beforeAll(async () => {
    api = await startApiServer({
      env: { HUB_IMPORT_MAX_FILES: '2', HUB_IMPORT_MAX_FILE_BYTES: '3000', HUB_IMPORT_MAX_BODY_BYTES: '200000' },
    });
    admin = (
      await createToken(api.db.dataSource.manager, { name: 'Administrator', role: Role.ADMIN, municipalityCodes: [] })
    ).token;
  });
  afterAll(() => api.close());

  const send = (files: unknown[]) =>
    api.query(
      'mutation($input: ImportProjectsInput!) { importProjects(input: $input) { dryRun } }',
      { input: { dryRun: true, files } },
      { authorization: `Bearer ${admin}` },
    );

  it('refuses more files than HUB_IMPORT_MAX_FILES and files over HUB_IMPORT_MAX_FILE_BYTES, naming input.files', async () => {
    const small = validProjectFile({ key: 'limit-one', registrationNumber: null, contracts: [] });
    const many = await send([small, { ...small, key: 'limit-two' }, { ...small, key: 'limit-three' }]);
    expect(many.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.files' });
    expect(many.body.errors![0].message).toMatch(/at most 2 files per import/);
    const large = await send([{ ...small, notes: ['x'.repeat(4000)] }]);
    expect(large.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.files' });
    expect(large.body.errors![0].message).toMatch(/files\[0\]: larger than 3000 bytes/);
  });

  it('names the body limit that applies to a request with a token (HUB_IMPORT_MAX_BODY_BYTES), not the anonymous one', async () => {
    const small = validProjectFile({ key: 'limit-body', registrationNumber: null, contracts: [] });
    const huge = await send([{ ...small, notes: ['x'.repeat(300_000)] }]);
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({
      error: 'PAYLOAD_TOO_LARGE',
      message: 'Request body is larger than 200000 bytes',
    });
  });
});
