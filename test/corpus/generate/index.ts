// Writes the bad-input corpus under test/corpus/*.json: `npm run corpus:generate`.
// The JSON files are the corpus (committed data); test/corpus-generate.test.ts checks that this
// script reproduces them byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusEntry } from '../corpus.js';
import type { Draft } from './helpers.js';
import { numbers } from './numbers.js';
import { emptiesAndNulls } from './empties.js';
import { roles } from './roles.js';
import { aliases, deepAndWide, duplicates, inLists } from './shapes.js';
import { controlCharacters, hugeStrings, sqlAndLike } from './strings.js';
import { forgedTokens } from './tokens.js';
import { contentTypes, malformedJson } from './transport.js';
import { unknownFields } from './documents.js';
import { variableTypes } from './variables.js';
import { hardening } from './hardening.js';

const files: Record<string, () => Draft[]> = {
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
  'forged-tokens': forgedTokens,
  roles,
  'hardening-limits': hardening,
};

export interface Settled {
  status: number;
  code: string;
  path?: string;
}

/**
 * The one answer of each entry whose generator allows several (or names no status, or no field
 * path for BAD_USER_INPUT), by label `file: name`. Settled from what the server answers, and
 * only ever among the codes and statuses the generator allows.
 */
const SETTLED = JSON.parse(readFileSync(path.join(__dirname, 'settled.json'), 'utf8')) as Record<string, Settled>;

function settle(label: string, draft: Draft): CorpusEntry {
  const { status, code, path: fieldPath, ...rest } = draft.expect;
  const own = status?.length === 1 && code.length === 1 && (code[0] !== 'BAD_USER_INPUT' || fieldPath !== undefined);
  const answer: Settled = own ? { status: status[0], code: code[0], path: fieldPath } : SETTLED[label];
  if (!answer) throw new Error(`${label}: allows ${JSON.stringify({ status, code })}; settle it in settled.json`);
  if (!code.includes(answer.code) || (status && !status.includes(answer.status)))
    throw new Error(`${label}: settled ${JSON.stringify(answer)} is not among ${JSON.stringify({ status, code })}`);
  const expect = { status: answer.status, code: answer.code, ...(answer.code === 'BAD_USER_INPUT' ? { path: answer.path } : {}), ...rest };
  return { ...draft, expect };
}

/** Every entry as its generator drafts it, labelled `file: name`. */
export function drafts(): { label: string; draft: Draft }[] {
  return Object.entries(files).flatMap(([name, make]) => make().map((draft) => ({ label: `${name}: ${draft.name}`, draft })));
}

/** Every corpus file as the generator writes it: name -> text. */
export function renderCorpus(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, make] of Object.entries(files)) {
    const entries = make().map((draft) => settle(`${name}: ${draft.name}`, draft));
    const names = new Set(entries.map((e) => e.name));
    if (names.size !== entries.length) throw new Error(`${name}: entry names must be unique`);
    // One entry per line: diffs stay readable and huge values stay on their own line.
    out[`${name}.json`] = `[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`;
  }
  return out;
}

if (require.main === module) {
  for (const [file, text] of Object.entries(renderCorpus())) {
    writeFileSync(path.join(__dirname, '..', file), text);
    process.stdout.write(`${file}: ${text.split('\n').length - 3}\n`);
  }
}
