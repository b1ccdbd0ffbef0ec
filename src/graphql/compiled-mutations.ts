import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isLeafType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type FieldNode,
  type GraphQLLeafType,
  type GraphQLObjectType,
} from 'graphql';
import { collectFields, subfields, type Collected, type SelectionEnv } from '../query/collect-fields.js';
import { MODELS, rowJson } from '../query/json-query.js';
import type { Model } from '../query/model.js';
import { keyFields } from '../services/write-sql.js';
import { raw, type Sql } from '../query/sql.js';
import { readingTables } from '../query/table-ref.js';
import { DocumentPlans, type CheckedDocument, type CompiledSetup, type PlainRequest } from './compiled-documents.js';
import type { FallbackReason } from './fallback-reasons.js';
import { requiredRoles, specOf, type MutationSpec } from './mutation-specs.js';

interface Plan extends CheckedDocument {
  key: string;
  field: FieldNode;
  spec: MutationSpec;
  roles: readonly string[];
  type: GraphQLObjectType;
  list: boolean;
  nullable: boolean;
  /** The payload, made once when no variable or directive can change it (the selection has no `$`, no `@`). */
  fixed?: Payload | null;
}

/**
 * The payload: leaf columns written as the resolvers' default resolver and graphql-js would, or
 * each row's object built by the compiled reader in the write's own statement (`item`, over the
 * returned row `w`, reading the written table as it is after the write: afterWrite).
 */
export type Payload = { leaves: [key: string, field: string | null, type: GraphQLLeafType | null][] } | { item: Sql };

/**
 * The written table as the statement leaves it. Its own sub-statements see the table as it was
 * before (PostgreSQL's snapshot), so a payload reading it again (`author { bookCount }`,
 * `book { inventory }`) reads this instead (readingTables): the rows `w` did not write, and those it returned.
 */
function afterWrite(model: Model): string {
  const columns = Object.entries(model.columns);
  const key = keyFields(model);
  const keyColumns = key.map((f) => `"${model.columns[f].column}"`).join(', ');
  return `(SELECT ${columns.map(([, c]) => `"${c.column}"`).join(', ')} FROM "${model.table}" WHERE (${keyColumns}) NOT IN (SELECT ${key.map((f) => `"w"."${f}"`).join(', ')} FROM "w")
    UNION ALL SELECT ${columns.map(([f, c]) => `"w"."${f}" AS "${c.column}"`).join(', ')} FROM "w")`;
}

export interface MutationPlan {
  operationName?: string;
  key: string;
  field: FieldNode;
  spec: MutationSpec;
  args: Record<string, unknown>;
  roles: readonly string[];
  list: boolean;
  /** The root field may be null (a failure then leaves `{ key: null }`, not `data: null`). */
  nullable: boolean;
  typeName: string;
  payload: Payload;
  cost: number;
}

export type PreparedMutation = { plan: MutationPlan } | { fallback: FallbackReason };

/**
 * Mutations answered without Apollo: one root field among MUTATIONS (mutation-specs.ts), validated with the same rules,
 * variables coerced by graphql-js, its `@Authorized` roles from type-graphql's metadata (the caller
 * checks them), then the service the resolver calls; the payload is written from the returned rows
 * when it selects only their columns, else read by the compiled reader. Anything else is Apollo's.
 */
export class CompiledMutations {
  private readonly plans: DocumentPlans<Plan>;
  private readonly root: GraphQLObjectType;

  private readonly guarded: ReadonlySet<string>;

  constructor(setup: CompiledSetup) {
    this.root = setup.schema.getMutationType()!;
    this.guarded = setup.guarded;
    this.plans = new DocumentPlans<Plan>(setup, OperationTypeNode.MUTATION, 'not-a-query', (checked) => this.makePlan(checked));
  }

  prepare(request: PlainRequest): PreparedMutation {
    const plan = this.plans.get(request);
    if (typeof plan === 'string') return { fallback: plan };
    const admitted = this.plans.admit(plan, request);
    if ('fallback' in admitted) return admitted;
    const { cost, variables } = admitted;
    const env = { fragments: plan.fragments, variables };
    const root = collectFields(plan.operation.selectionSet, env);
    // @skip/@include on the root field: what is left must be the planned field alone.
    if (root.size !== 1 || root.get(plan.key)?.[0] !== plan.field) return { fallback: 'unsupported-mutation' };
    const args = getArgumentValues(this.root.getFields()[plan.field.name.value], plan.field, variables);
    if (plan.spec.supports && !plan.spec.supports(args)) return { fallback: 'unsupported-mutation' };
    const payload = plan.fixed === undefined ? this.payload(plan, subfields(root.get(plan.key)!, env), env) : plan.fixed;
    if (!payload) return { fallback: 'unsupported-mutation' };
    const { spec, roles, list, nullable, field } = plan;
    return {
      plan: { operationName: plan.operation.name?.value, key: plan.key, field, spec, args, roles, list, nullable, typeName: plan.type.name, payload, cost },
    };
  }

  private payload({ type, spec }: Plan, fields: Collected, env: SelectionEnv): Payload | null {
    const model = MODELS[type.name];
    const leaves: [string, string | null, GraphQLLeafType | null][] = [];
    for (const [key, nodes] of fields) {
      const name = nodes[0].name.value;
      if (name === '__typename') {
        leaves.push([key, null, null]);
        continue;
      }
      const fieldType = getNullableType(type.getFields()[name]?.type);
      if (!model?.columns[name] || this.guarded.has(`${type.name}.${name}`) || !isLeafType(fieldType)) break;
      leaves.push([key, name, fieldType]);
    }
    if (leaves.length === fields.size) return { leaves };
    if (!model) return null;
    // The returned row (its fields, as `w` names them) under the column names the reader expects.
    const columns = Object.entries(model.columns).map(([field, c]) => `"w"."${field}" AS "${c.column}"`);
    try {
      const written = new Map([[spec.writes.table, afterWrite(spec.writes)]]);
      const item = readingTables(written, () =>
        rowJson(type, (alias) => raw(`(SELECT ${columns.join(', ')}) "${alias}"`), fields, { ...env, guarded: this.guarded }),
      );
      return { item };
    } catch {
      return null;
    }
  }

  private makePlan(checked: CheckedDocument): Plan | FallbackReason {
    const { operation } = checked;
    const fields = operation.selectionSet.selections;
    const field = fields[0];
    if (fields.length !== 1 || field.kind !== Kind.FIELD || field.directives?.length) return 'unsupported-mutation';
    const name = field.name.value;
    const spec = specOf(name);
    const roles = spec && !this.guarded.has(`${this.root.name}.${name}`) ? requiredRoles(name) : undefined;
    const fieldType = this.root.getFields()[name]?.type;
    const type = fieldType && getNamedType(fieldType);
    if (!spec || !roles || !isObjectType(type)) return 'unsupported-mutation';
    const list = getNullableType(fieldType).toString().startsWith('[');
    const plan: Plan = { ...checked, key: field.alias?.value ?? name, field, spec, roles, type, list, nullable: !isNonNullType(fieldType) };
    // What the payload reads: the field's selection and every fragment (by their source text).
    const texts = [field.selectionSet, ...Object.values(checked.fragments)].map((n) => (n?.loc ? checked.source.slice(n.loc.start, n.loc.end) : '$'));
    if (!texts.some((t) => /[$@]/.test(t))) {
      const env = { fragments: checked.fragments, variables: {} };
      plan.fixed = this.payload(plan, subfields([field], env), env);
    }
    return plan;
  }
}
