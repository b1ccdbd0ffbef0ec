/**
 * Which read path `startTestApp` serves by default in this test file. Every read test file runs
 * twice: as itself (compiled path on: plain JSON reads become one SQL statement) and through a
 * one-line twin in test/resolver-path/ that calls useResolverPath() first (every read goes
 * through Apollo, the resolvers and the DataLoaders). jest gives each test file its own module
 * registry, so the switch never leaks into another file.
 */
export type ReadPath = 'compiled' | 'resolvers';

let path: ReadPath = 'compiled';

export function useResolverPath(): void {
  path = 'resolvers';
}

export function readPath(): ReadPath {
  return path;
}

/** SQL statements a read takes: the compiled path promises 1; the resolvers one per level (`levels`). */
export function statementsPerPath(levels: number): number {
  return path === 'compiled' ? 1 : levels;
}
