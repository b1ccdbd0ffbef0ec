import type { IncomingMessage } from 'node:http';
import type { ResolverData } from 'type-graphql';
import { roleRefusal } from '../auth/auth-checker.js';
import { userFromHeader, type AuthKit } from '../auth/auth-kit.js';
import type { Database } from '../db/database.js';
import type { CompiledMutations, MutationPlan } from '../graphql/compiled-mutations.js';
import type { ExpensiveLane } from '../graphql/expensive-lane.js';
import { validateArgs } from '../graphql/validate-args.js';
import type { Logger } from '../logger.js';
import type { RequestScope } from '../request-scope.js';
import { fieldError, handBack, type CompiledResponse, type FormatError } from './compiled-answer.js';
import type { Framed } from './compiled-framing.js';

/** Answers a mutation the compiled path runs, or returns undefined (the reason on the scope) for Apollo. */
export type CompiledMutationAnswer = (req: IncomingMessage, framed: Framed, scope: RequestScope) => Promise<CompiledResponse | undefined>;

/** The arguments as type-graphql hands them to class-validator: input objects as instances of their class. */
async function validInput(plan: MutationPlan): Promise<boolean> {
  const input = plan.spec.input;
  if (!input) return true;
  const value = plan.args[input.arg];
  const instance = (v: unknown) => Object.assign(new input.type(), v);
  try {
    await validateArgs(Array.isArray(value) ? value.map(instance) : instance(value), input.type, {} as ResolverData);
    return true;
  } catch {
    return false;
  }
}

/** The payload of the written rows, as JSON text. */
function payloadText(plan: MutationPlan, rows: Record<string, unknown>[]): string {
  const { payload } = plan;
  const items = rows.map((row) => {
    if ('item' in payload) return (row.$item as string | null) ?? 'null';
    // What graphql-js does for a column field: the default resolver reads row[field], the leaf type serializes it.
    const pairs = payload.leaves.map(([key, field, type]) => {
      const value = field === null ? plan.typeName : row[field] === undefined || row[field] === null ? null : type!.serialize(row[field]);
      return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    });
    return `{${pairs.join(',')}}`;
  });
  return plan.list ? `[${items.join(',')}]` : (items[0] ?? 'null');
}

export function compiledMutationAnswer(
  mutations: CompiledMutations,
  db: Database,
  auth: AuthKit,
  logger: Logger,
  formatError: FormatError,
  lane: ExpensiveLane,
): CompiledMutationAnswer {
  return async (req, framed, scope) => {
    const prepared = mutations.prepare(framed.request);
    if ('fallback' in prepared) return handBack(scope, prepared.fallback);
    const { plan } = prepared;
    // The expensive lane is Apollo's to enter for a mutation.
    if (lane.isExpensive(plan.cost)) return handBack(scope, 'unsupported-mutation');
    const user = await userFromHeader(auth, req.headers.authorization).catch(() => undefined);
    if (user === undefined) return handBack(scope, 'bad-token');
    // authChecker's rule on the roles @Authorized gives: refused, Apollo answers UNAUTHENTICATED / FORBIDDEN.
    if (!user || roleRefusal(user, plan.roles)) return handBack(scope, 'mutation-refused');
    // Refused input: nothing is written yet, Apollo answers it with the resolvers' errors.
    if (!(await validInput(plan))) return handBack(scope, 'mutation-refused');

    if (logger.isLevelEnabled('debug'))
      logger.debug({ requestId: scope.requestId, operationName: plan.operationName ?? null, variables: framed.request.variables }, 'graphql operation');
    let data: string;
    let errors = '';
    try {
      const item = 'item' in plan.payload ? plan.payload.item : undefined;
      const rows = (await plan.spec.run(db, { id: user.id }, plan.args, item)) as Record<string, unknown>[];
      data = `{${JSON.stringify(plan.key)}:${payloadText(plan, rows)}}`;
    } catch (err) {
      // Answered here, never run again (a refused write wrote nothing; a connection lost after COMMIT
      // may have written): as graphql-js locates a resolver's error and Apollo formats it, through
      // the one mapper (formatError: a domain error keeps its code and fields, a database error is mapped).
      errors = `"errors":${JSON.stringify([fieldError(err, [plan.field], plan.key, formatError)])},`;
      // A failed non-null root field makes `data` null.
      data = plan.nullable ? `{${JSON.stringify(plan.key)}:null}` : 'null';
    }
    scope.operationName = plan.operationName;
    scope.operationType = 'mutation';
    scope.graphqlPath = 'compiled';
    return { status: 200, contentType: framed.contentType, body: `{${errors}"data":${data}}\n` };
  };
}
