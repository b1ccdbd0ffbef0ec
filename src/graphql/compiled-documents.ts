// What the compiled read path and the compiled mutation path share before they plan: documents
// parsed and validated once per text (cached by hash, sized in bytes), and each request sized and
// coerced the way Apollo would. Whatever either refuses is Apollo's to answer with its own errors.
import {
  getOperationAST,
  getVariableValues,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type OperationTypeNode,
  type ValidationRule,
} from 'graphql';
import { ByteLru, documentBytes, textKey } from '../cache/byte-lru.js';
import type { QueryLimits } from '../config.js';
import { BadUserInputError } from '../errors.js';
import { requestFigures } from './cost.js';
import type { FallbackReason } from './fallback-reasons.js';
import { literalPaths, variablePaths } from './nul-guard.js';

export interface PlainRequest {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
}

/** A valid document, its chosen operation and its fragments by name. */
export interface CheckedDocument {
  source: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
}

/** What both compiled paths are built from. */
export interface CompiledSetup {
  schema: GraphQLSchema;
  /** The validation rules Apollo runs beyond graphql-js' own (limits.ts). */
  rules: readonly ValidationRule[];
  limits: QueryLimits;
  /** `Type.field` of every field with @Authorized or middleware: never compiled (guarded-fields.ts). */
  guarded: ReadonlySet<string>;
  planCacheBytes: number;
}

/**
 * Plans by (operation name, document text), each made once from a checked document of the
 * expected operation kind. A plan keeps its document and source text: both count against the
 * byte budget (a 1 MB comment must not be kept for free).
 */
export class DocumentPlans<P extends CheckedDocument> {
  private readonly plans: ByteLru<P | FallbackReason>;

  constructor(
    private readonly setup: CompiledSetup,
    private readonly kind: OperationTypeNode,
    private readonly refusedKind: FallbackReason,
    private readonly makePlan: (checked: CheckedDocument) => P | FallbackReason,
  ) {
    this.plans = new ByteLru<P | FallbackReason>(setup.planCacheBytes, (plan) =>
      typeof plan === 'string' ? 0 : documentBytes(plan.document) + plan.source.length * 2,
    );
  }

  /** The sizing and coercion of admitRequest, with this path's schema and limits. */
  admit(plan: P, request: PlainRequest): ReturnType<typeof admitRequest> {
    return admitRequest(this.setup.schema, plan, request, this.setup.limits);
  }

  get(request: PlainRequest): P | FallbackReason {
    const key = textKey(request.operationName ?? '', request.query);
    let plan = this.plans.get(key);
    if (plan === undefined) this.plans.set(key, (plan = this.check(request.query, request.operationName)));
    return plan;
  }

  private check(source: string, operationName: string | undefined): P | FallbackReason {
    let document: DocumentNode;
    try {
      document = parse(source, { maxTokens: this.setup.limits.tokens });
    } catch {
      return 'invalid-document';
    }
    if (validate(this.setup.schema, document, [...specifiedRules, ...this.setup.rules]).length) return 'invalid-document';
    const operation = getOperationAST(document, operationName);
    if (!operation) return 'invalid-document';
    if (operation.operation !== this.kind) return this.refusedKind;
    if (literalPaths(document).length) return 'nul-byte';
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    return this.makePlan({ source, document, operation, fragments });
  }
}

/**
 * Sized before the variables are coerced (cost.ts: coercing 100 KB of variables is the expensive
 * part), then coerced. Over a limit, or not coercible, the request is Apollo's, which refuses it
 * with its figures or its usual errors before anything runs.
 */
export function admitRequest(
  schema: GraphQLSchema,
  checked: CheckedDocument,
  request: PlainRequest,
  limits: QueryLimits,
): { cost: number; variables: Record<string, unknown> } | { fallback: FallbackReason } {
  let figures;
  try {
    figures = requestFigures(schema, checked.operation, checked.fragments, request.variables, limits);
  } catch (err) {
    if (err instanceof BadUserInputError) return { fallback: 'bad-input' };
    throw err;
  }
  if (!figures) return { fallback: 'variables' };
  if (figures.nodes > limits.nodes) return { fallback: 'node-limit' };
  if (figures.cost > limits.cost) return { fallback: 'over-budget' };
  const { coerced, errors } = getVariableValues(schema, checked.operation.variableDefinitions ?? [], request.variables, { maxErrors: 1 });
  if (errors || !coerced) return { fallback: 'variables' };
  if (variablePaths(request.variables).length) return { fallback: 'nul-byte' };
  return { cost: figures.cost, variables: coerced };
}
