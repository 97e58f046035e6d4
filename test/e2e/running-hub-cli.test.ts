import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { graphql, type HubProcess, newDataDir, removeDataDir, ROOT, startHub } from '../helpers/hub-process';
import { validProjectFile } from '../helpers/project-file';

/**
 * The command-line tools while a hub runs on the default embedded database: they work on the hub's
 * own PostgreSQL (never a second one), say so, and the hub serves the change at its next request.
 */
describe('npm run import / npm run token beside a running hub', () => {
  let dataDir: string;
  let hub: HubProcess;
  beforeAll(async () => {
    dataDir = newDataDir();
    hub = await startHub({ HUB_DATA_DIR: dataDir, HUB_RESPONSE_CACHE_BYTES: String(16 * 1024 * 1024) });
  }, 60_000);
  afterAll(async () => {
    hub.child.kill('SIGTERM');
    await hub.exited;
    removeDataDir(dataDir);
  });

  const tool = (script: string, ...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(ROOT, 'dist', 'scripts', script), ...args],
        { env: { ...process.env, DATABASE_URL: '', HUB_DATA_DIR: dataDir } },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
      );
    });
  const keysOf = async (code: string) =>
    (
      await graphql(
        hub.url,
        `{ projects(filter: { municipalityCodes: ["${code}"] }) { edges { node { key revisions { author } } } } }`,
      )
    ).body.data.projects.edges.map((edge: any) => edge.node);

  it('imports into the running hub’s database; --check writes nothing; the hub serves the change at once', async () => {
    const file = path.join(dataDir, 'gabrovo.json');
    fs.writeFileSync(
      file,
      JSON.stringify(
        validProjectFile({
          key: 'gabrovo-cli',
          municipalityCode: 'GAB05',
          registrationNumber: null,
          contracts: [],
          title: { value: 'Проект на община Габрово', source: 'test-source' },
        }),
      ),
    );
    expect(await keysOf('GAB05')).toEqual([]); // now cached by the hub
    const check = await tool('import.js', '--check', file);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(
      /checked, nothing written: the embedded PostgreSQL in .* served by the running hub \(pid \d+\)/,
    );
    expect(check.stdout).toMatch(/would import 1 file\(s\).*1 created/);
    expect(await keysOf('GAB05')).toEqual([]);
    const imported = await tool('import.js', file);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/written: the embedded PostgreSQL in .* served by the running hub/);
    // The import's NOTIFY empties the hub's cache: the next request sees the project.
    let projects: any[] = [];
    for (let tries = 0; tries < 50 && projects.length === 0; tries += 1) {
      projects = await keysOf('GAB05');
      if (projects.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(projects).toEqual([{ key: 'gabrovo-cli', revisions: [{ author: 'cli' }] }]);
  }, 60_000);

  it('creates, lists and revokes tokens that the running hub accepts and then refuses', async () => {
    const created = await tool(
      'token.js',
      'create',
      '--role',
      'EDITOR',
      '--municipality',
      'gab05',
      '--name',
      'Община Габрово',
    );
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^c2h_\d+_[\w-]{43}$/);
    const [, id, secret] = /^c2h_(\d+)_(.+)$/.exec(token)!;
    expect(created.stderr).toMatch(/shown this once/);
    const listed = await tool('token.js', 'list');
    expect(listed.stdout).toMatch(/\tEDITOR\tGAB05\tОбщина Габрово\t.*active, last used never/);
    expect(listed.stdout).not.toContain(secret);

    const mutation = {
      query:
        'mutation($input: ImportProjectsInput!) { importProjects(input: $input) { dryRun projects { key action } } }',
      variables: {
        input: {
          dryRun: true,
          files: [
            validProjectFile({
              key: 'gabrovo-api',
              municipalityCode: 'GAB05',
              registrationNumber: null,
              contracts: [],
              title: { value: 'Габрово', source: 'test-source' },
            }),
          ],
        },
      },
    };
    const post = (bearer: string) =>
      fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify(mutation),
      });
    const accepted = await post(token);
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as any).data.importProjects).toEqual({
      dryRun: true,
      projects: [{ key: 'gabrovo-api', action: 'CREATED' }],
    });

    const revoked = await tool('token.js', 'revoke', id);
    expect(revoked.code).toBe(0);
    expect((await post(token)).status).toBe(401);
    expect((await tool('token.js', 'revoke', id)).code).toBe(1);
    const bad = await tool('token.js', 'create', '--role', 'EDITOR', '--municipality', 'XYZ99', '--name', 'Nobody');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown municipality code\(s\): XYZ99/);
    // The hub's log never shows a token.
    expect(JSON.stringify(hub.logs())).not.toContain(secret);
  }, 60_000);
});
