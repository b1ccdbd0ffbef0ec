/**
 * An independent oracle for list queries: filters, sorts and pages evaluated in plain TypeScript
 * over rows loaded once with pg, written from the API contract (schema descriptions and
 * api-contract.md), not from src/query. Both read paths share the SQL builders, so a bug there
 * passes the differential comparison; it does not pass this one.
 */
import { handTable, type HandKind } from './hand-model.js';

type Tri = boolean | null; // SQL's three-valued logic: null is UNKNOWN
type Row = Record<string, unknown>;
export type ListName = 'Author' | 'Book' | 'Store';
/** Every row of each table, as pg returns them (timestamps as Date, numeric as string). */
export type LoadedRows = Record<'author' | 'book' | 'store' | 'inventory', Row[]>;

interface Entity {
  columns: Record<string, [column: string, kind: HandKind]>;
  one: Record<string, [target: ListName, get: (row: Row) => Row]>;
  many: Record<string, [target: ListName, get: (row: Row) => Row[]]>;
  aggregates: Record<string, (row: Row) => number>;
}

const and3 = (xs: Tri[]): Tri => (xs.includes(false) ? false : xs.includes(null) ? null : true);
const or3 = (xs: Tri[]): Tri => (xs.includes(true) ? true : xs.includes(null) ? null : false);

export class Oracle {
  private readonly entities: Record<ListName, Entity>;
  readonly rows: Record<ListName, Row[]>;

  /**
   * `text` orders strings as the database's collation does; `fold` lowercases as its ILIKE does
   * (see the collation check in test/differential.test.ts).
   */
  constructor(
    data: LoadedRows,
    private readonly text: (a: string, b: string) => number,
    private readonly fold: (s: string) => string,
  ) {
    const byId = (xs: Row[]) => new Map(xs.map((x) => [x.id as number, x]));
    const authors = byId(data.author);
    const books = byId(data.book);
    const stores = byId(data.store);
    const booksOf = (a: Row) => data.book.filter((b) => b.author_id === a.id);
    const storesOf = (b: Row) => data.inventory.filter((i) => i.book_id === b.id).map((i) => stores.get(i.store_id as number)!);
    const stockOf = (s: Row) => data.inventory.filter((i) => i.store_id === s.id).map((i) => books.get(i.book_id as number)!);
    this.rows = { Author: [...authors.values()], Book: [...books.values()], Store: [...stores.values()] };
    this.entities = {
      Author: {
        columns: handTable('Author', ['id', 'name', 'email', 'bio', 'createdAt']).columns,
        one: {},
        many: { books: ['Book', booksOf] },
        aggregates: { bookCount: (a) => booksOf(a).length },
      },
      Book: {
        columns: handTable('Book', ['id', 'title', 'isbn', 'publishedYear', 'price', 'createdAt']).columns,
        one: { author: ['Author', (b) => authors.get(b.author_id as number)!] },
        many: { stores: ['Store', storesOf] },
        aggregates: {},
      },
      Store: {
        columns: handTable('Store', ['id', 'name', 'city', 'createdAt']).columns,
        one: {},
        many: { books: ['Book', stockOf] },
        aggregates: { bookCount: (s) => stockOf(s).length },
      },
    };
  }

  /** The related rows of a to-many relation, e.g. related('Author', author, 'books'). */
  related(type: ListName, row: Row, relation: string): [ListName, Row[]] {
    const [target, get] = this.entities[type].many[relation];
    return [target, get(row)];
  }

  /** The page a list field must answer: ids in order, totalCount and hasNextPage. */
  page(type: ListName, rows: Row[], args: { filter?: unknown; orderBy?: unknown[]; offset?: number; limit?: number }) {
    const offset = args.offset ?? 0;
    const limit = args.limit ?? 20;
    const kept = rows.filter((r) => this.matches(type, r, args.filter) === true);
    const keys = [...(args.orderBy ?? []).map((o) => this.sortKey(type, o as Row)), this.sortKey(type, { id: 'ASC' })];
    kept.sort((a, b) => {
      for (const key of keys) {
        const c = key(a, b);
        if (c !== 0) return c;
      }
      return 0;
    });
    return { items: kept.slice(offset, offset + limit), totalCount: kept.length, hasNextPage: kept.length > offset + limit };
  }

  matches(type: ListName, row: Row, filter: unknown): Tri {
    if (!filter) return true;
    const entity = this.entities[type];
    const parts: Tri[] = [];
    for (const [key, value] of Object.entries(filter as Row)) {
      if (value === undefined || value === null) continue;
      if (key === 'and') parts.push(and3((value as unknown[]).map((f) => this.matches(type, row, f))));
      else if (key === 'or') parts.push(or3((value as unknown[]).map((f) => this.matches(type, row, f))));
      else if (key === 'not')
        parts.push(this.matches(type, row, value) !== true); // NOT (x) IS NOT TRUE
      else if (key in entity.columns) parts.push(this.operators(row[entity.columns[key][0]], entity.columns[key][1], value as Row));
      else if (key in entity.one) {
        const [target, get] = entity.one[key];
        parts.push(this.matches(target, get(row), value) === true);
      } else if (key in entity.many) {
        const [target, get] = entity.many[key];
        const related = get(row);
        const { some, none, every } = value as Row;
        if (some) parts.push(related.some((r) => this.matches(target, r, some) === true));
        if (none) parts.push(!related.some((r) => this.matches(target, r, none) === true));
        if (every) parts.push(related.every((r) => this.matches(target, r, every) === true));
      } else throw new Error(`oracle: ${type}.${key} is not known here; teach test/helpers/oracle.ts`);
    }
    return and3(parts);
  }

  private operators(v: unknown, kind: HandKind, ops: Row): Tri {
    const parts: Tri[] = [];
    const value = (x: unknown) => (kind === 'id' || kind === 'float' ? Number(x) : kind === 'datetime' ? Date.parse(String(x)) : x);
    const own = v === null ? null : kind === 'datetime' ? (v as Date).getTime() : value(v);
    const cmp = (x: unknown, test: (a: number) => boolean): Tri =>
      own === null ? null : test(kind === 'string' ? this.text(own as string, x as string) : (own as number) - (value(x) as number));
    const like = (x: unknown, test: (s: string, p: string) => boolean): Tri => (own === null ? null : test(this.fold(own as string), this.fold(String(x))));
    for (const [op, x] of Object.entries(ops)) {
      if (x === undefined || (x === null && op === 'isNull')) continue;
      const list = () => (x as unknown[]).map(value);
      switch (op) {
        case 'eq':
          parts.push(own === null ? null : own === value(x));
          break;
        case 'ne':
          parts.push(own === null ? null : own !== value(x));
          break;
        case 'in':
          parts.push(list().length === 0 ? false : own === null ? null : list().includes(own));
          break;
        case 'notIn':
          parts.push(list().length === 0 ? true : own === null ? null : !list().includes(own));
          break;
        case 'gt':
          parts.push(cmp(x, (c) => c > 0));
          break;
        case 'gte':
          parts.push(cmp(x, (c) => c >= 0));
          break;
        case 'lt':
          parts.push(cmp(x, (c) => c < 0));
          break;
        case 'lte':
          parts.push(cmp(x, (c) => c <= 0));
          break;
        case 'contains':
          parts.push(like(x, (s, p) => s.includes(p)));
          break;
        case 'startsWith':
          parts.push(like(x, (s, p) => s.startsWith(p)));
          break;
        case 'endsWith':
          parts.push(like(x, (s, p) => s.endsWith(p)));
          break;
        case 'isNull':
          parts.push(x ? v === null : v !== null);
          break;
        default:
          throw new Error(`oracle: operator ${op} is not known here; teach test/helpers/oracle.ts`);
      }
    }
    return and3(parts);
  }

  /** A comparator for one orderBy element: ASC puts NULLs last, DESC first (PostgreSQL's default). */
  private sortKey(type: ListName, element: Row): (a: Row, b: Row) => number {
    const [field, dir] = Object.entries(element).find(([, v]) => v !== undefined && v !== null)!;
    const entity = this.entities[type];
    if (field in entity.one) {
      const [target, get] = entity.one[field];
      const inner = this.sortKey(target, dir as Row);
      return (a, b) => inner(get(a), get(b));
    }
    const sign = dir === 'DESC' ? -1 : 1;
    let get: (r: Row) => unknown;
    let compare: (a: never, b: never) => number = (a: number, b: number) => a - b;
    if (field in entity.aggregates) get = entity.aggregates[field];
    else {
      const [column, kind] = entity.columns[field];
      get = (r) => (r[column] === null ? null : kind === 'datetime' ? (r[column] as Date).getTime() : kind === 'string' ? r[column] : Number(r[column]));
      if (kind === 'string') compare = this.text as never;
    }
    return (a, b) => {
      const x = get(a);
      const y = get(b);
      if (x === null || y === null) return x === y ? 0 : (x === null ? 1 : -1) * sign; // NULL sorts as the largest value
      return sign * compare(x as never, y as never);
    };
  }
}
