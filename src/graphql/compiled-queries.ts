import { OperationTypeNode, type GraphQLObjectType } from 'graphql';
import { BadUserInputError } from '../errors.js';
import { compileRootFields, partsStatement, type RootPart } from '../query/json-query.js';
import type { Sql } from '../query/sql.js';
import { DocumentPlans, type CheckedDocument, type CompiledSetup, type PlainRequest } from './compiled-documents.js';
import type { FallbackReason } from './fallback-reasons.js';
import { resolverDocument } from './resolver-document.js';

interface Plan extends CheckedDocument {
  /** Set of root keys left to the resolvers -> the document text that selects only them. */
  derived: Map<string, string | null>;
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
  // operation name + query text -> plan, or why Apollo must answer that document
  private readonly plans: DocumentPlans<Plan>;
  private readonly root: GraphQLObjectType;

  private readonly guarded: ReadonlySet<string>;

  constructor(setup: CompiledSetup) {
    this.root = setup.schema.getQueryType()!;
    this.guarded = setup.guarded;
    const makePlan = (checked: CheckedDocument): Plan => ({ ...checked, derived: new Map() });
    this.plans = new DocumentPlans<Plan>(setup, OperationTypeNode.QUERY, 'not-a-query', makePlan);
  }

  prepare(request: PlainRequest): Prepared {
    const plan = this.plans.get(request);
    if (typeof plan === 'string') return { fallback: plan };
    const admitted = this.plans.admit(plan, request);
    if ('fallback' in admitted) return admitted;
    const { cost, variables: coerced } = admitted;
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
}
