import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeDraft, publicProposal } from '../../src/ingest/draft';
import { ROOT } from '../helpers/hub-process';

const run = (script: string, ...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, script), ...args],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
    );
  });

/** `npm run draft` as an editor runs it, and the recall/precision benchmark as a smoke test (its figures are in the README). */
describe('draft command and its benchmark', () => {
  const page = path.join(ROOT, 'seeds', 'projects', 'velingrad-pa-media-project-start-2021-09.txt');

  it('gives the draft the API gives: the municipality from the file name, the address from its first line', async () => {
    const { code, stdout } = await run('dist/scripts/draft.js', page, '--published-on', '2021-09-27');
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    const [first, ...rest] = fs.readFileSync(page, 'utf8').split('\n');
    const expected = makeDraft({
      text: rest.join('\n'),
      municipalityCode: 'PAZ08',
      municipalityNameLatin: 'Velingrad',
      sourceUrl: first.trim(),
      publisher: null,
      publishedOn: '2021-09-27',
    });
    expect(printed).toEqual({
      proposals: expected.proposals.map(publicProposal),
      missing: expected.missing,
      file: expected.file,
    });
    expect(printed.file.municipalityCode).toBe('PAZ08');
    expect(printed.file.sources[0].url).toBe('https://pa-media.net/news.php?extend.1087');
  });

  it('refuses what it cannot read, with exit code 1 and the reason', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2hub-draft-'));
    try {
      const unnamed = path.join(dir, 'press.txt');
      fs.writeFileSync(unnamed, 'Проектът стартира на 16.08.2021 г.');
      const noMunicipality = await run('dist/scripts/draft.js', unnamed);
      expect(noMunicipality.code).toBe(1);
      expect(noMunicipality.stderr).toMatch(/give --municipality CODE/);
      const binary = path.join(dir, 'velingrad-binary.txt');
      fs.writeFileSync(binary, Buffer.from([0x50, 0x4b, 3, 4, ...Array(300).fill(1)]));
      const refused = await run('dist/scripts/draft.js', binary);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/binary data/);
      const missing = await run('dist/scripts/draft.js', path.join(dir, 'nothing.txt'), '--municipality', 'PAZ08');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/cannot read .*ENOENT/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the recall and precision benchmark over the curated corpus (smoke)', async () => {
    const { code, stdout } = await run('bench/draft-recall.js', '--smoke');
    expect(code).toBe(0);
    for (const kind of ['amount', 'date', 'contract', 'count', 'partner', 'title'])
      expect(stdout).toMatch(
        new RegExp(`^\\| ${kind} \\| \\d+ \\| \\d+ \\| \\d+ \\(\\d+ %\\) \\| \\d+ \\(\\d+ %\\) \\|$`, 'm'),
      );
    expect(stdout).toMatch(/the longest curated page/);
  });
});
