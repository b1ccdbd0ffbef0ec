// What every bench shape is made of: the types, and the request builders per server.
import { VOLUME } from './db.js';

export type ServerName = 'api' | 'peer' | 'floor';
export type Vars = Record<string, unknown>;
export interface HttpRequest {
  path: string;
  body: string;
}
export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ServerShape {
  request(v: Vars): HttpRequest;
  normalise(body: Json): unknown;
}
export interface Shape {
  id: string;
  title: string;
  vars(): Vars;
  /** A fixed variable set for the sanity check. */
  fixed: Vars;
  /** `peer` is absent where PostGraphile has no such mutation (`peerNote` says so in the table). */
  servers: Record<'api' | 'floor', ServerShape> & { peer?: ServerShape };
  peerNote?: string;
}
export interface ShapeContext {
  pairs: [number, number][];
  /** Each server's cursor after the 90,000th book by title (run.ts makes them once, in setup). */
  deep: Record<ServerName, string | null>;
}

export const rand = (n: number): number => Math.floor(Math.random() * n);
export const gql = (query: string, variables: Vars): HttpRequest => ({ path: '/graphql', body: JSON.stringify({ query, variables }) });
export const floor = (name: string, v: Vars): HttpRequest => ({ path: `/${name}`, body: JSON.stringify(v) });
export const randomBookId = (): number => 1 + rand(VOLUME.books);
export const randomAuthorId = (): number => 1 + rand(VOLUME.authors);
