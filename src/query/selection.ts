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

// graphql-js reuses one fieldNodes array for a field under every sibling object (and Apollo reuses the
// parsed document across requests), so a result computed once serves every later call.
const memo = new WeakMap<readonly FieldNode[], Map<string, string[] | undefined>>();

function remembered(info: GraphQLResolveInfo, key: string, compute: () => string[] | undefined): string[] | undefined {
  let byKey = memo.get(info.fieldNodes);
  if (!byKey) memo.set(info.fieldNodes, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, compute());
  return byKey.get(key);
}

/** The to-one relations of `model` selected on the object being resolved, or on a page's `items`. */
export function selectedRelations(model: Model, info: GraphQLResolveInfo | undefined, underItems: boolean): string[] | undefined {
  if (!info) return undefined;
  return remembered(info, `rel:${model.name}:${underItems}`, () => computeRelations(model, info, underItems));
}

function computeRelations(model: Model, info: GraphQLResolveInfo, underItems: boolean): string[] | undefined {
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
  return remembered(info, `col:${model.name}`, () => computeColumns(model, info));
}

function computeColumns(model: Model, info: GraphQLResolveInfo): string[] {
  const items = fieldsUnder(info.fieldNodes, info).filter((f) => f.name.value === 'items');
  const wanted = new Set(model.keys);
  for (const field of fieldsUnder(items, info)) if (field.name.value in model.columns) wanted.add(field.name.value);
  return [...wanted].sort();
}
