/**
 * A frontend's client code, bundled by esbuild and run in Chromium on another origin by
 * test/browser-clients.test.ts. The urql and Apollo set-ups are the README's snippets.
 */
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Client, cacheExchange, fetchExchange, type ClientOptions } from '@urql/core';

const AUTHORS = `query AuthorTitles { authors(limit: 5) { totalCount items { name books { items { title } } } } }`;

/** Apollo Client 4 with client awareness: it sends apollographql-client-name/-version on every request. */
export async function apolloQuery(url: string): Promise<unknown> {
  const client = new ApolloClient({
    link: new HttpLink({ uri: url }),
    cache: new InMemoryCache(),
    clientAwareness: { name: 'bookstore-web', version: '1.2.3' },
  });
  const { data, error } = await client.query({ query: gql(AUTHORS) });
  return error ? { error: error.message } : data;
}

/** The README's urql clients: `post` sends queries with POST; `get` keeps urql's GET and adds the preflight header. */
export const URQL_SETUPS: Record<string, Omit<ClientOptions, 'url' | 'exchanges'>> = {
  default: {},
  post: { preferGetMethod: false },
  get: { fetchOptions: { headers: { 'apollo-require-preflight': 'true' } } },
};

export async function urqlQuery(url: string, setup: string): Promise<unknown> {
  const client = new Client({ url, exchanges: [cacheExchange, fetchExchange], ...URQL_SETUPS[setup] });
  const { data, error } = await client.query(AUTHORS, {}).toPromise();
  return error ? { error: error.message } : data;
}
