import { jsonStructureProblem } from '../../src/domain/json-structure';

describe('what JSON.parse lets through', () => {
  it('finds a key given twice, naming its path, however it is spelt', () => {
    expect(jsonStructureProblem('{"a":{"b":[{"c":1,"d":2,"c":3}]}}')).toEqual({
      path: '$.a.b[0].c',
      reason: 'the key "c" is given twice in one object',
    });
    // The same key written with an escape is the same key.
    expect(jsonStructureProblem('{"key":1,"k\\u0065y":2}')?.path).toBe('$.key');
    // Keys inside strings are text, and the same key in two objects is fine.
    expect(
      jsonStructureProblem('{"a":"{\\"x\\":1,\\"x\\":2}","b":[{"x":1},{"x":2}],"odd key":{"x":[1,{"x":0}]}}'),
    ).toBeNull();
  });

  it('finds nesting past the limit, naming where, without recursion', () => {
    const deep = `{"notes":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(jsonStructureProblem(deep)).toEqual({
      path: `$.notes${'[0]'.repeat(63)}`,
      reason: 'nested deeper than 64 levels of objects and arrays',
    });
    expect(jsonStructureProblem(`{"a":${'['.repeat(62)}${']'.repeat(62)}}`)).toBeNull();
    expect(jsonStructureProblem('{"odd key":[[]]}', '$.files[3]', 2)).toEqual({
      path: '$.files[3]["odd key"][0]',
      reason: 'nested deeper than 2 levels of objects and arrays',
    });
  });

  it('leaves text that is not JSON to the parser', () => {
    expect(jsonStructureProblem('{"unterminated')).toBeNull();
  });
});
