import type { TestApp } from './app.js';

export interface ClassicIds {
  authors: Record<'prakritish' | 'umang' | 'chandan', string>;
  books: Record<'ansible' | 'sqlalchemy' | 'communication', string>;
  stores: Record<'amazon' | 'flipkart', string>;
}

async function must<T>(app: TestApp, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await app.gql<T>(query, variables);
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data as T;
}

const createAuthor = 'mutation($input: CreateAuthorInput!) { createAuthor(input: $input) { id } }';
const createBook = 'mutation($input: CreateBookInput!) { createBook(input: $input) { id } }';
const createStore = 'mutation($input: CreateStoreInput!) { createStore(input: $input) { id } }';
const setStock = 'mutation($s: ID!, $b: ID!, $q: Int!) { setStock(storeId: $s, bookId: $b, quantity: $q) { quantity } }';

/** The seed data of our oldest examples, created through GraphQL mutations. */
export async function seedClassic(app: TestApp): Promise<ClassicIds> {
  const author = async (name: string, email: string) =>
    (await must<{ createAuthor: { id: string } }>(app, createAuthor, { input: { name, email } })).createAuthor.id;
  const book = async (title: string, authorId: string) =>
    (await must<{ createBook: { id: string } }>(app, createBook, { input: { title, authorId } })).createBook.id;
  const store = async (name: string) => (await must<{ createStore: { id: string } }>(app, createStore, { input: { name } })).createStore.id;

  const authors = {
    prakritish: await author('Prakritish Sen Eshore', 'prakritish@example.com'),
    umang: await author('Umang Vanjara', 'umang@example.com'),
    chandan: await author('Chandan Dutta', 'chandan@example.com'),
  };
  const books = {
    ansible: await book('Ansible Refresher', authors.prakritish),
    sqlalchemy: await book('Exploring SQLAlchemy', authors.prakritish),
    communication: await book('Effective Communication', authors.umang),
  };
  const stores = { amazon: await store('Amazon'), flipkart: await store('Flipkart') };
  for (const b of [books.ansible, books.sqlalchemy, books.communication]) await must(app, setStock, { s: stores.amazon, b, q: 10 });
  for (const b of [books.ansible, books.sqlalchemy]) await must(app, setStock, { s: stores.flipkart, b, q: 5 });
  return { authors, books, stores };
}
