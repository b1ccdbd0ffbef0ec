import fc from 'fast-check';
import { getNullableType, GraphQLEnumType, GraphQLInputObjectType, GraphQLList, type GraphQLInputType, type GraphQLScalarType } from 'graphql';
import { buildAppSchema } from '../../src/schema.js';

// Random filter / orderBy inputs built from the schema's own input types, so new fields and
// operators are fuzzed without touching this file.
type Value = unknown;
const MAX_DEPTH = 3;
const METACHARACTERS = ['%', '_', '\\', "'", '"', ';', '--', '/*', '$1', '?', '*', '[', ']'];

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('e', 'a', 'Pure', 'The', '100% Pure_Code', 'Meridian', 'example.com', 'Seattle'),
  // Case variants of words in the test data: case-insensitive operators must be seen to fold.
  fc.constantFrom('THE', 'the', 'pURE', 'E', 'A', 'SEATTLE', 'meridian', 'ÜNÏ', 'ünï', 'STORE', 'Ωmega', 'ωMEGA'),
  fc.array(fc.constantFrom(...METACHARACTERS, 'a', 'e', 'Pure', ' '), { maxLength: 6 }).map((p) => p.join('')),
);

/** A value the scalar accepts. */
function validScalar(name: string): fc.Arbitrary<Value> {
  switch (name) {
    case 'ID':
      return fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 2147483647 })).map(String);
    case 'String':
      return text;
    case 'Int':
      return fc.oneof(fc.integer({ min: 1950, max: 2015 }), fc.integer({ min: -2147483648, max: 2147483647 }));
    case 'Float':
      return fc.oneof(fc.double({ min: 0, max: 40, noNaN: true }), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
      return fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    default:
      throw new Error(`no arbitrary for scalar ${name}`);
  }
}

/** Anything at all, mostly of the wrong type. */
const junk: fc.Arbitrary<Value> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant('\u0000'),
  fc.constant(2147483648),
  fc.constant(-1),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

function unwrap(type: GraphQLInputType): GraphQLInputType {
  return getNullableType(type) as GraphQLInputType;
}

/** A valid value of `type`, recursing into input objects up to MAX_DEPTH. */
export function validValue(type: GraphQLInputType, depth = 0): fc.Arbitrary<Value> {
  const t = unwrap(type);
  if (t instanceof GraphQLList) return fc.array(validValue(t.ofType, depth + 1), { maxLength: depth >= MAX_DEPTH ? 0 : 3 });
  if (t instanceof GraphQLEnumType) return fc.constantFrom(...t.getValues().map((v) => v.name));
  if (t instanceof GraphQLInputObjectType) {
    const fields = Object.values(t.getFields()).filter(
      (f) => depth < MAX_DEPTH || !(unwrap(f.type) instanceof GraphQLInputObjectType || unwrap(f.type) instanceof GraphQLList),
    );
    // Up to two fields per object, so filters stay selective enough to match some rows.
    return fc
      .subarray(fields, { maxLength: Math.min(2, fields.length) })
      .chain((chosen) => fc.record(Object.fromEntries(chosen.map((f) => [f.name, validValue(f.type, depth + 1)]))));
  }
  return validScalar((t as GraphQLScalarType).name);
}

/** One orderBy element with exactly one field set (nested orders too). */
export function validOrderElement(type: GraphQLInputObjectType): fc.Arbitrary<Value> {
  return fc.oneof(
    ...Object.values(type.getFields()).map((f) => {
      const inner = unwrap(f.type);
      const value = inner instanceof GraphQLInputObjectType ? validOrderElement(inner) : validValue(f.type);
      return value.map((v) => ({ [f.name]: v }));
    }),
  );
}

/** A valid value with one place broken: a wrong type, an unknown key, or a null. */
export function invalidValue(type: GraphQLInputType): fc.Arbitrary<Value> {
  return fc
    .tuple(validValue(type), junk, fc.string({ minLength: 1, maxLength: 6 }), fc.nat())
    .map(([value, bad, key, pick]) => breakOne(value, bad, key, pick));
}

function breakOne(value: Value, bad: Value, key: string, pick: number): Value {
  if (!value || typeof value !== 'object') return bad;
  const entries = Object.entries(value as Record<string, Value>);
  if (entries.length === 0 || pick % 4 === 0) return { ...(value as object), [`x${key}`]: bad };
  const [k, v] = entries[pick % entries.length];
  const copy: Record<string, Value> | Value[] = Array.isArray(value) ? [...value] : { ...(value as object) };
  (copy as Record<string, Value>)[k] = pick % 3 === 0 || typeof v !== 'object' || v === null ? bad : breakOne(v, bad, key, Math.floor(pick / 3));
  return copy;
}

export function inputType(name: string): GraphQLInputObjectType {
  const type = buildAppSchema().getType(name);
  if (!(type instanceof GraphQLInputObjectType)) throw new Error(`${name} is not an input type`);
  return type;
}
