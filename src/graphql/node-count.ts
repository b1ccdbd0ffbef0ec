import {
  getNamedType,
  getVariableValues,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { collectFields, subfields, type Collected, type SelectionEnv } from '../query/collect-fields.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../query/pagination.js';

type Composite = GraphQLObjectType | GraphQLInterfaceType;
type Variables = Record<string, unknown>;

/** The `limit` a list field will use: literal, variable, variable default or schema default, within 0..MAX_LIMIT. */
function limitOf(field: FieldNode, arg: GraphQLArgument, operation: OperationDefinitionNode, variables: Variables): number {
  // A connection's `last` sizes it when given instead of `first`.
  const given = field.arguments?.find((a) => a.name.value === 'last') ? 'last' : arg.name;
  const node = field.arguments?.find((a) => a.name.value === given)?.value;
  let value: unknown = arg.defaultValue ?? DEFAULT_LIMIT;
  if (node?.kind === Kind.INT) value = Number(node.value);
  else if (node?.kind === Kind.VARIABLE) {
    const name = node.name.value;
    const definition = operation.variableDefinitions?.find((d) => d.variable.name.value === name);
    const fallback = definition?.defaultValue?.kind === Kind.INT ? Number(definition.defaultValue.value) : value;
    value = variables[name] ?? fallback;
  }
  // Out-of-range limits are BAD_USER_INPUT when the field runs; here they count as the nearest valid one.
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.floor(value), 0), MAX_LIMIT) : DEFAULT_LIMIT;
}

/**
 * How many objects an operation could return at most: each object field counts once per
 * parent, and a paged list field (one with a `limit` argument) counts its page object once
 * and multiplies everything beneath it by its limit. Fields are collected as graphql-js
 * collects them (collect-fields.ts): fragments spread, @skip/@include applied, fields that
 * share a response key merged.
 */
export function countNodes(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, raw: Variables): number {
  // @skip/@include read coerced values (defaults applied); variables that do not coerce fail the request anyway.
  const { coerced: variables } = getVariableValues(schema, operation.variableDefinitions ?? [], raw, { maxErrors: 1 });
  if (!variables) return 0;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const env: SelectionEnv = { fragments, variables };

  const visit = (fields: Collected, parent: Composite, multiplier: number): number => {
    let total = 0;
    for (const nodes of fields.values()) {
      const name = nodes[0].name.value;
      const definition = name.startsWith('__') ? undefined : parent.getFields()[name];
      const type = definition && getNamedType(definition.type);
      if (!definition || !(isObjectType(type) || isInterfaceType(type))) continue;
      const limitArg = definition.args.find((a) => a.name === 'limit' || a.name === 'first');
      total += multiplier;
      const below = limitArg ? multiplier * limitOf(nodes[0], limitArg, operation, variables) : multiplier;
      total += visit(subfields(nodes, env), type, below);
    }
    return total;
  };

  const root =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return root ? visit(collectFields(operation.selectionSet, env), root, 1) : 0;
}
