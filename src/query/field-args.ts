import {
  getArgumentValues,
  isNonNullType,
  Kind,
  valueFromAST,
  type ArgumentNode,
  type FieldNode,
  type GraphQLArgument,
  type GraphQLField,
  type ValueNode,
} from 'graphql';

type Input = Record<string, unknown>;

/** One argument of a field node: fixed (absent with a default, or a literal without variables), or read per request. */
type Step = { name: string; fixed: unknown } | { name: string; definition: GraphQLArgument; node: ValueNode };

interface FieldSteps {
  definition: GraphQLField<unknown, unknown>;
  steps: Step[];
}

const hasVariable = (node: ValueNode): boolean =>
  node.kind === Kind.VARIABLE ||
  (node.kind === Kind.LIST && node.values.some(hasVariable)) ||
  (node.kind === Kind.OBJECT && node.fields.some((f) => hasVariable(f.value)));

const isPlain = (value: unknown): value is object =>
  Array.isArray(value) || (typeof value === 'object' && value !== null && [null, Object.prototype].includes(Object.getPrototypeOf(value)));

/** Coerced once, then shared by every request: frozen (the lists and input objects coercion made), so no reader can change it for the next. */
function frozen<T>(value: T): T {
  if (isPlain(value) && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

/** The steps of a field node, or undefined when its fixed part always fails (getArgumentValues then throws its own error). */
function stepsOf(definition: GraphQLField<unknown, unknown>, field: FieldNode): Step[] | undefined {
  const given = new Map<string, ArgumentNode>((field.arguments ?? []).map((a) => [a.name.value, a]));
  const steps: Step[] = [];
  for (const arg of definition.args) {
    const node = given.get(arg.name)?.value;
    if (node && hasVariable(node)) {
      steps.push({ name: arg.name, definition: arg, node });
    } else if (node) {
      if (node.kind === Kind.NULL && isNonNullType(arg.type)) return undefined;
      const value = valueFromAST(node, arg.type);
      if (value === undefined) return undefined;
      steps.push({ name: arg.name, fixed: frozen(value) });
    } else if (arg.defaultValue !== undefined) {
      steps.push({ name: arg.name, fixed: arg.defaultValue });
    } else if (isNonNullType(arg.type)) {
      return undefined;
    }
  }
  return steps;
}

const cache = new WeakMap<FieldNode, FieldSteps | null>();

/**
 * graphql-js' getArgumentValues, with the arguments that do not depend on variables coerced once
 * per field node (a document is planned once and then reused) instead of on every request: the
 * admission walk (cost.ts) and the compiler (json-query.ts) read the same field's arguments, from
 * raw and from coerced variables, and literals read neither. Anything out of the ordinary (a
 * missing variable, a null for a non-null argument) is left to getArgumentValues itself, so the
 * values and the errors are exactly its own.
 */
export function fieldArguments(definition: GraphQLField<unknown, unknown>, field: FieldNode, variables: Readonly<Input>): Input {
  let entry = cache.get(field);
  if (entry === undefined || (entry && entry.definition !== definition)) {
    const steps = stepsOf(definition, field);
    cache.set(field, (entry = steps ? { definition, steps } : null));
  }
  if (!entry) return getArgumentValues(definition, field, variables);
  const out: Input = Object.create(null);
  for (const step of entry.steps) {
    if ('fixed' in step) {
      out[step.name] = step.fixed;
      continue;
    }
    const { node, definition: arg } = step;
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      if (variables == null || !Object.prototype.hasOwnProperty.call(variables, name)) return getArgumentValues(definition, field, variables);
      if (variables[name] == null && isNonNullType(arg.type)) return getArgumentValues(definition, field, variables);
    }
    const value = valueFromAST(node, arg.type, variables);
    if (value === undefined) return getArgumentValues(definition, field, variables);
    out[step.name] = value;
  }
  return out;
}
