import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * One bad (or borderline) request kept as data. `body` as an object with only `query` and
 * `variables`, and no transport fields set, is sent through `app.gql` (so it carries whatever
 * auth that helper adds); anything else is sent byte for byte with fetch.
 */
export interface CorpusEntry {
  name: string;
  method?: string;
  /** Appended to /graphql, e.g. `?query=...` for GET. */
  search?: string;
  /** null sends no content-type at all; default application/json. */
  contentType?: string | null;
  headers?: Record<string, string>;
  body?: string | { query?: unknown; variables?: unknown; [key: string]: unknown };
  /** Raw bytes (base64), for invalid UTF-8 and other encodings. */
  bodyBase64?: string;
  /** Who sends it: a signed-in EDITOR, or no one; when absent, the admin for `app.gql` entries and no one for the others. */
  as?: 'EDITOR' | 'ANONYMOUS';
  expect: {
    /** The one HTTP status it gets. */
    status: number;
    /** The one `extensions.code` of every error; "OK" means no errors at all. */
    code: string;
    /** For BAD_USER_INPUT: the field path blamed (`extensions.fields[].path`). */
    path?: string;
    /** The exact `data` when it matters (e.g. LIKE metacharacters match literally). */
    data?: unknown;
    note?: string;
  };
}

export const CORPUS_DIR = __dirname;

/** Every entry of every test/corpus/*.json file, labelled `file: name`. */
export function loadCorpus(): { label: string; entry: CorpusEntry }[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const entries = JSON.parse(readFileSync(path.join(CORPUS_DIR, file), 'utf8')) as CorpusEntry[];
      return entries.map((entry) => ({ label: `${file.replace(/\.json$/, '')}: ${entry.name}`, entry }));
    });
}

/** True when the entry can go through `app.gql(query, variables)`. */
export function isPlainGql(entry: CorpusEntry): entry is CorpusEntry & { body: { query: string; variables?: Record<string, unknown> } } {
  const b = entry.body;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.query === 'string' &&
    Object.keys(b).every((k) => k === 'query' || k === 'variables') &&
    (b.variables === undefined || (typeof b.variables === 'object' && b.variables !== null && !Array.isArray(b.variables))) &&
    entry.method === undefined &&
    entry.search === undefined &&
    entry.contentType === undefined &&
    entry.headers === undefined &&
    entry.bodyBase64 === undefined &&
    entry.as === undefined
  );
}
