import { Kind, visit, type ASTNode, type DocumentNode, type FieldNode, type OperationDefinitionNode } from 'graphql';

interface Range {
  start: number;
  end: number;
}

/** Replaces each range with spaces, keeping line breaks, so every remaining token keeps its line and column. */
function blank(source: string, ranges: Range[]): string {
  let out = '';
  let at = 0;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    out += source.slice(at, start) + source.slice(start, end).replace(/[^\n\r]/g, ' ');
    at = end;
  }
  return out + source.slice(at);
}

function rangeOf(node: ASTNode): Range {
  return { start: node.loc!.start, end: node.loc!.end };
}

/** Names of the variables and fragments used under `nodes`, following fragment spreads. */
function usedBy(document: DocumentNode, nodes: readonly ASTNode[]): { variables: Set<string>; fragments: Set<string> } {
  const variables = new Set<string>();
  const fragments = new Set<string>();
  const pending = [...nodes];
  for (let node = pending.pop(); node; node = pending.pop()) {
    visit(node, {
      Variable: (v) => void variables.add(v.name.value),
      FragmentSpread: (s) => {
        if (fragments.has(s.name.value)) return;
        fragments.add(s.name.value);
        const definition = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value);
        if (definition) pending.push(definition);
      },
    });
  }
  return { variables, fragments };
}

/**
 * The text of the document that asks only for the root fields the resolvers must answer: the
 * request's own text with the compiled root fields, the other operations and whatever fragment
 * or variable definition is then unused blanked out. Errors from it carry the locations of the
 * original document. Null when the split cannot be made field by field (root-level fragments).
 */
export function resolverDocument(source: string, document: DocumentNode, operation: OperationDefinitionNode, compiled: readonly FieldNode[]): string | null {
  if (operation.selectionSet.selections.some((s) => s.kind !== Kind.FIELD)) return null;
  const gone = new Set<ASTNode>(compiled);
  const kept = operation.selectionSet.selections.filter((s) => !gone.has(s));
  const used = usedBy(document, [...kept, ...(operation.directives ?? [])]);
  const ranges: Range[] = [...compiled].map(rangeOf);
  for (const definition of document.definitions) {
    if (definition === operation) continue;
    if (definition.kind !== Kind.FRAGMENT_DEFINITION || !used.fragments.has(definition.name.value)) ranges.push(rangeOf(definition));
  }
  const definitions = operation.variableDefinitions ?? [];
  const unused = definitions.filter((d) => !used.variables.has(d.variable.name.value));
  if (unused.length && unused.length === definitions.length) {
    // `query Q()` does not parse: blank the parentheses too.
    const first = definitions[0].loc!.startToken.prev!;
    const last = definitions[definitions.length - 1].loc!.endToken.next!;
    ranges.push({ start: first.start, end: last.end });
  } else {
    ranges.push(...unused.map(rangeOf));
  }
  return blank(source, ranges);
}
