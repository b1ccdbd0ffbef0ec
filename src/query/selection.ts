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

/** The to-one relations of `model` selected on the object being resolved, or on a page's `items`. */
export function selectedRelations(model: Model, info: GraphQLResolveInfo | undefined, underItems: boolean): string[] | undefined {
  if (!info) return undefined;
  let nodes = fieldsUnder(info.fieldNodes, info);
  if (underItems) nodes = fieldsUnder(nodes.filter((f) => f.name.value === 'items'), info);
  const names = [...new Set(nodes.map((f) => f.name.value).filter((n) => model.relations[n]?.kind === 'one'))].sort();
  return names.length ? names : undefined;
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
