import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Model } from './model.js';

function collect(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, out: FieldNode[]): void {
  for (const sel of set?.selections ?? []) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) collect(sel.selectionSet, info, out);
    else collect(info.fragments[sel.name.value]?.selectionSet, info, out);
  }
}

function fieldsUnder(nodes: readonly FieldNode[], info: GraphQLResolveInfo): FieldNode[] {
  const out: FieldNode[] = [];
  for (const node of nodes) collect(node.selectionSet, info, out);
  return out;
}

/**
 * The columns of `model` that the `items` of the page being resolved ask for, plus the keys
 * that relation fields need. Undefined (all columns) when info is missing.
 */
export function itemColumns(model: Model, info: GraphQLResolveInfo | undefined): string[] | undefined {
  if (!info) return undefined;
  const items = fieldsUnder(info.fieldNodes, info).filter((f) => f.name.value === 'items');
  const wanted = new Set(model.keys);
  for (const field of fieldsUnder(items, info)) if (field.name.value in model.columns) wanted.add(field.name.value);
  return [...wanted].sort();
}
