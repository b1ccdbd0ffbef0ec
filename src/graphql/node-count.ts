import {
  getNamedType,
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
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../query/pagination.js';

type Composite = GraphQLObjectType | GraphQLInterfaceType;
type Variables = Record<string, unknown>;

/** The `limit` a list field will use: literal, variable, variable default or schema default, within 0..MAX_LIMIT. */
function limitOf(field: FieldNode, arg: GraphQLArgument, operation: OperationDefinitionNode, variables: Variables): number {
  const node = field.arguments?.find((a) => a.name.value === 'limit')?.value;
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
 * and multiplies everything beneath it by its limit. `@skip`/`@include` are ignored (worst case).
 */
export function countNodes(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Variables): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const typeNamed = (name: string | undefined, fallback: Composite): Composite => {
    const type = name ? schema.getType(name) : undefined;
    return type && (isObjectType(type) || isInterfaceType(type)) ? type : fallback;
  };

  const visit = (set: SelectionSetNode, parent: Composite, multiplier: number): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += visit(selection.selectionSet, typeNamed(selection.typeCondition?.name.value, parent), multiplier);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) total += visit(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value, parent), multiplier);
      } else {
        const definition = selection.name.value.startsWith('__') ? undefined : parent.getFields()[selection.name.value];
        const type = definition && getNamedType(definition.type);
        if (!definition || !selection.selectionSet || !(isObjectType(type) || isInterfaceType(type))) continue;
        const limitArg = definition.args.find((a) => a.name === 'limit');
        total += multiplier;
        const below = limitArg ? multiplier * limitOf(selection, limitArg, operation, variables) : multiplier;
        total += visit(selection.selectionSet, type, below);
      }
    }
    return total;
  };

  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return root ? visit(operation.selectionSet, root, 1) : 0;
}
