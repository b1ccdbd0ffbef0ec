import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { subfields, type Collected, type SelectionEnv } from './collect-fields.js';
import type { Model } from './model.js';

const envOf = (info: GraphQLResolveInfo): SelectionEnv => ({ fragments: info.fragments, variables: info.variableValues });

/** The fields named `items` among `fields`, merged: what a page's items select. */
function itemsOf(fields: Collected, env: SelectionEnv): Collected {
  const items: FieldNode[] = [];
  for (const nodes of fields.values()) if (nodes[0].name.value === 'items') items.push(...nodes);
  return subfields(items, env);
}

const namesOf = (fields: Collected): string[] => [...fields.values()].map((nodes) => nodes[0].name.value);

// graphql-js reuses one fieldNodes array for a field under every sibling object, so a result
// computed once serves the rest of the request. Keyed by the request's variables too: @skip and
// @include make the same document select different fields from one request to the next.
const memo = new WeakMap<object, WeakMap<readonly FieldNode[], Map<string, string[] | undefined>>>();

function remembered(info: GraphQLResolveInfo, key: string, compute: () => string[] | undefined): string[] | undefined {
  let byNodes = memo.get(info.variableValues);
  if (!byNodes) memo.set(info.variableValues, (byNodes = new WeakMap()));
  let byKey = byNodes.get(info.fieldNodes);
  if (!byKey) byNodes.set(info.fieldNodes, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, compute());
  return byKey.get(key);
}

/** The to-one relations of `model` selected on the object being resolved, or on a page's `items`. */
export function selectedRelations(model: Model, info: GraphQLResolveInfo | undefined, underItems: boolean): string[] | undefined {
  if (!info) return undefined;
  return remembered(info, `rel:${model.name}:${underItems}`, () => {
    const env = envOf(info);
    const fields = subfields(info.fieldNodes, env);
    const names = [...new Set(namesOf(underItems ? itemsOf(fields, env) : fields).filter((n) => model.relations[n]?.kind === 'one'))].sort();
    return names.length ? names : undefined;
  });
}

/**
 * The columns of `model` that the `items` of the page being resolved ask for, plus the keys
 * that relation fields need. Undefined (all columns) when info is missing.
 */
export function itemColumns(model: Model, info: GraphQLResolveInfo | undefined): string[] | undefined {
  if (!info) return undefined;
  return remembered(info, `col:${model.name}`, () => {
    const env = envOf(info);
    const wanted = new Set(model.keys);
    for (const name of namesOf(itemsOf(subfields(info.fieldNodes, env), env))) if (name in model.columns) wanted.add(name);
    return [...wanted].sort();
  });
}
