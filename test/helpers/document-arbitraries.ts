import fc from 'fast-check';
import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLNonNull,
  getNamedType,
  GraphQLInputObjectType,
  GraphQLList,
  getNullableType,
  isLeafType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { validOrderElement, validValue } from './filter-arbitraries.js';
import { prng } from './prng.js';

/**
 * Whole read documents generated from the built schema: a new field, argument, filter operator
 * or sort key is exercised with no change here. Selections go over every object type reachable
 * from Query down to MAX_LEVEL levels of entities, with aliases (the same field twice with
 * different arguments), named and inline fragments, @skip/@include (literal and variable), and
 * every argument either inline or as a variable, mostly valid and sometimes out of range.
 */
export interface GeneratedRequest {
  query: string;
  variables: Record<string, unknown>;
}

const MAX_LEVEL = 4;
const BOOLEAN_NON_NULL = new GraphQLNonNull(GraphQLBoolean);
type Gen = fc.GeneratorValue;
type AnyField = GraphQLField<unknown, unknown>;

/** Root fields that are not compiled (they send the whole document to the resolvers) are rare. */
const RARE_ROOTS = new Set(['me', 'auditLog']);

/** A GraphQL literal for `value` of `type` (JSON's string escapes are GraphQL's too). */
function literal(value: unknown, type: GraphQLInputType): string {
  const t = getNullableType(type);
  if (value === null || value === undefined) return 'null';
  if (t instanceof GraphQLList) return `[${(Array.isArray(value) ? value : [value]).map((v) => literal(v, t.ofType)).join(', ')}]`;
  if (t instanceof GraphQLInputObjectType) {
    const fields = t.getFields();
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v, fields[k].type)}`)
      .join(', ')} }`;
  }
  return t instanceof GraphQLEnumType ? String(value) : JSON.stringify(value);
}

class DocumentBuilder {
  private readonly definitions: string[] = [];
  private readonly fragments: string[] = [];
  readonly variables: Record<string, unknown> = {};
  private n = 0;
  private readonly random: () => number;

  /**
   * The document's shape comes from a PRNG seeded once from `g`: fast-check's integers lean to
   * their bounds, which would make every "12% of the time" far more frequent. Argument values
   * come from `g` (biased to edge cases on purpose).
   */
  constructor(
    private readonly g: Gen,
    private readonly maxId: number,
  ) {
    this.random = prng(g(() => fc.noBias(fc.integer({ min: 0, max: 0x7fffffff }))));
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  chance(percent: number): boolean {
    return this.int(0, 99) < percent;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)];
  }

  /** An argument value written inline or passed as a variable of the argument's own type. */
  value(type: GraphQLInputType, value: unknown): string {
    if (this.chance(50)) {
      const name = `v${++this.n}`;
      this.definitions.push(`$${name}: ${String(type)}`);
      this.variables[name] = value;
      return `$${name}`;
    }
    return literal(value, type);
  }

  argument(arg: GraphQLArgument): string | undefined {
    const type = getNullableType(arg.type) as GraphQLInputType;
    const required = arg.type !== type;
    let value: unknown;
    if (arg.name === 'offset') {
      if (!this.chance(35)) return undefined;
      value = this.chance(3) ? this.pick([-1, -100]) : this.chance(3) ? null : this.int(0, 12);
    } else if (arg.name === 'limit' || arg.name === 'first' || arg.name === 'last') {
      // A connection takes `first` or `last`; asking both is refused, so `last` is rarer.
      if (!this.chance(arg.name === 'last' ? 15 : 60)) return undefined;
      value = this.chance(3) ? this.pick([-1, 101, 1000]) : this.chance(3) ? null : this.int(0, 8);
    } else if (arg.name === 'max') {
      if (!this.chance(40)) return undefined;
      value = this.chance(3) ? this.pick([-1, 100001]) : this.int(0, 20);
    } else if (arg.name === 'after' || arg.name === 'before') {
      // A valid cursor comes only from an answer (test/cursors.test.ts walks them); here, rarely, a forged one.
      if (!this.chance(3)) return undefined;
      value = this.pick(['', 'not-a-cursor', 'eyJ4IjoxfQ']);
    } else if (arg.name === 'id' && required) {
      value = this.chance(2) ? this.pick(['abc', '-1', '99999999999']) : String(this.int(1, this.maxId + 2));
    } else if (arg.name === 'groupBy' && type instanceof GraphQLList) {
      // Distinct group keys (1 to 3), rarely none or one twice (refused): a refused root field nulls the whole answer.
      const keys = (getNamedType(type) as GraphQLEnumType).getValues().map((v) => v.value as string);
      const picked = [...new Set(Array.from({ length: this.int(1, 3) }, () => this.pick(keys)))];
      value = this.chance(3) ? [] : this.chance(3) ? [picked[0], picked[0]] : picked;
    } else if (arg.name === 'orderBy' && type instanceof GraphQLList) {
      if (!this.chance(40)) return undefined;
      const element = getNamedType(type) as GraphQLInputObjectType;
      value = this.chance(2) ? [{}] : this.g(() => fc.array(validOrderElement(element), { minLength: 1, maxLength: 3 }));
    } else {
      if (!required && !this.chance(40)) return undefined;
      value = this.g(() => validValue(arg.type));
    }
    return `${arg.name}: ${this.value(arg.type, value)}`;
  }

  directive(): string {
    if (!this.chance(12)) return '';
    const name = this.pick(['skip', 'include']);
    const on = this.chance(50);
    return ` @${name}(if: ${this.chance(50) ? String(on) : this.value(BOOLEAN_NON_NULL, on)})`;
  }

  /**
   * The selection set of `type`. `level` counts entity levels (page types do not count).
   * `scope` holds the response names used unaliased in this merged selection set: a field with
   * arguments or a sub-selection appears unaliased once, so merging rules are never broken.
   */
  selection(type: GraphQLObjectType, level: number, scope = new Set<string>()): string {
    const fields = Object.values(type.getFields()).filter((f) => level < MAX_LEVEL || isLeafType(getNamedType(f.type)) || type.name.endsWith('Page'));
    const chosen: AnyField[] = [];
    if (type.name.endsWith('Page') && this.chance(85)) chosen.push(type.getFields().items);
    const count = this.int(1, 3);
    for (let i = 0; i < count; i++) {
      const f = this.pick(fields);
      if (type.name === 'Query' && RARE_ROOTS.has(f.name) && !this.chance(15)) continue;
      chosen.push(f);
    }
    if (!chosen.length) chosen.push(fields.find((f) => !RARE_ROOTS.has(f.name))!);
    const parts = chosen.map((f) => this.field(f, level, scope));
    if (this.chance(8)) parts.push('__typename');
    // Wrap a slice of the selections into an inline or a named fragment on the same type.
    if (parts.length > 1 && this.chance(30)) {
      const cut = this.int(1, parts.length - 1);
      const inner = parts.splice(cut).join(' ');
      if (this.chance(50)) parts.push(`... ${this.chance(50) ? `on ${type.name} ` : ''}${this.directive().trim()} { ${inner} }`);
      else {
        const name = `F${++this.n}`;
        this.fragments.push(`fragment ${name} on ${type.name} { ${inner} }`);
        parts.push(`...${name}${this.directive()}`);
      }
    }
    return parts.join(' ');
  }

  field(f: AnyField, level: number, scope: Set<string>): string {
    const target = getNamedType(f.type);
    const args = f.args.map((a) => this.argument(a)).filter((a) => a !== undefined);
    const composite = isObjectType(target);
    let alias = '';
    if (composite || f.args.length) {
      if (scope.has(f.name) || this.chance(30)) alias = `${f.name}_${++this.n}: `;
      else scope.add(f.name);
    } else if (this.chance(15)) alias = `${f.name}_${++this.n}: `;
    const head = `${alias}${f.name}${args.length ? `(${args.join(', ')})` : ''}${this.directive()}`;
    if (!composite) return head;
    const next = target.name.endsWith('Page') ? level : level + 1;
    return `${head} { ${this.selection(target, next)} }`;
  }

  document(schema: GraphQLSchema): GeneratedRequest {
    const body = this.selection(schema.getQueryType()!, 0);
    const head = this.definitions.length ? `query Generated(${this.definitions.join(', ')})` : this.chance(50) ? 'query' : '';
    return { query: [`${head} { ${body} }`.trim(), ...this.fragments].join('\n'), variables: this.variables };
  }
}

/** One read document drawn from `g` (fc.gen()); `maxId` bounds the ids used by lookups. */
export function readDocument(g: Gen, schema: GraphQLSchema, maxId: number): GeneratedRequest {
  return new DocumentBuilder(g, maxId).document(schema);
}
