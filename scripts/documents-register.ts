// Checks a frontend's persisted-query manifest against the schema and registers it for the server:
//   npm run documents:register -- <manifest.json> [--out trusted-documents.json]
// Reads Apollo's persisted-query manifest or GraphQL Code Generator's persisted-documents.json; every
// operation must parse and validate with the server's own rules (query limits included). With --out it
// writes the operations as an Apollo manifest, the file to deploy and point TRUSTED_DOCUMENTS at.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { parse, getOperationAST } from 'graphql';
import { parseConfig } from '../src/config.js';
import { extraValidationRules } from '../src/graphql/apollo.js';
import { loadManifest } from '../src/graphql/trusted-manifest.js';
import { buildAppSchema } from '../src/schema.js';

function main(args: string[]): number {
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1));
  if (!file || (outAt >= 0 && !out)) {
    process.stderr.write('usage: npm run documents:register -- <manifest.json> [--out <trusted-documents.json>]\n');
    return 2;
  }
  let manifest;
  try {
    manifest = loadManifest(file, buildAppSchema(), extraValidationRules(parseConfig(process.env)));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
  const operations = [...manifest].map(([id, body]) => {
    const op = getOperationAST(parse(body));
    return { id, name: op?.name?.value ?? '', type: op?.operation ?? 'query', body };
  });
  if (out) writeFileSync(out, `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`);
  for (const op of operations) process.stdout.write(`ok ${op.type} ${op.name || '(anonymous)'} ${op.id}\n`);
  process.stdout.write(`${operations.length} trusted documents valid against the schema${out ? `, written to ${out}` : ''}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
