import { raw, type Sql } from './sql.js';

// Every table the reader reads is named here, so what a table name reads can be changed in one
// place: a mutation's payload reads the table it wrote as that write leaves it (compiled-mutations.ts).
let sources: ReadonlyMap<string, string> | undefined;

/** `"table" "alias"`, or `(source) "alias"` while `readingTables` says what `table` reads. */
export function tableRef(table: string, alias: string): Sql {
  const source = sources?.get(table);
  return raw(source ? `${source} "${alias}"` : `"${table}" "${alias}"`);
}

/**
 * Builds with `build` (synchronously: statements are built, not run, here) while each table of
 * `tables` reads from its SQL source instead.
 */
export function readingTables<T>(tables: ReadonlyMap<string, string>, build: () => T): T {
  const outer = sources;
  sources = tables;
  try {
    return build();
  } finally {
    sources = outer;
  }
}
