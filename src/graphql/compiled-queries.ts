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
import { isCompilable, operationStatement } from '../query/json-query.js';
import type { Sql } from '../query/sql.js';
import { operationCost } from './cost.js';
import { countNodes } from './node-count.js';
import { literalPaths, variablePaths } from './nul-guard.js';

interface Plan {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
}

export interface PlainRequest {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
}

/**
 * Read-only queries compiled to one SQL statement that returns the response's `data` as JSON
 * (the approach of Hasura and PostGraphile), skipping graphql-js execution and the per-field
 * resolvers. It only ever answers a query that would succeed: anything it does not translate,
 * and every request that would fail (bad arguments, limits, NUL bytes), is left to Apollo,
 * which answers it as before with the same errors.
 */
export class CompiledQueries {
  // hash of operation name + query text -> plan, or null when Apollo must answer that document
  private readonly plans: ByteLru<Plan | null>;
  private readonly root: GraphQLObjectType;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    private readonly limits: QueryLimits,
    planCacheBytes: number,
  ) {
    this.root = schema.getQueryType()!;
    this.plans = new ByteLru<Plan | null>(planCacheBytes, (plan) => (plan ? documentBytes(plan.document) : 0));
  }

  /** The statement answering `request`, or undefined when Apollo has to. */
  statement(request: PlainRequest): { statement: Sql; operationName?: string; cost: number } | undefined {
    const plan = this.plan(request.query, request.operationName);
    if (!plan) return undefined;
    const { coerced, errors } = getVariableValues(this.schema, plan.operation.variableDefinitions ?? [], request.variables, { maxErrors: 1 });
    if (errors || !coerced) return undefined;
    if (variablePaths(request.variables).length) return undefined;
    if (countNodes(this.schema, plan.document, plan.operation, request.variables) > this.limits.nodes) return undefined;
    try {
      const cost = operationCost(this.root, plan.operation, { fragments: plan.fragments, variables: coerced }, this.limits);
      if (cost > this.limits.cost) return undefined;
      const statement = operationStatement(this.root, plan.operation, { fragments: plan.fragments, variables: coerced });
      return { statement, operationName: plan.operation.name?.value, cost };
    } catch {
      return undefined;
    }
  }

  private plan(query: string, operationName: string | undefined): Plan | null {
    const key = textKey(operationName ?? '', query);
    let plan = this.plans.get(key);
    if (plan === undefined) {
      plan = this.makePlan(query, operationName);
      this.plans.set(key, plan);
    }
    return plan;
  }

  private makePlan(query: string, operationName: string | undefined): Plan | null {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.limits.tokens });
    } catch {
      return null;
    }
    if (validate(this.schema, document, [...specifiedRules, ...this.rules]).length) return null;
    const operation = getOperationAST(document, operationName);
    if (operation?.operation !== 'query' || literalPaths(document).length) return null;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    return isCompilable(this.root, operation.selectionSet, fragments) ? { document, operation, fragments } : null;
  }
}
