import fs from 'node:fs';
import path from 'node:path';
import { contentHash, stableStringify } from '../../src/domain/stable-json';

/** Stored content hashes depend on this text: a change to it would mark every stored project as changed. */
describe('stableStringify (the text every content hash is taken of)', () => {
  const sortedKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortedKeys)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
          )
        : value;

  it('is JSON.stringify of the value with its keys sorted, escapes included', () => {
    const awkward = {
      'z"\\': 'quote " backslash \\ tab \t line \n nul \u0000 lone \ud800 pair 😀 cyrillic Казанлък \u2028',
      a: [1, 2.5, -0, null, true, 'x'],
      m: { b: undefined, a: {} },
    };
    expect(stableStringify(awkward)).toBe(JSON.stringify(sortedKeys(awkward)));
    expect(JSON.parse(stableStringify(awkward))).toEqual(JSON.parse(JSON.stringify(awkward)));
  });

  it('ignores key order and formatting, and gives every curated seed file the same text as JSON.stringify of its sorted form', () => {
    expect(contentHash({ b: 1, a: [{ y: 2, x: 1 }] })).toBe(
      contentHash(JSON.parse('{ "a": [ { "x": 1, "y": 2 } ], "b": 1 }')),
    );
    const dir = path.join(__dirname, '..', '..', 'seeds', 'projects');
    const files = fs.readdirSync(dir).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThan(10);
    for (const name of files) {
      const document = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      expect(stableStringify(document)).toBe(JSON.stringify(sortedKeys(document)));
    }
  });
});
