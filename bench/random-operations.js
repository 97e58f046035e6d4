// Random GraphQL operations built from a schema (seeded, reproducible): valid documents with well-typed
// but often hostile variables. Used by the random-operation test and by bench/fuzz-memory.js.
const {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isUnionType,
} = require('graphql');

/** Mulberry32: a small seeded generator, so that a failure is reproducible from its seed. */
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

/** Values a client may send, valid and hostile alike (all well-typed JSON for their GraphQL type). */
const STRINGS = [
  '',
  'SZR12',
  'SML31',
  'казан',
  'Kazan',
  'Стара Загора',
  'BG05M9OP001-2.056-0020',
  'BG05М90Р001-2.056-14',
  "'; DROP TABLE projects; --",
  '%',
  '_',
  '\\',
  'x'.repeat(2_000),
  'a\u0000b',
  '\ud800',
  '😀',
  'null',
  '{}',
  'c2hub:offset:5',
  'UHJvamVjdDox',
  'PERSONS_EMPLOYED',
  'kazanlak',
];
const INTS = [-2147483648, -1, 0, 1, 2, 5, 20, 99, 100, 101, 1000, 2147483647];
const DATES = ['2021-01-01', '2023-12-31', '2023-02-30', '0000-01-01', '9999-12-31', 'yesterday', '2023-1-1'];
const DECIMALS = ['0', '0.01', '1555364.20', '-1', '1.234', '999999999999999.99', '1e3', 'NaN'];

function inputValue(type, rng, depth) {
  if (isNonNullType(type)) return inputValue(type.ofType, rng, depth);
  if (rng.chance(0.05)) return null;
  if (isListType(type))
    return Array.from({ length: rng.pick([0, 1, 2, 3]) }, () => inputValue(type.ofType, rng, depth + 1));
  if (isEnumType(type)) return rng.pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    const value = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || (depth < 3 && rng.chance(0.3)))
        value[field.name] = inputValue(field.type, rng, depth + 1);
    }
    return value;
  }
  switch (type.name) {
    case 'Int':
      return rng.pick(INTS);
    case 'Float':
      return rng.pick([0, 1.5, -3, 1e300]);
    case 'Boolean':
      return rng.chance(0.5);
    case 'Date':
      return rng.pick(DATES);
    case 'Decimal':
      return rng.pick(DECIMALS);
    case 'ID':
      return rng.pick([
        ...STRINGS,
        Buffer.from('Project:1').toString('base64url'),
        Buffer.from('Municipality:SZR12').toString('base64url'),
      ]);
    default:
      return rng.pick(STRINGS);
  }
}

/** A random operation: root fields with random arguments (as variables) and random selections. */
function randomOperation(schema, rng) {
  const declarations = [];
  const variables = {};
  const args = (field) => {
    const chosen = field.args.filter((arg) =>
      isNonNullType(arg.type) && arg.defaultValue === undefined ? true : rng.chance(0.5),
    );
    if (chosen.length === 0) return '';
    return `(${chosen
      .map((arg) => {
        const name = `v${declarations.length}`;
        declarations.push(`$${name}: ${String(arg.type)}`);
        variables[name] = inputValue(arg.type, rng, 0);
        return `${arg.name}: $${name}`;
      })
      .join(', ')})`;
  };
  const selection = (type, depth) => {
    if (isLeafType(type)) return '';
    if (isInterfaceType(type) || isUnionType(type)) {
      const possible = schema.getPossibleTypes(type);
      return `{ __typename ... on ${rng.pick(possible).name} ${selection(rng.pick(possible), depth)} }`;
    }
    const fields = Object.values(type.getFields());
    const leaves = fields.filter((field) => isLeafType(getNamedType(field.type)));
    const chosen = new Set();
    const count = 1 + Math.floor(rng.next() * 4);
    for (let index = 0; index < count; index += 1)
      chosen.add(depth >= 4 && leaves.length ? rng.pick(leaves) : rng.pick(fields));
    return `{ ${[...chosen].map((field) => `${field.name}${args(field)} ${selection(getNamedType(field.type), depth + 1)}`).join(' ')} }`;
  };
  const query = schema.getQueryType();
  const roots = Object.values(query.getFields());
  const body = Array.from({ length: 1 + Math.floor(rng.next() * 2) }, (_v, index) => {
    const field = rng.pick(roots);
    return `r${index}: ${field.name}${args(field)} ${selection(getNamedType(field.type), 1)}`;
  }).join(' ');
  return { query: `query${declarations.length ? `(${declarations.join(', ')})` : ''} { ${body} }`, variables };
}

module.exports = { random, randomOperation };
