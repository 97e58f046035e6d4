import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstInvalidUtf8Offset } from '../../src/domain/utf8';
import { readImportFile, UnreadableFileError } from '../../src/ingest/read-file';

/** readImportFile checks a file with Node's native isUtf8 and looks for the offset only when it fails: the two must agree. */
describe('UTF-8 check of import files', () => {
  const cases: [string, number[]][] = [
    ['ASCII', [0x7b, 0x7d]],
    ['Cyrillic', [...Buffer.from('Община Казанлък', 'utf8')]],
    ['an emoji (4 bytes)', [0xf0, 0x9f, 0x98, 0x80]],
    ['Latin-1 é', [0x41, 0xe9, 0x42]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an overlong 3-byte NUL', [0xe0, 0x80, 0x80]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence', [0x41, 0xd0]],
    ['a lone continuation byte', [0x80]],
  ];

  it.each(cases)('%s: native check and offset agree', (_what, bytes) => {
    const buffer = Buffer.from(bytes);
    expect(isUtf8(buffer)).toBe(firstInvalidUtf8Offset(buffer) === -1);
  });

  it('names the offset of the first bad byte of a file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'c2hub-utf8-')), 'bad.json');
    fs.writeFileSync(file, Buffer.from([0x7b, 0x22, 0xd0, 0x9e, 0xe9, 0x22, 0x7d]));
    expect(() => readImportFile(file)).toThrow(UnreadableFileError);
    expect(() => readImportFile(file)).toThrow('is not UTF-8: byte 0xe9 at byte offset 4 (save the file as UTF-8)');
    fs.writeFileSync(file, '{"title":"Община"}');
    expect(readImportFile(file)).toBe('{"title":"Община"}');
  });
});
