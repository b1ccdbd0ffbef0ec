import { ApolloClient, gql, HttpLink, InMemoryCache, type ObservableQuery } from '@apollo/client';
import { startTestApp, type TestApp } from './helpers/app.js';

// A frontend's view: Apollo Client 4 with its normalised InMemoryCache and NO type policies.
// Mutation payloads carry `id`s (Inventory's is "<bookId>:<storeId>"), so the cache updates the
// watched queries itself; the test counts the requests of each operation to prove no refetch.

let app: TestApp;
let client: ApolloClient;
const sent: string[] = [];

const BOOK = gql`
  query BookStock($id: ID!) {
    book(id: $id) {
      id
      title
      inventory {
        items {
          id
          quantity
          store {
            id
            name
          }
        }
      }
    }
  }
`;

beforeAll(async () => {
  app = await startTestApp();
  const countingFetch: typeof fetch = (input, init) => {
    sent.push(String(JSON.parse(String(init?.body)).operationName));
    return fetch(input, init);
  };
  client = new ApolloClient({
    link: new HttpLink({ uri: `${app.url}/graphql`, fetch: countingFetch, headers: { authorization: `Bearer ${app.admin.token}` } }),
    cache: new InMemoryCache(),
  });
});
afterAll(async () => {
  client?.stop();
  await app?.close();
});

/** Keeps one subscription open (closing the last one would tear the watch down) and records every result. */
function watch<T>(query: ObservableQuery<T>): (test: (data: T) => boolean) => Promise<T> {
  const seen: T[] = [];
  query.subscribe({ next: (result) => result.data && seen.push(result.data as T) });
  return async (test) => {
    for (;;) {
      const hit = seen.find(test);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
}

interface BookStock {
  book: { id: string; title: string; inventory: { items: { id: string; quantity: number; store: { id: string; name: string } }[] } };
}

/** adjustStock or setStock on one link, selecting only what the cache needs to update it: its id and quantity. */
const changeStock = (name: string, field: 'adjustStock' | 'setStock', argument: string, s: string, b: string) =>
  client.mutate({
    mutation: gql(`mutation ${name}($s: ID!, $b: ID!) { ${field}(storeId: $s, bookId: $b, ${argument}) { id quantity } }`),
    variables: { s, b },
  });

describe('Apollo Client with InMemoryCache over the real server', () => {
  it('create, update, setStock/adjustStock and a bulk create keep watched queries current with no refetch', async () => {
    const { data: a } = await client.mutate<{ createAuthor: { id: string; name: string } }>({
      mutation: gql`
        mutation NewAuthor {
          createAuthor(input: { name: "Cache", email: "cache@example.com" }) {
            id
            name
          }
        }
      `,
    });
    const { data: s } = await client.mutate<{ createStore: { id: string; name: string } }>({
      mutation: gql`
        mutation NewStore {
          createStore(input: { name: "Front" }) {
            id
            name
          }
        }
      `,
    });
    const { data: b } = await client.mutate<{ createBook: { id: string; title: string } }>({
      mutation: gql`
        mutation NewBook($a: ID!) {
          createBook(input: { title: "Draft", authorId: $a }) {
            id
            title
          }
        }
      `,
      variables: { a: a!.createAuthor.id },
    });
    const bookId = b!.createBook.id;
    const storeId = s!.createStore.id;
    await client.mutate({
      mutation: gql`
        mutation Stock($s: ID!, $b: ID!) {
          setStock(storeId: $s, bookId: $b, quantity: 3) {
            id
            quantity
            store {
              id
              name
            }
          }
        }
      `,
      variables: { s: storeId, b: bookId },
    });

    const until = watch(client.watchQuery<BookStock>({ query: BOOK, variables: { id: bookId } }));
    const first = await until(() => true);
    expect(first.book).toEqual({
      __typename: 'Book',
      id: bookId,
      title: 'Draft',
      inventory: {
        __typename: 'InventoryPage',
        items: [{ __typename: 'Inventory', id: `${bookId}:${storeId}`, quantity: 3, store: { __typename: 'Store', id: storeId, name: 'Front' } }],
      },
    });
    expect(sent.filter((op) => op === 'BookStock')).toHaveLength(1);

    // adjustStock's payload is Inventory:<id>: the cached book.inventory quantity changes with it.
    const adjusted = until((d) => d.book.inventory.items[0].quantity === 4);
    await changeStock('Adjust', 'adjustStock', 'delta: 1', storeId, bookId);
    expect((await adjusted).book.inventory.items[0].quantity).toBe(4);

    const setAgain = until((d) => d.book.inventory.items[0].quantity === 10);
    await changeStock('Set', 'setStock', 'quantity: 10', storeId, bookId);
    await setAgain;

    // updateBook's payload is Book:<id>: the watched title changes with it.
    const renamed = until((d) => d.book.title === 'Final');
    await client.mutate({
      mutation: gql`
        mutation Rename($id: ID!) {
          updateBook(id: $id, input: { title: "Final" }) {
            id
            title
          }
        }
      `,
      variables: { id: bookId },
    });
    await renamed;
    expect(sent.filter((op) => op === 'BookStock')).toHaveLength(1);

    // A bulk create normalises every book it returns: each is readable from the cache at once.
    const { data: bulk } = await client.mutate<{ createBooks: { id: string; title: string }[] }>({
      mutation: gql`
        mutation Bulk($in: [CreateBookInput!]!) {
          createBooks(inputs: $in) {
            id
            title
          }
        }
      `,
      variables: {
        in: [
          { title: 'Vol 1', authorId: a!.createAuthor.id },
          { title: 'Vol 2', authorId: a!.createAuthor.id },
        ],
      },
    });
    const second = bulk!.createBooks[1];
    const cached = client.readFragment<{ id: string; title: string }>({
      id: client.cache.identify({ __typename: 'Book', id: second.id }),
      fragment: gql`
        fragment T on Book {
          id
          title
        }
      `,
    });
    expect(cached).toEqual({ __typename: 'Book', id: second.id, title: 'Vol 2' });
    expect(sent).toEqual(['NewAuthor', 'NewStore', 'NewBook', 'Stock', 'BookStock', 'Adjust', 'Set', 'Rename', 'Bulk']);
  });
});
