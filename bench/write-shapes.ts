// The write shapes of issue 14: each writes its audit entry on the API and on the floor. PostGraphile
// has no audit log: it runs its CRUD mutation where it has one (as is, and as `peerAudit` with an
// audit trigger, bench/peer-audit.ts), and sits out where it has none.
import { floor, gql, rand, randomAuthorId, type Json, type Shape, type ShapeContext, type Vars } from './shape-kit.js';

/** How many rows one createBooks request writes. */
export const BULK = 100;
/** adjustStock hits this many links only, so writers queue on their row locks. */
export const HOT_LINKS = 10;

const title = () => `Bench ${rand(1e9).toString(36)}`;
const titles = (rows: Json[]) => rows.map((r: Json) => r.title);

const createBook: Shape['servers'] = {
  api: {
    request: (v) =>
      gql('mutation CreateBook($input: CreateBookInput!) { createBook(input: $input) { title author { name } } }', {
        input: { title: v.title, authorId: String(v.authorId) },
      }),
    normalise: (b) => ({ title: b.data.createBook.title, author: b.data.createBook.author.name }),
  },
  peer: {
    request: (v) =>
      gql('mutation CreateBook($book: BookInput!) { createBook(input: { book: $book }) { book { title authorByAuthorId { name } } } }', {
        book: { title: v.title, authorId: v.authorId },
      }),
    normalise: (b) => ({ title: b.data.createBook.book.title, author: b.data.createBook.book.authorByAuthorId.name }),
  },
  floor: { request: (v) => floor('createBook', v), normalise: (b) => b.data.createBook },
};

/** PostGraphile has no bulk insert: a client sends one aliased createBook per item in one request. */
const peerBulk = (n: number): string => {
  const vars = Array.from({ length: n }, (_, i) => `$b${i}: BookInput!`).join(', ');
  const fields = Array.from({ length: n }, (_, i) => `b${i}: createBook(input: { book: $b${i} }) { book { title } }`).join(' ');
  return `mutation CreateBooks(${vars}) { ${fields} }`;
};

export function writeShapes(ctx: ShapeContext): Shape[] {
  const hot = ctx.pairs.slice(0, HOT_LINKS);
  const items = (): Vars[] => Array.from({ length: BULK }, () => ({ title: title(), authorId: randomAuthorId() }));
  const fixedItems = Array.from({ length: BULK }, (_, i) => ({ title: `Bench bulk ${i}`, authorId: 1 + i }));
  const PEER_BULK = peerBulk(BULK);
  return [
    {
      id: '7',
      title: 'createBook returning author { name }',
      writes: true,
      vars: () => ({ title: title(), authorId: randomAuthorId() }),
      fixed: { title: 'Bench fixed title', authorId: 42 },
      servers: createBook,
    },
    {
      id: '8',
      title: `adjustStock(+1) on ${HOT_LINKS} hot links`,
      writes: true,
      vars: () => {
        const [bookId, storeId] = hot[rand(hot.length)];
        return { bookId, storeId, delta: 1 };
      },
      fixed: { bookId: hot[0][0], storeId: hot[0][1], delta: 1 },
      peerNote: 'PostGraphile has no increment: its update sets a value the client read first (lost updates), so it is not measured',
      servers: {
        api: {
          request: (v) =>
            gql(
              'mutation AdjustStock($storeId: ID!, $bookId: ID!, $delta: Int!) { adjustStock(storeId: $storeId, bookId: $bookId, delta: $delta) { quantity } }',
              { storeId: String(v.storeId), bookId: String(v.bookId), delta: v.delta },
            ),
          // The quantity moves with every call: the sanity check compares that it is a positive count.
          normalise: (b) => ({ positive: b.data.adjustStock.quantity > 0 }),
        },
        floor: { request: (v) => floor('adjustStock', v), normalise: (b) => ({ positive: b.data.adjustStock.quantity > 0 }) },
      },
    },
    {
      id: '9',
      title: `createBooks of ${BULK} items`,
      writes: true,
      vars: () => ({ items: items() }),
      fixed: { items: fixedItems },
      servers: {
        api: {
          request: (v) =>
            gql('mutation CreateBooks($inputs: [CreateBookInput!]!) { createBooks(inputs: $inputs) { title } }', {
              inputs: (v.items as Vars[]).map((i) => ({ title: i.title, authorId: String(i.authorId) })),
            }),
          normalise: (b) => titles(b.data.createBooks),
        },
        peer: {
          request: (v) => gql(PEER_BULK, Object.fromEntries((v.items as Vars[]).map((i, n) => [`b${n}`, i]))),
          normalise: (b) => titles(Object.values(b.data).map((p: Json) => p.book)),
        },
        floor: {
          request: (v) => floor('createBooks', { titles: (v.items as Vars[]).map((i) => i.title), authorIds: (v.items as Vars[]).map((i) => i.authorId) }),
          normalise: (b) => titles(b.data.createBooks),
        },
      },
    },
  ];
}
