// Writes the bad-input corpus under test/corpus/*.json: `npm run corpus:generate`.
// The JSON files are the corpus (committed data); this script is only how most of it was made.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusEntry } from '../corpus.js';
import { numbers } from './numbers.js';
import { emptiesAndNulls } from './empties.js';
import { aliases, deepAndWide, duplicates, inLists } from './shapes.js';
import { controlCharacters, hugeStrings, sqlAndLike } from './strings.js';
import { contentTypes, malformedJson } from './transport.js';
import { unknownFields } from './documents.js';
import { variableTypes } from './variables.js';
import { hardening } from './hardening.js';

const files: Record<string, () => CorpusEntry[]> = {
  'malformed-json': malformedJson,
  'content-types': contentTypes,
  'variable-types': variableTypes,
  'unknown-fields': unknownFields,
  'huge-strings': hugeStrings,
  'control-characters': controlCharacters,
  'sql-and-like': sqlAndLike,
  numbers,
  'empty-and-null': emptiesAndNulls,
  'deep-and-wide': deepAndWide,
  aliases,
  duplicates,
  'in-lists': inLists,
  'hardening-limits': hardening,
};

let total = 0;
for (const [name, make] of Object.entries(files)) {
  const entries = make();
  const names = new Set(entries.map((e) => e.name));
  if (names.size !== entries.length) throw new Error(`${name}: entry names must be unique`);
  // One entry per line: diffs stay readable and huge values stay on their own line.
  writeFileSync(path.join(__dirname, '..', `${name}.json`), `[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`);
  total += entries.length;
  process.stdout.write(`${name}.json: ${entries.length}\n`);
}
process.stdout.write(`total: ${total}\n`);
