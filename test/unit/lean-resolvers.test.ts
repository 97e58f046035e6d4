import 'reflect-metadata';
import { graphql, type GraphQLSchema } from 'graphql';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Info,
  InputType,
  ObjectType,
  Query,
  Resolver,
  Root,
  buildSchema,
  registerEnumType,
} from 'type-graphql';
import { leanFieldResolvers } from '../../src/graphql/lean-resolvers';

@ObjectType({ simpleResolvers: true })
class Thing {
  @Field()
  name: string;

  shout(): string {
    return `${this.name}!`;
  }
}

enum Case {
  UPPER = 'UPPER',
  LOWER = 'LOWER',
}
registerEnumType(Case, { name: 'Case' });

@InputType()
class Decoration {
  @Field()
  around: string;

  wrap(text: string): string {
    return `${this.around}${text}${this.around}`;
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
  repeated(
    @Root() thing: Thing,
    @Arg('times') times: number,
    @Arg('case', () => Case, { defaultValue: Case.LOWER }) letters: Case,
  ): string {
    const text = thing.name.repeat(times);
    return letters === Case.UPPER ? text.toUpperCase() : text;
  }

  @FieldResolver(() => String)
  decorated(@Root() thing: Thing, @Arg('decoration', () => Decoration) decoration: Decoration): string {
    // An instance of the input class (type-graphql's conversion), or this throws.
    return decoration.wrap(thing.name);
  }
}

describe('leanFieldResolvers', () => {
  let schema: GraphQLSchema;
  let original: Record<string, unknown>;

  beforeAll(async () => {
    schema = await buildSchema({ resolvers: [ThingResolver], validate: false });
    const fields = schema.getType('Thing') as unknown as { getFields(): Record<string, { resolve?: unknown }> };
    original = Object.fromEntries(Object.entries(fields.getFields()).map(([name, field]) => [name, field.resolve]));
    expect(leanFieldResolvers(schema, [ThingResolver])).toBe(2);
  });

  const run = async (plain: boolean) => {
    calls.length = 0;
    const result = await graphql({
      schema,
      source:
        '{ things { name loud repeated(times: 2) shouted: repeated(times: 1, case: UPPER) decorated(decoration: { around: "*" }) } }',
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
          { name: 'a', loud: 'a!', repeated: 'aa', shouted: 'A', decorated: '*a*' },
          { name: 'b', loud: 'b!', repeated: 'bb', shouted: 'B', decorated: '*b*' },
        ],
      },
    });
    expect(seen).toEqual([
      { rootIsThing: true, context: 't', fieldName: 'loud' },
      { rootIsThing: true, context: 't', fieldName: 'loud' },
    ]);
  });

  it('calls a resolver of scalar and enum arguments directly: its answer is a value, not a promise', () => {
    const fields = (
      schema.getType('Thing') as unknown as {
        getFields(): Record<string, { resolve: (...values: unknown[]) => unknown }>;
      }
    ).getFields();
    expect(fields.repeated.resolve).not.toBe(original.repeated);
    const thing = Object.assign(new Thing(), { name: 'x' });
    expect(fields.repeated.resolve(thing, { times: 3, case: 'UPPER' }, {}, {})).toBe('XXX');
  });

  it('keeps type-graphql’s handler for an input-class argument, and for a root not yet an instance of its class', async () => {
    const fields = (
      schema.getType('Thing') as unknown as { getFields(): Record<string, { resolve?: unknown }> }
    ).getFields();
    expect(fields.decorated.resolve).toBe(original.decorated);
    // Plain objects: type-graphql converts them (the method calls Thing.prototype.shout), as before.
    const { result, calls: seen } = await run(true);
    expect(result).toEqual({
      data: {
        things: [
          { name: 'a', loud: 'a!', repeated: 'aa', shouted: 'A', decorated: '*a*' },
          { name: 'b', loud: 'b!', repeated: 'bb', shouted: 'B', decorated: '*b*' },
        ],
      },
    });
    expect(seen.every((call) => call.rootIsThing)).toBe(true);
  });
});
