import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { ROOT } from '../helpers/hub-process';
import { validProjectFile } from '../helpers/project-file';

/** `npm run import` as a user runs it: exit codes, the printed errors, nothing written on refusal. */
describe('import command', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2hub-import-'));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  const run = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'import.js'), ...args], { env: { ...process.env, DATABASE_URL: db.url } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }));
    });
  const projectCount = async () => Number((await db.dataSource.query('SELECT count(*) AS n FROM projects'))[0].n);

  it('refuses a batch with one bad file: exit 1, file + path + reason, nothing written', async () => {
    const good = path.join(dir, 'good.json');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(good, JSON.stringify(validProjectFile({ key: 'cli-good', registrationNumber: null, contracts: [] })));
    fs.writeFileSync(bad, JSON.stringify(validProjectFile({ key: 'cli-bad', registrationNumber: null, contracts: [], funding: [{ ...validProjectFile().funding[0], amount: '12.345' }] })));
    const result = await run(good, bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad} $.funding[0].amount: has more than two decimals: "12.345"`);
    expect(result.stderr).toMatch(/nothing was written/);
    expect(await projectCount()).toBe(15);
  });

  it('imports a directory, and an unchanged second run changes nothing', async () => {
    const batch = fs.mkdtempSync(path.join(dir, 'batch-'));
    fs.writeFileSync(path.join(batch, 'one.json'), JSON.stringify(validProjectFile({ key: 'cli-one', registrationNumber: null, contracts: [] })));
    const first = await run(batch);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/imported 1 file\(s\) in .*: 1 created, 0 updated, 0 unchanged/);
    const second = await run(batch);
    expect(second.stdout).toMatch(/0 created, 0 updated, 1 unchanged/);
    expect(await projectCount()).toBe(16);
  });

  it('says how to use it, and names an unreadable file (exit 2)', async () => {
    expect((await run()).code).toBe(2);
    const missing = await run(path.join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read: ENOENT/);
  });
});
