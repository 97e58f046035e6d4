import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '../../src/errors/codes';
import { ImportRefusalCode } from '../../src/ingest/import-errors';

const ROOT = path.resolve(__dirname, '..', '..');

/** The codes in the first column of the table under a heading: `| \`CODE\` | … |` rows. */
function tableCodes(file: string, heading: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const start = text.indexOf(`\n${heading}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const section = text.slice(start + heading.length + 2).split(/\n## /)[0];
  return [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
}

describe('documented error codes', () => {
  it('the README’s table lists exactly the codes a client can receive (ErrorCode), each once', () => {
    const documented = tableCodes('README.md', '## Errors');
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('docs/import-format.md lists exactly the import refusal codes (ImportRefusalCode), each once', () => {
    const documented = tableCodes('docs/import-format.md', '## Refusal codes');
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(Object.values(ImportRefusalCode).sort());
  });
});
