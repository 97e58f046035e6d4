import 'reflect-metadata';
import { graphql, type GraphQLSchema } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, Info, ObjectType, Query, Resolver, Root, buildSchema } from 'type-graphql';
import { leanFieldResolvers } from '../../src/graphql/lean-resolvers';

@ObjectType({ simpleResolvers: true })
class Thing {
  @Field()
  name: string;

  shout(): string {
    return `${this.name}!`;
  }
}

/** What each call saw, to compare type-graphql's handler with the direct call. */
const calls: { rootIsThing: boolean; context: unknown; fieldName: string }[] = [];

@Resolver(() => Thing)
class ThingResolver {
  @Query(() => [Thing])
  things(@Ctx() context: { plain: boolean }): Thing[] {
    // Instances, or plain objects that type-graphql must turn into instances for the field resolvers.
    const names = ['a', 'b'];
    return context.plain
      ? (names.map((name) => ({ name })) as Thing[])
      : names.map((name) => Object.assign(new Thing(), { name }));
  }

  @FieldResolver(() => String)
  loud(@Root() thing: Thing, @Ctx() context: { tag: string }, @Info() info: { fieldName: string }): string {
    calls.push({ rootIsThing: thing instanceof Thing, context: context.tag, fieldName: info.fieldName });
    return thing.shout();
  }

  @FieldResolver(() => String)
  repeated(@Root() thing: Thing, @Arg('times') times: number): string {
    return thing.name.repeat(times);
  }
}

describe('leanFieldResolvers', () => {
  let schema: GraphQLSchema;
  let original: Record<string, unknown>;

  beforeAll(async () => {
    schema = await buildSchema({ resolvers: [ThingResolver], validate: false });
    const fields = schema.getType('Thing') as unknown as { getFields(): Record<string, { resolve?: unknown }> };
    original = Object.fromEntries(Object.entries(fields.getFields()).map(([name, field]) => [name, field.resolve]));
    expect(leanFieldResolvers(schema, [ThingResolver])).toBe(1);
  });

  const run = async (plain: boolean) => {
    calls.length = 0;
    const result = await graphql({
      schema,
      source: '{ things { name loud repeated(times: 2) } }',
      contextValue: { plain, tag: 't' },
    });
    return { result, calls: [...calls] };
  };

  it('calls a field resolver of root, context and info directly, with the same arguments and answer', async () => {
    const fields = (
      schema.getType('Thing') as unknown as { getFields(): Record<string, { resolve?: unknown }> }
    ).getFields();
    expect(fields.loud.resolve).not.toBe(original.loud);
    const { result, calls: seen } = await run(false);
    expect(result).toEqual({
      data: {
        things: [
          { name: 'a', loud: 'a!', repeated: 'aa' },
          { name: 'b', loud: 'b!', repeated: 'bb' },
        ],
      },
    });
    expect(seen).toEqual([
      { rootIsThing: true, context: 't', fieldName: 'loud' },
      { rootIsThing: true, context: 't', fieldName: 'loud' },
    ]);
  });

  it('keeps type-graphql’s handler for arguments, and for a root that is not yet an instance of its class', async () => {
    const fields = (
      schema.getType('Thing') as unknown as { getFields(): Record<string, { resolve?: unknown }> }
    ).getFields();
    expect(fields.repeated.resolve).toBe(original.repeated);
    // Plain objects: type-graphql converts them (the method calls Thing.prototype.shout), as before.
    const { result, calls: seen } = await run(true);
    expect(result).toEqual({
      data: {
        things: [
          { name: 'a', loud: 'a!', repeated: 'aa' },
          { name: 'b', loud: 'b!', repeated: 'bb' },
        ],
      },
    });
    expect(seen.every((call) => call.rootIsThing)).toBe(true);
  });
});
