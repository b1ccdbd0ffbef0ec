// The benchmark's query shapes, written for each server: A = our API, B = PostGraphile, C = the floor.
import { VOLUME } from './db.js';

import { floor, gql, rand, randomBookId, type Json, type Shape, type ShapeContext, type Vars, type HttpRequest } from './shape-kit.js';
import { writeShapes } from './write-shapes.js';

export type { HttpRequest, ServerName, Shape, ShapeContext, Vars } from './shape-kit.js';
export { serverShape } from './shape-kit.js';

const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));
const WORDS = ['garden', 'river', 'winter', 'python', 'shadow', 'ocean', 'tower', 'journey', 'storm', 'kitchen', 'silent', 'golden'];

const PAGE_FIELDS = 'title isbn publishedYear price';
const pageRow = (r: Json, id: unknown) => ({ id: String(id), title: r.title, isbn: r.isbn, publishedYear: r.publishedYear, price: num(r.price) });
const page = (offset: () => number, fixedOffset: number, id: string, title: string): Shape => ({
  id,
  title,
  vars: () => ({ offset: offset() }),
  fixed: { offset: fixedOffset },
  servers: {
    api: {
      request: (v) => gql(`query Page($offset: Int!) { books(orderBy: [{ title: ASC }], offset: $offset, limit: 20) { items { id ${PAGE_FIELDS} } } }`, v),
      normalise: (b) => b.data.books.items.map((r: Json) => pageRow(r, r.id)),
    },
    peer: {
      request: (v) => gql(`query Page($offset: Int!) { allBooks(orderBy: [TITLE_ASC], offset: $offset, first: 20) { nodes { rowId ${PAGE_FIELDS} } } }`, v),
      normalise: (b) => b.data.allBooks.nodes.map((r: Json) => pageRow(r, r.rowId)),
    },
    floor: { request: (v) => floor('page', v), normalise: (b) => b.data.books.items.map((r: Json) => pageRow(r, r.id)) },
  },
});

/** The page of 5c, by keyset cursor: after the 90,000th book (`deep`) or from the start. */
const cursorPage = (id: string, title: string, deep: ShapeContext['deep'] | undefined): Shape => ({
  id,
  title,
  vars: () => ({ api: deep?.api ?? null, peer: deep?.peer ?? null, floor: deep?.floor ?? null }),
  fixed: { api: deep?.api ?? null, peer: deep?.peer ?? null, floor: deep?.floor ?? null },
  servers: {
    api: {
      request: (v) =>
        gql(`query Seek($after: String) { booksConnection(orderBy: [{ title: ASC }], first: 20, after: $after) { edges { node { id ${PAGE_FIELDS} } } } }`, {
          after: v.api,
        }),
      normalise: (b) => b.data.booksConnection.edges.map((e: Json) => pageRow(e.node, e.node.id)),
    },
    peer: {
      request: (v) =>
        gql(`query Seek($after: Cursor) { allBooks(orderBy: [TITLE_ASC], first: 20, after: $after) { nodes { rowId ${PAGE_FIELDS} } } }`, { after: v.peer }),
      normalise: (b) => b.data.allBooks.nodes.map((r: Json) => pageRow(r, r.rowId)),
    },
    floor: { request: (v) => floor('seek', { after: v.floor }), normalise: (b) => b.data.books.items.map((r: Json) => pageRow(r, r.id)) },
  },
});

export function shapes(ctx: ShapeContext): Shape[] {
  const bookId = randomBookId;
  const apiBook = (b: Json) => b.data.book && { id: b.data.book.id, title: b.data.book.title, author: b.data.book.author.name };
  const apiNested = (b: Json) =>
    b.data.authors.items.map((a: Json) => ({
      id: a.id,
      name: a.name,
      books: a.books.items.map((k: Json) => ({ id: k.id, title: k.title, stores: k.stores.items.map((s: Json) => ({ id: s.id, name: s.name })) })),
    }));
  const apiSearch = (b: Json) => ({
    totalCount: Number(b.data.books.totalCount),
    items: b.data.books.items.map((r: Json) => ({ id: r.id, title: r.title, price: num(r.price), author: r.author.name })),
  });
  return [
    {
      id: '1',
      title: 'book(id) + author name',
      vars: () => ({ id: bookId() }),
      fixed: { id: 4242 },
      servers: {
        api: { request: (v) => gql('query Book($id: ID!) { book(id: $id) { id title author { name } } }', v), normalise: apiBook },
        peer: {
          request: (v) => gql('query Book($id: Int!) { bookByRowId(rowId: $id) { rowId title authorByAuthorId { name } } }', v),
          normalise: (b) =>
            b.data.bookByRowId && { id: String(b.data.bookByRowId.rowId), title: b.data.bookByRowId.title, author: b.data.bookByRowId.authorByAuthorId.name },
        },
        floor: { request: (v) => floor('book', v), normalise: apiBook },
      },
    },
    page(() => rand(1001), 777, '2', '20 books by title, offset 0-1000'),
    {
      id: '3',
      title: '20 authors > 10 books > 5 stores',
      vars: () => ({ offset: rand(VOLUME.authors - 20) }),
      fixed: { offset: 1234 },
      servers: {
        api: {
          request: (v) =>
            gql(
              `query Nested($offset: Int!) { authors(orderBy: [{ id: ASC }], offset: $offset, limit: 20) { items { id name
            books(limit: 10) { items { id title stores(limit: 5) { items { id name } } } } } } }`,
              v,
            ),
          normalise: apiNested,
        },
        peer: {
          request: (v) =>
            gql(
              `query Nested($offset: Int!) { allAuthors(orderBy: [PRIMARY_KEY_ASC], offset: $offset, first: 20) { nodes { rowId name
            booksByAuthorId(orderBy: [PRIMARY_KEY_ASC], first: 10) { nodes { rowId title
              inventoriesByBookId(orderBy: [STORE_ID_ASC], first: 5) { nodes { storeByStoreId { rowId name } } } } } } } }`,
              v,
            ),
          normalise: (b) =>
            b.data.allAuthors.nodes.map((a: Json) => ({
              id: String(a.rowId),
              name: a.name,
              books: a.booksByAuthorId.nodes.map((k: Json) => ({
                id: String(k.rowId),
                title: k.title,
                stores: k.inventoriesByBookId.nodes.map((i: Json) => ({ id: String(i.storeByStoreId.rowId), name: i.storeByStoreId.name })),
              })),
            })),
        },
        floor: { request: (v) => floor('nested', v), normalise: apiNested },
      },
    },
    {
      id: '4',
      title: 'title contains + price <, by price, offset 40, totalCount',
      vars: () => ({ word: WORDS[rand(WORDS.length)], price: 20 + rand(80) }),
      fixed: { word: 'garden', price: 50 },
      servers: {
        api: {
          request: (v) =>
            gql(
              `query Search($word: String!, $price: Float!) { books(filter: { title: { contains: $word }, price: { lt: $price } },
            orderBy: [{ price: ASC }], offset: 40, limit: 20) { totalCount items { id title price author { name } } } }`,
              v,
            ),
          normalise: apiSearch,
        },
        peer: {
          request: (v) =>
            gql(
              `query Search($word: String!, $price: BigFloat!) { allBooks(filter: { title: { includesInsensitive: $word }, price: { lessThan: $price } },
            orderBy: [PRICE_ASC], offset: 40, first: 20) { totalCount nodes { rowId title price authorByAuthorId { name } } } }`,
              { ...v, price: String(v.price) },
            ),
          normalise: (b) => ({
            totalCount: Number(b.data.allBooks.totalCount),
            items: b.data.allBooks.nodes.map((r: Json) => ({ id: String(r.rowId), title: r.title, price: num(r.price), author: r.authorByAuthorId.name })),
          }),
        },
        floor: { request: (v) => floor('search', v), normalise: apiSearch },
      },
    },
    page(() => 1000, 1000, '5a', 'same page at offset 1,000'),
    page(() => 10000, 10000, '5b', 'same page at offset 10,000'),
    page(() => 90000, 90000, '5c', 'same page at offset 90,000'),
    cursorPage('5d', 'same page by cursor after the 90,000th book', ctx.deep),
    cursorPage('5e', 'first page by cursor (5d walks from here)', undefined),
    {
      id: '5f',
      title: 'books per author, top 20 by count (group-by)',
      vars: () => ({}),
      fixed: {},
      peerNote: 'none: the PostGraphile peer runs without pg-aggregates, so it has no group-by',
      servers: {
        api: {
          request: (v) => gql('query Top { booksGroupBy(groupBy: [AUTHOR_ID], orderBy: [{ count: DESC }], limit: 20) { key { authorId } count } }', v),
          normalise: (b) => b.data.booksGroupBy.map((g: Json) => ({ authorId: g.key.authorId, count: g.count })),
        },
        floor: {
          request: (v) => floor('booksPerAuthor', v),
          normalise: (b) => b.data.booksGroupBy.map((g: Json) => ({ authorId: g.key.authorId, count: g.count })),
        },
      },
    },
    {
      id: '6',
      title: 'setStock mutation',
      writes: true,
      vars: () => {
        const [bookId, storeId] = ctx.pairs[rand(ctx.pairs.length)];
        return { bookId, storeId, quantity: rand(100) };
      },
      fixed: { bookId: ctx.pairs[0][0], storeId: ctx.pairs[0][1], quantity: 7 },
      servers: {
        api: {
          request: (v) =>
            gql(
              'mutation SetStock($storeId: ID!, $bookId: ID!, $quantity: Int!) { setStock(storeId: $storeId, bookId: $bookId, quantity: $quantity) { quantity } }',
              v,
            ),
          normalise: (b) => b.data.setStock,
        },
        peer: {
          request: (v) =>
            gql(
              `mutation SetStock($bookId: Int!, $storeId: Int!, $quantity: Int!) { updateInventoryByBookIdAndStoreId(input: {
            bookId: $bookId, storeId: $storeId, inventoryPatch: { quantity: $quantity } }) { inventory { quantity } } }`,
              v,
            ),
          normalise: (b) => b.data.updateInventoryByBookIdAndStoreId.inventory,
        },
        floor: { request: (v) => floor('setStock', v), normalise: (b) => b.data.setStock },
      },
    },
    ...writeShapes(ctx),
  ];
}

/** A read shape as a particular client sends it: measured on the API only, against the plain-JSON shape of the same run. */
export interface ApiVariant {
  id: string;
  title: string;
  /** The plain-JSON shape it is compared with (its peer figure too). */
  base: Shape;
  headers: Record<string, string>;
  /** Sign in first: the request carries the bench admin's token. */
  token: boolean;
  request(v: Vars): HttpRequest;
}

const operationNameOf = (query: string): string | undefined => /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1];

// What Apollo Client 4 sends (HttpLink defaults): this accept header, the operation name, and extensions.clientLibrary.
export const APOLLO_CLIENT_4_ACCEPT = 'application/graphql-response+json,application/json;q=0.9';
const asApolloClient4 = (req: HttpRequest): HttpRequest => {
  const body = JSON.parse(req.body) as { query: string; variables: Vars };
  const operationName = operationNameOf(body.query);
  return {
    path: req.path,
    body: JSON.stringify({
      operationName,
      variables: body.variables,
      extensions: { clientLibrary: { name: '@apollo/client', version: '4.0.7' } },
      query: body.query,
    }),
  };
};

// What urql 4 sends by default (fetchExchange, POST): this accept header, the operation name, no extensions.
export const URQL_ACCEPT = 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed';
const asUrql = (req: HttpRequest): HttpRequest => {
  const body = JSON.parse(req.body) as { query: string; variables: Vars };
  const operationName = operationNameOf(body.query);
  return { path: req.path, body: JSON.stringify({ operationName, query: body.query, variables: body.variables }) };
};

/** Each read shape as Apollo Client 4 sends it (`<id>ac`) and as urql does (`<id>uq`), and the 3-level shape with the app shell's `me { email }` (`3me`, with a token). */
export function apiVariants(all: Shape[]): ApiVariant[] {
  const reads = all.filter((s) => !s.servers.api.request(s.fixed).body.includes('"mutation '));
  const variants: ApiVariant[] = reads.map((base) => ({
    id: `${base.id}ac`,
    title: `${base.title}, as Apollo Client 4`,
    base,
    token: false,
    headers: { accept: APOLLO_CLIENT_4_ACCEPT },
    request: (v) => asApolloClient4(base.servers.api.request(v)),
  }));
  variants.push(
    ...reads.map((base) => ({
      id: `${base.id}uq`,
      title: `${base.title}, as urql`,
      base,
      token: false,
      headers: { accept: URQL_ACCEPT },
      request: (v: Vars) => asUrql(base.servers.api.request(v)),
    })),
  );
  const nested = all.find((s) => s.id === '3');
  if (nested) {
    variants.push({
      id: '3me',
      title: `${nested.title} + me { email }, Apollo Client 4, signed in`,
      base: nested,
      token: true,
      headers: { accept: APOLLO_CLIENT_4_ACCEPT },
      request: (v) => {
        const req = asApolloClient4(nested.servers.api.request(v));
        return { path: req.path, body: req.body.replace('{ authors(', '{ me { email } authors(') };
      },
    });
  }
  return variants;
}
