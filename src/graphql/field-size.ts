import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInterfaceType,
  isListType,
  isObjectType,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { getMetadataArgsStorage } from 'typeorm';
import type { DataSizes } from './data-sizes';

/**
 * What a leaf field's value weighs in the response, in bytes of JSON, so that an operation's cost bounds
 * the bytes of its answer (field-cost.ts: one point per BYTES_PER_POINT). A field declares its size with
 * type-graphql's `@Extensions({ size })`; a field backed by a text, array or JSON column of an entity
 * gets the measure of that column (db/data-measures.ts: the longest value stored); every other leaf weighs
 * what its type can print (an Int 11 bytes, an enum its longest value …).
 *
 * A declaration is a number of bytes, a measure's name (`text:Project.title`), a measure scaled
 * (`{ measure, factor, plus }`: a global ID is base64 of its type and key), or a list of these (the
 * largest counts). A measure not read yet weighs UNKNOWN_TEXT_BYTES.
 */

export const BYTES_PER_POINT = 64;
/** The weight of a measure the data sizes do not hold (yet). */
export const UNKNOWN_TEXT_BYTES = 100_000;
/** The weight of a text leaf that declares nothing (a test keeps this list empty). */
export const UNDECLARED_TEXT_BYTES = 4_096;

export type SizeDeclaration =
  number | string | { measure: string; factor?: number; plus?: number } | readonly SizeDeclaration[];

/** Bytes a value of a scalar type can print as, quotes included. */
const SCALAR_BYTES: Record<string, number> = {
  Int: 11,
  Float: 24,
  Boolean: 5,
  ID: 64,
  Date: 12,
  DateTimeISO: 30,
  Decimal: 24,
};

/** Types whose values are texts of any length: they must declare their size (or be measured). */
const TEXT_TYPES = new Set(['String', 'URL', 'JSON']);

export function declaredBytes(declaration: SizeDeclaration, sizes: DataSizes): number {
  if (typeof declaration === 'number') return declaration;
  if (typeof declaration === 'string') return sizes.get(declaration, UNKNOWN_TEXT_BYTES);
  if (Array.isArray(declaration)) return Math.max(0, ...declaration.map((item) => declaredBytes(item, sizes)));
  const scaled = declaration as { measure: string; factor?: number; plus?: number };
  return Math.ceil(sizes.get(scaled.measure, UNKNOWN_TEXT_BYTES) * (scaled.factor ?? 1) + (scaled.plus ?? 0));
}

/** The bytes of one value of a leaf type (a list's item), when the field declares nothing. */
function typeBytes(type: GraphQLNamedType): number {
  if (isEnumType(type)) return 2 + Math.max(...type.getValues().map((value) => value.name.length));
  return SCALAR_BYTES[type.name] ?? UNDECLARED_TEXT_BYTES;
}

/**
 * The bytes of a leaf field's value. A list of leaves is weighed whole when the field's declaration
 * measures the whole list (an array column's JSON); otherwise per item, times its declared `items`.
 */
export function leafBytes(field: GraphQLField<unknown, unknown>, sizes: DataSizes): number {
  const size = field.extensions?.size as SizeDeclaration | undefined;
  const named = getNamedType(field.type);
  if (size !== undefined) return declaredBytes(size, sizes);
  const bytes = typeBytes(named);
  if (!isListType(getNullableType(field.type))) return bytes;
  // A list of enum values holds each at most once.
  const items = isEnumType(named) ? named.getValues().length : 1;
  return 2 + items * (bytes + 1);
}

/** Leaf fields whose type is a text and that neither declare a size nor are measured (kept empty by a test). */
export function undeclaredTextFields(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields()))
      if (TEXT_TYPES.has(getNamedType(field.type).name) && field.extensions?.size === undefined)
        found.push(`${type.name}.${field.name}`);
  }
  return found;
}

/**
 * Gives every leaf field backed by an entity's text, array or JSON column the measure of that column
 * (`text:<Entity>.<property>`), a global ID of a text key the measure of its key, and an interface's
 * field the largest of its implementations'. Fields that declare a size keep it. Changes the schema in place.
 */
export function measureEntityFields(schema: GraphQLSchema): void {
  const columns = getMetadataArgsStorage().columns;
  const graphqlTypes = getMetadataStorage().objectTypes;
  const textColumn = (target: Function, property: string) =>
    columns.find(
      (column) =>
        (column.target === target ||
          (typeof column.target === 'function' && target.prototype instanceof column.target)) &&
        column.propertyName === property &&
        (column.options.array || ['text', 'varchar', 'jsonb', 'json'].includes(String(column.options.type))),
    );
  const textKey = (target: Function) =>
    columns.find(
      (column) => column.target === target && column.options.primary === true && String(column.options.type) === 'text',
    );
  for (const { name, target } of graphqlTypes) {
    const type = schema.getType(name);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.extensions?.size !== undefined || isObjectType(getNamedType(field.type))) continue;
      const column = TEXT_TYPES.has(getNamedType(field.type).name) ? textColumn(target, field.name) : undefined;
      if (column) setSize(field, `text:${target.name}.${column.propertyName}`);
      else if (field.name === 'id' && getNamedType(field.type).name === 'ID') {
        const key = textKey(target);
        // base64 of "<Type>:<key>": 4/3 of the key and the type name.
        if (key) setSize(field, { measure: `text:${target.name}.${key.propertyName}`, factor: 4 / 3, plus: 64 });
      }
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInterfaceType(type) || type.name.startsWith('__')) continue;
    const implementations = schema.getPossibleTypes(type);
    for (const field of Object.values(type.getFields())) {
      if (field.extensions?.size !== undefined || !isLeafField(field)) continue;
      const declared = implementations
        .map((implementation) => implementation.getFields()[field.name]?.extensions?.size as SizeDeclaration)
        .filter((size) => size !== undefined);
      if (declared.length > 0) setSize(field, declared);
    }
  }
}

function isLeafField(field: GraphQLField<unknown, unknown>): boolean {
  const named = getNamedType(field.type);
  return !isObjectType(named) && !isInterfaceType(named);
}

function setSize(field: GraphQLField<unknown, unknown>, size: SizeDeclaration): void {
  (field as { extensions: Record<string, unknown> }).extensions = { ...field.extensions, size };
}
