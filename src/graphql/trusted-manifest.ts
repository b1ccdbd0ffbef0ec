import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse, specifiedRules, validate, type GraphQLSchema, type ValidationRule } from 'graphql';

/** Operation id → document text, from a frontend's persisted-query manifest. */
export type Manifest = Map<string, string>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Reads the two manifest formats frontends' tooling writes:
 * - Apollo's `@apollo/generate-persisted-query-manifest`:
 *   `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id", "name", "type", "body" }] }`
 * - GraphQL Code Generator's client preset (`persistedDocuments`): `{ "<hash>": "<document>" }`.
 */
export function parseManifest(json: unknown): Manifest {
  if (!isRecord(json)) throw new Error('the manifest is not a JSON object');
  const manifest: Manifest = new Map();
  const add = (id: unknown, body: unknown, where: string) => {
    if (typeof id !== 'string' || !id || typeof body !== 'string' || !body) throw new Error(`${where}: needs a non-empty string id and body`);
    if (manifest.has(id) && manifest.get(id) !== body) throw new Error(`${where}: id ${id} is listed twice with different documents`);
    manifest.set(id, body);
  };
  if (json.format === 'apollo-persisted-query-manifest') {
    if (json.version !== 1 || !Array.isArray(json.operations)) throw new Error('an Apollo manifest needs "version": 1 and an "operations" array');
    json.operations.forEach((op: unknown, i) => add(isRecord(op) ? op.id : undefined, isRecord(op) ? op.body : undefined, `operations[${i}]`));
  } else {
    for (const [id, body] of Object.entries(json)) add(id, body, `"${id}"`);
  }
  return manifest;
}

/** Every listed document must parse and validate against the schema, with the server's own rules. */
export function manifestProblems(manifest: Manifest, schema: GraphQLSchema, rules: readonly ValidationRule[]): string[] {
  const problems: string[] = [];
  for (const [id, body] of manifest) {
    try {
      const errors = validate(schema, parse(body), [...specifiedRules, ...rules]);
      problems.push(...errors.map((e) => `${id}: ${e.message}`));
    } catch (err) {
      problems.push(`${id}: ${(err as Error).message}`);
    }
  }
  return problems;
}

/** Reads, parses and validates a manifest file; throws with every problem listed. */
export function loadManifest(file: string, schema: GraphQLSchema, rules: readonly ValidationRule[]): Manifest {
  let manifest: Manifest;
  try {
    manifest = parseManifest(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new Error(`trusted documents ${file}: ${(err as Error).message}`);
  }
  const problems = manifestProblems(manifest, schema, rules);
  if (problems.length) throw new Error(`trusted documents ${file}: ${problems.join('; ')}`);
  return manifest;
}
