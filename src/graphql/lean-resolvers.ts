import {
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isObjectType,
  type GraphQLResolveInfo,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * Field resolvers called without type-graphql's per-call handler.
 *
 * type-graphql wraps every `@FieldResolver` method in a handler that, on each call, builds a
 * resolver-data object, asks its container for the resolver instance, runs the middleware chain (empty
 * here), sorts the method's parameter list and maps it to values: per item of every list, a large share
 * of a list request's garbage.
 *
 * For a field resolver whose parameters are only `@Root()`, `@Ctx()`, `@Info()` and `@Arg()`s of a scalar
 * or enum type, with no middleware and no `@Authorized` roles, this replaces the built field's `resolve`
 * with a direct call of the same method on one instance of its class, the parameters worked out once.
 * type-graphql would pass such an argument as it comes, but through its (async) argument validation, so
 * that every call of, say, `budget(currency:)` became a promise. Everything else keeps type-graphql's
 * handler: arguments of input classes (converted to instances, validated), middlewares, roles, a root under
 * a property name. The one per-call conversion type-graphql does for these parameters, a root that is not
 * an instance of the parameter's class (made into one), is kept by handing such a call to the original
 * handler.
 *
 * Returns the number of fields replaced (the schema is changed in place).
 */
export function leanFieldResolvers(schema: GraphQLSchema, resolverClasses: readonly Function[]): number {
  const storage = getMetadataStorage();
  const instances = new Map<Function, Record<string, (...values: unknown[]) => unknown>>();
  let replaced = 0;
  for (const definition of storage.fieldResolvers) {
    if (definition.kind !== 'external' || !resolverClasses.includes(definition.target) || !definition.getObjectType)
      continue;
    if ((definition.middlewares?.length ?? 0) > 0 || definition.roles !== undefined) continue;
    const params = [...(definition.params ?? [])].sort((a, b) => a.index - b.index);
    const simple = params.every(
      (param) =>
        param.kind === 'info' ||
        param.kind === 'context' ||
        (param.kind === 'root' && param.propertyName === undefined) ||
        (param.kind === 'arg' && plainArgument(param as unknown as ArgParam)),
    );
    if (!simple) continue;
    const objectClass = definition.getObjectType();
    for (const objectType of storage.objectTypes) {
      if (objectType.target !== objectClass && !(objectType.target.prototype instanceof objectClass)) continue;
      const type = schema.getType(objectType.name);
      if (!isObjectType(type)) continue;
      const field = type.getFields()[definition.schemaName] as GraphQLField<unknown, unknown> | undefined;
      if (!field?.resolve) continue;
      let instance = instances.get(definition.target);
      if (!instance)
        instances.set(
          definition.target,
          (instance = new (definition.target as new () => Record<string, (...values: unknown[]) => unknown>)()),
        );
      field.resolve = directCall(instance, definition.methodName, params, field.resolve);
      replaced += 1;
    }
  }
  return replaced;
}

type Param = { kind: string; getType?: () => unknown; propertyName?: string; name?: string };
type ArgParam = Param & { validateSettings?: unknown; validateFn?: unknown };
type Getter = (
  root: unknown,
  context: Record<string, unknown>,
  info: GraphQLResolveInfo,
  args: Record<string, unknown>,
) => unknown;

/**
 * An argument type-graphql hands over as it comes: a scalar or an enum (not an input class, which it makes
 * into an instance), with no validation of its own (a scalar is never validated: it is not an object).
 */
function plainArgument(param: ArgParam): boolean {
  if (param.validateFn !== undefined || (param.validateSettings !== undefined && param.validateSettings !== false))
    return false;
  const type = param.getType?.();
  return type !== undefined && (typeof type !== 'function' || type === String || type === Number || type === Boolean);
}

function directCall(
  instance: Record<string, (...values: unknown[]) => unknown>,
  methodName: string,
  params: readonly Param[],
  original: GraphQLFieldResolver<unknown, unknown>,
): GraphQLFieldResolver<unknown, unknown> {
  const method = instance[methodName];
  const getters: Getter[] = params.map((param) => {
    if (param.kind === 'root') return (root) => root;
    if (param.kind === 'arg') {
      const name = param.name!;
      return (_root, _context, _info, args) => args[name];
    }
    if (param.kind === 'info') return (_root, _context, info) => info;
    const property = param.propertyName;
    return property === undefined ? (_root, context) => context : (_root, context) => context[property];
  });
  // The class a root must already be (type-graphql converts any other object into one).
  const rootClasses = params
    .filter((param) => param.kind === 'root' && param.getType)
    .map((param) => param.getType!())
    .filter((type): type is Function => typeof type === 'function' && type !== Object && type.prototype !== undefined);
  const rootClass = rootClasses[0];
  const [first, second, third] = getters;
  const call: GraphQLFieldResolver<unknown, Record<string, unknown>, Record<string, unknown>> = getters.length === 0
    ? () => method.call(instance)
    : getters.length === 1
      ? (root, args, context, info) => method.call(instance, first(root, context, info, args))
      : getters.length === 2
        ? (root, args, context, info) =>
            method.call(instance, first(root, context, info, args), second(root, context, info, args))
        : getters.length === 3
          ? (root, args, context, info) =>
              method.call(
                instance,
                first(root, context, info, args),
                second(root, context, info, args),
                third(root, context, info, args),
              )
          : (root, args, context, info) =>
              method.apply(
                instance,
                getters.map((getter) => getter(root, context, info, args)),
              );
  if (!rootClass) return call as GraphQLFieldResolver<unknown, unknown>;
  return (root, args, context, info) =>
    root == null || root instanceof rootClass
      ? call(root, args, context as Record<string, unknown>, info)
      : original(root, args, context, info);
}
