import { groupBy, manyByKey, oneByKey } from '../../src/loaders/key-order';

describe('DataLoader key order', () => {
  const rows = [
    { id: 3, project: 1 },
    { id: 1, project: 2 },
    { id: 2, project: 1 },
  ];

  it('returns one result per key, in key order, null for unknown keys', () => {
    expect(oneByKey([2, 9, 3], rows, (row) => row.id)).toEqual([{ id: 2, project: 1 }, null, { id: 3, project: 1 }]);
  });

  it('returns a list per key, in key order, empty for keys without rows', () => {
    expect(manyByKey([2, 7, 1], rows, (row) => row.project)).toEqual([
      [{ id: 1, project: 2 }],
      [],
      [
        { id: 3, project: 1 },
        { id: 2, project: 1 },
      ],
    ]);
  });

  it('groups rows keeping their order inside each group', () => {
    expect([...groupBy(rows, (row) => row.project)]).toEqual([
      [
        1,
        [
          { id: 3, project: 1 },
          { id: 2, project: 1 },
        ],
      ],
      [2, [{ id: 1, project: 2 }]],
    ]);
  });
});
