import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListedFiles } from '../../src/ingest/read-file';

/** The command line's list of files: made entry by entry when asked, in the order the arguments give. */
describe('ListedFiles', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'listed-'));
    fs.mkdirSync(path.join(dir, 'many'));
    for (const name of ['b.json', 'a.json', 'notes.txt', 'c.json'])
      fs.writeFileSync(path.join(dir, 'many', name), '{}');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lists a directory's *.json files sorted, a file as given, and an empty directory as nothing, in argument order", () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    const single = path.join(dir, 'many', 'c.json');
    const files = new ListedFiles(1234);
    files.add(path.join(dir, 'empty'));
    files.add(path.join(dir, 'many'));
    files.add(path.join(dir, 'empty'));
    files.add(single);
    expect(files.length).toBe(4);
    const names = Array.from({ length: files.length }, (_, index) => files.at(index)!.name);
    expect(names).toEqual([...['a.json', 'b.json', 'c.json'].map((name) => path.join(dir, 'many', name)), single]);
    expect(files.at(1)!.location).toEqual({
      name: names[1],
      path: path.resolve(names[1]),
      maxBytes: 1234,
      besideDir: path.join(dir, 'many'),
    });
    expect([files.at(-1), files.at(4), files.at(1.5)]).toEqual([undefined, undefined, undefined]);
  });

  it('refuses an argument that does not exist', () => {
    expect(() => new ListedFiles().add(path.join(dir, 'nowhere'))).toThrow(/ENOENT/);
  });
});
