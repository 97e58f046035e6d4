import { execFile, execFileSync, spawn } from 'node:child_process';
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

  const run = (...args: string[]) => runWith({}, ...args);
  const runWith = (env: Record<string, string>, ...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(ROOT, 'dist', 'scripts', 'import.js'), ...args],
        { env: { ...process.env, DATABASE_URL: db.url, ...env } },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
      );
    });
  const projectCount = async () => Number((await db.dataSource.query('SELECT count(*) AS n FROM projects'))[0].n);

  it('refuses a batch with one bad file: exit 1, file + path + reason, nothing written', async () => {
    const good = path.join(dir, 'good.json');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(
      good,
      JSON.stringify(validProjectFile({ key: 'cli-good', registrationNumber: null, contracts: [] })),
    );
    fs.writeFileSync(
      bad,
      JSON.stringify(
        validProjectFile({
          key: 'cli-bad',
          registrationNumber: null,
          contracts: [],
          funding: [{ ...validProjectFile().funding[0], amount: '12.345' }],
        }),
      ),
    );
    const result = await run(good, bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad} $.funding[0].amount: has more than two decimals: "12.345"`);
    expect(result.stderr).toMatch(/nothing was written/);
    expect(await projectCount()).toBe(16);
  });

  it('imports a directory, and an unchanged second run changes nothing', async () => {
    const batch = fs.mkdtempSync(path.join(dir, 'batch-'));
    fs.writeFileSync(
      path.join(batch, 'one.json'),
      JSON.stringify(validProjectFile({ key: 'cli-one', registrationNumber: null, contracts: [] })),
    );
    const first = await run(batch);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/imported 1 file\(s\) in .*: 1 created, 0 updated, 0 unchanged/);
    const second = await run(batch);
    expect(second.stdout).toMatch(/0 created, 0 updated, 1 unchanged/);
    expect(await projectCount()).toBe(17);
  });

  it('checks a directory of 1,200 files in worker threads: the same refusals, in file order, then the same import', async () => {
    const batch = fs.mkdtempSync(path.join(dir, 'many-'));
    const name = (index: number) => path.join(batch, `many-${String(index).padStart(4, '0')}.json`);
    for (let index = 0; index < 1_200; index += 1) {
      fs.writeFileSync(
        name(index),
        JSON.stringify(validProjectFile({ key: `cli-many-${index}`, registrationNumber: null, contracts: [] })),
      );
    }
    // Two bad files in different workers' batches, and one unreadable (not UTF-8): each named, in file order.
    fs.writeFileSync(
      name(300),
      JSON.stringify(
        validProjectFile({
          key: 'cli-many-300',
          registrationNumber: null,
          contracts: [],
          funding: [{ ...validProjectFile().funding[0], amount: '1.005' }],
        }),
      ),
    );
    fs.writeFileSync(
      name(1_100),
      JSON.stringify(validProjectFile({ key: 'cli-many-0', registrationNumber: null, contracts: [] })),
    );
    fs.writeFileSync(name(700), Buffer.from([0x7b, 0xe9, 0x7d]));
    const before = await projectCount();
    const refused = await run(batch);
    expect(refused.code).toBe(1);
    const lines = refused.stderr.split('\n').filter((line) => line.includes('many-'));
    expect(lines).toEqual([
      expect.stringContaining(`${name(300)} $.funding[0].amount: has more than two decimals: "1.005"`),
      expect.stringContaining(`${name(700)} $: UNREADABLE_FILE: the file is not UTF-8: byte 0xe9 at byte offset 1`),
      expect.stringContaining(
        `${name(1_100)} $.key: KEY_USED_TWICE: project key "cli-many-0" is also used by ${name(0)}`,
      ),
    ]);
    expect(await projectCount()).toBe(before);

    for (const index of [300, 700, 1_100]) {
      fs.writeFileSync(
        name(index),
        JSON.stringify(validProjectFile({ key: `cli-many-${index}`, registrationNumber: null, contracts: [] })),
      );
    }
    const imported = await run(batch);
    // Worker threads wherever there are two cores to run them (CI has two).
    const threads = os.availableParallelism() >= 2 ? ', checked by 2 worker threads' : '';
    expect(imported.stdout).toMatch(
      new RegExp(`imported 1200 file\\(s\\) in [^)]*${threads}\\): 1200 created, 0 updated, 0 unchanged`),
    );
    expect(imported.code).toBe(0);
    expect(await projectCount()).toBe(before + 1_200);
    const [{ n }] = await db.dataSource.query(
      "SELECT count(*)::int AS n FROM indicator_values v JOIN projects p ON p.id = v.project_id WHERE p.key LIKE 'cli-many-%'",
    );
    expect(n).toBe(1_200 * validProjectFile().indicators.length);
  });

  it('says how to use it, names an unknown option and an unreadable file (exit 2)', async () => {
    expect((await run()).code).toBe(2);
    const option = await run('--dry-run', path.join(dir, 'nope.json'));
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/--dry-run: unknown option\nusage: npm run import -- \[--check\]/);
    const missing = await run(path.join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read: ENOENT/);
  });

  describe('bad bytes and hostile files: refused with file, path and reason (exit 1), nothing written', () => {
    const file = (name: string, content: string | Buffer) => {
      const where = path.join(dir, name);
      fs.writeFileSync(where, content);
      return where;
    };
    const json = (overrides: Record<string, unknown>) =>
      JSON.stringify(
        validProjectFile({ key: 'cli-hostile', registrationNumber: null, contracts: [], ...overrides } as never),
      );
    const refusedWith = async (target: string, pattern: RegExp, env: Record<string, string> = {}) => {
      const before = await projectCount();
      const result = await runWith(env, target);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(pattern);
      expect(result.stderr).toMatch(/nothing was written/);
      expect(result.stderr).not.toMatch(/\bat [\w.]+ \(|INSERT|bind message/);
      expect(await projectCount()).toBe(before);
    };

    it('a Latin-1 file, naming the byte offset', async () => {
      const text = json({ title: { value: 'Проект café', source: validProjectFile().sources[0].key } });
      const latin1 = Buffer.from(text.replace('café', 'caf\u00e9'), 'latin1');
      const offset = latin1.indexOf(0xe9);
      await refusedWith(
        file('latin1.json', latin1),
        new RegExp(`latin1\\.json \\$: UNREADABLE_FILE: the file is not UTF-8: byte 0xe9 at byte offset ${offset}`),
      );
    });

    it('accepts a UTF-8 byte-order mark', async () => {
      const target = file(
        'bom.json',
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json({ key: 'cli-bom' }))]),
      );
      const result = await run(target);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    });

    it('a file over the size limit, and anything but a regular file (a symlink to /dev/zero)', async () => {
      await refusedWith(
        file('big.json', json({ notes: ['x'.repeat(20_000)] })),
        /big\.json \$: UNREADABLE_FILE: the file is \d+ bytes, more than the limit of 10000 bytes/,
        { HUB_IMPORT_MAX_FILE_BYTES: '10000' },
      );
      const link = path.join(dir, 'zero.json');
      fs.symlinkSync('/dev/zero', link);
      await refusedWith(link, /zero\.json \$: UNREADABLE_FILE: the file is not a regular file/);
    });

    it('a key given twice (JSON.parse would keep the last), and nesting 10,000 deep, naming the JSON path', async () => {
      const twice = json({}).replace('"formatVersion":1,', '"formatVersion":1,"key":"cli-first",');
      await refusedWith(file('twice.json', twice), /twice\.json \$\.key: the key "key" is given twice in one object/);
      const deep = json({}).replace('"notes":[]', `"notes":[${'['.repeat(10_000)}${']'.repeat(10_000)}]`);
      await refusedWith(
        file('deep.json', deep),
        /deep\.json \$\.notes(\[0\])+: nested deeper than 64 levels of objects and arrays/,
      );
    });

    it('NUL characters and lone surrogates, naming the JSON path', async () => {
      const nul = JSON.stringify(
        validProjectFile({ key: 'cli-nul', registrationNumber: null, contracts: [], notes: ['a\u0000b'] }),
      );
      await refusedWith(
        file('nul.json', nul),
        /nul\.json \$\.notes\[0\]: contains a NUL character or a lone UTF-16 surrogate/,
      );
      const surrogate = json({ notes: ['ok', 'x'] }).replace('"x"', '"\\ud800"');
      await refusedWith(
        file('surrogate.json', surrogate),
        /surrogate\.json \$\.notes\[1\]: contains a NUL character or a lone UTF-16 surrogate/,
      );
    });

    it('lists beyond the cap and figures beyond 10^12', async () => {
      await refusedWith(
        file('long.json', json({ notes: Array.from({ length: 2_001 }, (_v, index) => `note ${index}`) })),
        /long\.json \$\.notes: .*2000/,
      );
      const indicator = {
        code: 'PERSONS_EMPLOYED',
        value: 1e13,
        qualifier: 'EXACT',
        basis: 'PLANNED',
        asOf: null,
        breakdown: null,
        asPublished: '10000000000000',
        source: validProjectFile().sources[0].key,
      };
      await refusedWith(
        file('huge.json', json({ indicators: [indicator] })),
        /huge\.json \$\.indicators\[0\]\.value: .*999999999999/,
      );
      const amount = { ...validProjectFile().funding[0], amount: '10000000000000.00' };
      await refusedWith(
        file('amount.json', json({ funding: [amount] })),
        /amount\.json \$\.funding\[0\]\.amount: must be a decimal number/,
      );
    });
  });

  describe('stopping it stops it: nothing written, no process left', () => {
    let synthetic: string;
    let empty: TestDatabase;
    beforeAll(async () => {
      empty = await createTestDatabase();
      // 2,000 synthetic projects: several seconds of writing.
      synthetic = path.join(dir, 'synthetic');
      execFileSync(process.execPath, [
        path.join(ROOT, 'dist', 'scripts', 'generate-synthetic.js'),
        ...['--municipalities', '40', '--projects', '50', '--indicators', '30', '--out', synthetic],
      ]);
    });
    afterAll(() => empty.drop());
    const count = async () => Number((await empty.dataSource.query('SELECT count(*) AS n FROM projects'))[0].n);

    /** Starts `npm run import` on the synthetic files and resolves once it is writing them (COPY running). */
    async function importWriting() {
      const npm = spawn('npm', ['run', 'import', '--', synthetic], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: empty.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      npm.stderr!.on('data', (chunk) => (stderr += chunk));
      npm.stdout!.on('data', () => undefined);
      const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
      // Every writer of the pipe gone (npm and the node it ran): all the output has arrived.
      const drained = new Promise<void>((resolve) => npm.stderr!.on('close', () => resolve()));
      let writing = false;
      for (let attempt = 0; attempt < 600 && !writing; attempt += 1) {
        const [{ copies }] = await empty.dataSource.query(
          `SELECT count(*)::int AS copies FROM pg_stat_activity
           WHERE datname = current_database() AND state = 'active' AND query ILIKE 'COPY%'`,
        );
        writing = copies > 0;
        if (!writing) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return { npm, exited, drained, writing, stderr: () => stderr };
    }
    /** Whether a process of this import still runs (its directory is on its command line). */
    const importRunning = () => {
      try {
        return execFileSync('pgrep', ['-f', synthetic]).toString().trim().length > 0;
      } catch {
        return false;
      }
    };

    it.each([
      ['SIGTERM', 'SIGTERM'],
      ['SIGKILL', 'the end of its parent process'],
    ] as const)('%s to npm while it writes: rolled back, said so, and gone', async (signal, cause) => {
      const run = await importWriting();
      expect(run.writing).toBe(true);
      // A reader that is slow when the stop comes (the pipe full, the output waiting in the process):
      // what the import says last still arrives.
      run.npm.stderr!.pause();
      run.npm.kill(signal);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      run.npm.stderr!.resume();
      await run.exited;
      for (let attempt = 0; attempt < 100 && importRunning(); attempt += 1)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(importRunning()).toBe(false);
      await run.drained;
      expect(await count()).toBe(0);
      expect(run.stderr()).toContain(`import stopped by ${cause}`);
    });
  });
});
