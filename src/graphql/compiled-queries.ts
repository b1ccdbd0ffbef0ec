import {
  getOperationAST,
  getVariableValues,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { ByteLru, documentBytes, textKey } from '../cache/byte-lru.js';
import type { QueryLimits } from '../config.js';
import { BadUserInputError } from '../errors.js';
import { compileRootFields, partsStatement, type RootPart } from '../query/json-query.js';
import type { Sql } from '../query/sql.js';
import { requestFigures } from './cost.js';
import type { FallbackReason } from './fallback-reasons.js';
import { literalPaths, variablePaths } from './nul-guard.js';
import { resolverDocument } from './resolver-document.js';

interface Plan {
  source: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Set of root keys left to the resolvers -> the document text that selects only them. */
  derived: Map<string, string | null>;
}

export interface PlainRequest {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
}

/** A read query the compiled engine answers, wholly or in part. */
export interface CompiledPlan {
  operationName?: string;
  /** Every root field in response order; those with `json` are in `statement`. */
  parts: RootPart[];
  /** Undefined when no root field compiled to SQL (e.g. only `__typename`, or all skipped). */
  statement?: Sql;
  /** The root fields the resolvers answer: a document for Apollo, plus why they could not compile. */
  resolvers?: { query: string; reason: FallbackReason };
  /** The admission cost (cost.ts) of the whole operation: expensive plans take the expensive lane. */
  cost: number;
}

export type Prepared = { plan: CompiledPlan } | { fallback: FallbackReason };

const MAX_DERIVED = 16;

/**
 * Read-only queries compiled to one SQL statement that returns the response's root fields as
 * JSON (the approach of Hasura and PostGraphile), skipping graphql-js execution and the
 * per-field resolvers. Root fields it cannot translate (or must not: guarded fields) are left to
 * Apollo in a derived document, so a mixed query still makes one statement for its compiled
 * part. Every request that would fail before execution (bad arguments, limits, NUL bytes) is
 * left whole to Apollo, which answers it with its usual errors.
 */
export class CompiledQueries {
  // hash of operation name + query text -> plan, or why Apollo must answer that document; sized in bytes
  private readonly plans: ByteLru<Plan | FallbackReason>;
  private readonly root: GraphQLObjectType;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    private readonly limits: QueryLimits,
    private readonly guarded: ReadonlySet<string>,
    planCacheBytes: number,
  ) {
    this.root = schema.getQueryType()!;
    // A plan keeps its document and source text: both count (a 1 MB comment must not be kept for free).
    this.plans = new ByteLru<Plan | FallbackReason>(planCacheBytes, (plan) =>
      typeof plan === 'string' ? 0 : documentBytes(plan.document) + plan.source.length * 2,
    );
  }

  prepare(request: PlainRequest): Prepared {
    const plan = this.plan(request.query, request.operationName);
    if (typeof plan === 'string') return { fallback: plan };
    // Sized before the variables are coerced (cost.ts): over a limit, Apollo refuses it with its figures.
    let figures;
    try {
      figures = requestFigures(this.schema, plan.operation, plan.fragments, request.variables, this.limits);
    } catch (err) {
      if (err instanceof BadUserInputError) return { fallback: 'bad-input' };
      throw err;
    }
    if (!figures) return { fallback: 'variables' };
    if (figures.nodes > this.limits.nodes) return { fallback: 'node-limit' };
    if (figures.cost > this.limits.cost) return { fallback: 'over-budget' };
    const { cost } = figures;
    const { coerced, errors } = getVariableValues(this.schema, plan.operation.variableDefinitions ?? [], request.variables, { maxErrors: 1 });
    if (errors || !coerced) return { fallback: 'variables' };
    if (variablePaths(request.variables).length) return { fallback: 'nul-byte' };
    let parts: RootPart[];
    try {
      parts = compileRootFields(this.root, plan.operation, { fragments: plan.fragments, variables: coerced, guarded: this.guarded });
    } catch (err) {
      if (err instanceof BadUserInputError) return { fallback: 'bad-input' };
      throw err;
    }
    const jsons = parts.flatMap((p) => ('json' in p ? [p.json] : []));
    const refused = parts.flatMap((p) => ('refused' in p ? [p.refused] : []));
    const reason: FallbackReason | undefined = refused.includes('guarded-field') ? 'guarded-field' : refused[0];
    if (reason && !jsons.length) return { fallback: reason };
    const operationName = plan.operation.name?.value;
    if (!reason) return { plan: { operationName, parts, statement: jsons.length ? partsStatement(jsons) : undefined, cost } };
    const query = this.derived(plan, parts);
    if (query === null) return { fallback: 'root-fragment' };
    return { plan: { operationName, parts, statement: partsStatement(jsons), resolvers: { query, reason }, cost } };
  }

  /** The document text for the refused root fields, cached per plan and set of keys. */
  private derived(plan: Plan, parts: RootPart[]): string | null {
    const keys = parts.filter((p) => 'refused' in p).map((p) => p.key);
    const cacheKey = keys.join('\n');
    let text = plan.derived.get(cacheKey);
    if (text === undefined) {
      text = resolverDocument(
        plan.source,
        plan.document,
        plan.operation,
        parts.flatMap((p) => ('json' in p ? p.nodes : [])),
      );
      if (plan.derived.size >= MAX_DERIVED) plan.derived.delete(plan.derived.keys().next().value!);
      plan.derived.set(cacheKey, text);
    }
    return text;
  }

  private plan(query: string, operationName: string | undefined): Plan | FallbackReason {
    const key = textKey(operationName ?? '', query);
    let plan = this.plans.get(key);
    if (plan === undefined) {
      plan = this.makePlan(query, operationName);
      this.plans.set(key, plan);
    }
    return plan;
  }

  private makePlan(source: string, operationName: string | undefined): Plan | FallbackReason {
    let document: DocumentNode;
    try {
      document = parse(source, { maxTokens: this.limits.tokens });
    } catch {
      return 'invalid-document';
    }
    if (validate(this.schema, document, [...specifiedRules, ...this.rules]).length) return 'invalid-document';
    const operation = getOperationAST(document, operationName);
    if (!operation) return 'invalid-document';
    if (operation.operation !== 'query') return 'not-a-query';
    if (literalPaths(document).length) return 'nul-byte';
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    return { source, document, operation, fragments, derived: new Map() };
  }
}
