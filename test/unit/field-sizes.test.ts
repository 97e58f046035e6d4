import 'reflect-metadata';
import {
  getNamedType,
  getNullableType,
  type GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
} from 'graphql';
import { actualCost, jsonBytesOver } from '../../src/graphql/answer-measure';
import { undeclaredTextFields } from '../../src/graphql/field-size';
import { buildGraphqlSchema } from '../../src/schema';

/**
 * The cost bounds the bytes of the answer only if nothing is guessed: every text is measured or declares
 * its size, every list says how long it can be.
 */
describe('the weights the cost analysis gives the fields', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGraphqlSchema();
  });

  it('every text field is measured in the data or declares its size', () => {
    expect(undeclaredTextFields(schema)).toEqual([]);
  });

  it('every list of objects declares its length (a measure, the arguments, a constant); only connection edges follow `first`', () => {
    const guessed: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const list = isListType(getNullableType(field.type)) && isCompositeType(getNamedType(field.type));
        const edges = type.name.endsWith('Connection') && field.name === 'edges';
        if (list && !edges && typeof field.extensions?.complexity !== 'function')
          guessed.push(`${type.name}.${field.name}`);
      }
    }
    expect(guessed).toEqual([]);
  });

  it('weighs an answer by its keys and values in points of 64 bytes, and finds one over a byte limit', () => {
    // "a": object (1); "title": 100 bytes of text + key (2); "n": a number (1); "list": 3 objects × (1 + "k" 1).
    const data = { a: { title: 'x'.repeat(100), n: 5, list: [{ k: 1 }, { k: 2 }, { k: 3 }] } };
    expect(actualCost(data)).toBe(1 + 2 + 1 + 3 * 2);
    const bytes = Buffer.byteLength(JSON.stringify(data));
    expect(jsonBytesOver(data, bytes + 10)).toBe(false);
    expect(jsonBytesOver(data, bytes - 30)).toBe(true);
    expect(jsonBytesOver({ text: 'ж'.repeat(1000) }, 1500)).toBe(true); // two bytes a letter
  });
});
