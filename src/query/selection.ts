import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { Model } from './model.js';

type Fragments = Record<string, FragmentDefinitionNode>;

/** The fields of a selection set, looking through inline fragments and fragment spreads. */
function fieldsOf(set: SelectionSetNode | undefined, fragments: Fragments, out: FieldNode[] = []): FieldNode[] {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field') out.push(selection);
    else if (selection.kind === 'InlineFragment') fieldsOf(selection.selectionSet, fragments, out);
    else fieldsOf(fragments[selection.name.value]?.selectionSet, fragments, out);
  }
  return out;
}

/**
 * The columns a page field must read for its `items`: the scalar fields the query selects, plus
 * `id` and every `...Id` key, which the relation field resolvers need.
 */
export function itemColumns(info: GraphQLResolveInfo, model: Model): string[] {
  const columns = new Set(Object.keys(model.columns).filter((c) => c === 'id' || c.endsWith('Id')));
  for (const page of info.fieldNodes) {
    for (const items of fieldsOf(page.selectionSet, info.fragments)) {
      if (items.name.value !== 'items') continue;
      for (const field of fieldsOf(items.selectionSet, info.fragments)) if (field.name.value in model.columns) columns.add(field.name.value);
    }
  }
  return [...columns];
}
