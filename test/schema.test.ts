import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
} from 'graphql';
import { printAppSchema } from '../src/schema.js';

const root = path.resolve(__dirname, '..');
const committed = readFileSync(path.join(root, 'schema.graphql'), 'utf8');
const ours = buildSchema(committed);
const contract = buildSchema(readFileSync(path.join(__dirname, 'contract', 'contract.graphql'), 'utf8'));

function describeArgs(field: GraphQLField<unknown, unknown>): string[] {
  return field.args.map((a) => `${a.name}: ${String(a.type)}${a.defaultValue === undefined ? '' : ` = ${JSON.stringify(a.defaultValue)}`}`).sort();
}

function missingFrom(expected: GraphQLNamedType, actual: GraphQLNamedType | undefined): string[] {
  if (!actual) return [`type ${expected.name}`];
  const problems: string[] = [];
  if (isObjectType(expected) && isObjectType(actual)) {
    for (const f of Object.values(expected.getFields())) {
      const mine = actual.getFields()[f.name];
      if (!mine) problems.push(`${expected.name}.${f.name}`);
      else if (String(mine.type) !== String(f.type)) problems.push(`${expected.name}.${f.name}: ${String(mine.type)} (contract ${String(f.type)})`);
      else if (JSON.stringify(describeArgs(mine)) !== JSON.stringify(describeArgs(f)))
        problems.push(`${expected.name}.${f.name}(${describeArgs(mine)}) (contract ${describeArgs(f)})`);
    }
  } else if (isInputObjectType(expected) && isInputObjectType(actual)) {
    for (const f of Object.values(expected.getFields()) as GraphQLInputField[]) {
      const mine = actual.getFields()[f.name];
      if (!mine || String(mine.type) !== String(f.type)) problems.push(`${expected.name}.${f.name}`);
    }
  } else if (isEnumType(expected) && isEnumType(actual)) {
    const values = actual.getValues().map((v) => v.name);
    for (const v of expected.getValues()) if (!values.includes(v.name)) problems.push(`${expected.name}.${v.name}`);
  } else if (expected.constructor !== actual.constructor) {
    problems.push(`${expected.name} is a different kind of type`);
  }
  return problems;
}

describe('schema.graphql', () => {
  it('is what the resolvers generate (run `npm run schema:print` when this fails)', () => {
    expect(committed).toBe(printAppSchema());
  });

  it('contains every type, field, argument, default and enum value of the contract', () => {
    const problems = Object.values(contract.getTypeMap())
      .filter((t) => !t.name.startsWith('__') && !(isScalarType(t) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name)))
      .flatMap((t) => missingFrom(t, ours.getType(t.name) ?? undefined));
    expect(problems).toEqual([]);
  });
});
