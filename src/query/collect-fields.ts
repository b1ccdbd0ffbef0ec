import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';

export interface SelectionEnv {
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** Coerced variable values. */
  variables: Readonly<Record<string, unknown>>;
}

/** Response key -> the field nodes merged under it, in first-seen order (graphql-js' CollectFields). */
export type Collected = Map<string, FieldNode[]>;

function included(node: FieldNode | FragmentSpreadNode | InlineFragmentNode, env: SelectionEnv): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, env.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, env.variables)?.if !== false;
}

/**
 * Fields of a selection set with fragments flattened and @skip/@include applied. Type
 * conditions need no check: every type here is an object type, and validation has already
 * refused a fragment spread on another type.
 */
export function collectFields(set: SelectionSetNode, env: SelectionEnv, out: Collected = new Map(), seen = new Set<string>()): Collected {
  for (const selection of set.selections) {
    if (!included(selection, env)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const nodes = out.get(key);
      if (nodes) nodes.push(selection);
      else out.set(key, [selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFields(selection.selectionSet, env, out, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = env.fragments[selection.name.value];
      if (fragment) collectFields(fragment.selectionSet, env, out, seen);
    }
  }
  return out;
}

/** The merged sub-selection of fields that share one response key. */
export function subfields(nodes: readonly FieldNode[], env: SelectionEnv): Collected {
  const out: Collected = new Map();
  const seen = new Set<string>();
  for (const node of nodes) if (node.selectionSet) collectFields(node.selectionSet, env, out, seen);
  return out;
}
