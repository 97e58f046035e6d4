import fs from 'node:fs';
import path from 'node:path';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType } from 'graphql';
import { buildGraphqlSchema } from '../../src/schema';
import { emittedSchema } from '../../src/scripts/schema';

/** The schema is a contract: committed as emitted, and every part of it described. */
describe('GraphQL schema contract', () => {
  it('matches the committed schema/schema.graphql', async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(await emittedSchema()).toBe(committed);
  });

  it('describes every type, field, argument and enum value', async () => {
    const schema = await buildGraphqlSchema();
    const undescribed: string[] = [];
    const check = (where: string, description: string | null | undefined) => {
      if (!description || !description.trim()) undescribed.push(where);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      check(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          check(`${type.name}.${field.name}`, field.description);
          if ('args' in field)
            for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      }
      if (isEnumType(type))
        for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
      if (isScalarType(type)) check(type.name, type.description);
    }
    expect(undescribed).toEqual([]);
  });
});
