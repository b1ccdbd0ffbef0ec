import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode } from 'graphql';
import type { Context } from '../context.js';
import { BadUserInputError } from '../errors.js';

const NUL = '\u0000';

/** Paths of the strings holding a NUL; iterative, as variables may nest deeper than the stack. */
export function variablePaths(root: unknown): string[] {
  const out: string[] = [];
  const stack: [unknown, string][] = [[root, 'variables']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) out.push(path);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push([v, `${path}.${i}`]));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) stack.push([v, `${path}.${k}`]);
    }
  }
  return out.reverse();
}

export function literalPaths(document: DocumentNode): string[] {
  const out: string[] = [];
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes(NUL)) out.push(`query (line ${node.loc?.startToken.line ?? '?'}, column ${node.loc?.startToken.column ?? '?'})`);
    },
  });
  return out;
}

/**
 * PostgreSQL text cannot hold U+0000, and MikroORM inlines values into its SQL, where a NUL
 * breaks the wire protocol (08P01); so such a string is refused before anything runs.
 */
export const rejectNulCharacters: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        const paths = [...variablePaths(request.variables ?? {}), ...literalPaths(document)];
        if (paths.length === 0) return;
        const error = new BadUserInputError(paths.map((path) => ({ path, message: 'may not contain the NUL character (U+0000)' })));
        Object.assign(error.extensions, { http: { status: 400 } });
        throw error;
      },
    };
  },
};
