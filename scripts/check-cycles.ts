// `npm run lint` part two: refuses import cycles between our own files, type-only imports
// included. ESLint's import-x/no-cycle skips `import type` by design, but a circle of types is
// still two files that cannot be read or moved apart: the shared type belongs in a file of its own.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOTS = ['src', 'scripts', 'test', 'bench', 'migrations'];
const root = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'peer') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Relative imports of a file, resolved to the .ts files they name (`./x.js` is `./x.ts`). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.resolve(path.dirname(file), name.replace(/\.js$/, '.ts')))
    .filter((target) => existsSync(target));
}

/** Every strongly connected component of more than one file (Tarjan), or a file importing itself. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const files = ROOTS.flatMap((dir) => sourceFiles(path.join(root, dir)));
const graph = new Map(files.map((f) => [f, importsOf(f)]));
// Entities with a relation both ways (Author.books <-> Book.author) name each other's types: that is
// the relation itself, declared as MikroORM and type-graphql want it, not a type that belongs elsewhere.
const entities = path.join(root, 'src', 'entities') + path.sep;
const found = cycles(graph).filter((component) => !component.every((f) => f.startsWith(entities)));
for (const component of found)
  console.error(
    `import cycle: ${component
      .map((f) => path.relative(root, f))
      .sort()
      .join(' <-> ')}`,
  );
if (found.length) process.exit(1);
console.log(`no import cycles among ${files.length} files`);
