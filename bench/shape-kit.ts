// What every bench shape is made of: the types, and the request builders per server.
import { VOLUME } from './db.js';

/** `peerAudit`: PostGraphile again, on connections whose writes each insert an audit entry (bench/peer-audit.ts). */
export type ServerName = 'api' | 'peer' | 'peerAudit' | 'floor';
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
  /** A mutation: the peer also runs it with an audit entry per row written (`peerAudit`), as the API and the floor do. */
  writes?: boolean;
}
export interface ShapeContext {
  pairs: [number, number][];
  /** Each server's cursor after the 90,000th book by title (run.ts makes them once, in setup). */
  deep: Record<'api' | 'peer' | 'floor', string | null>;
}

export const rand = (n: number): number => Math.floor(Math.random() * n);
export const gql = (query: string, variables: Vars): HttpRequest => ({ path: '/graphql', body: JSON.stringify({ query, variables }) });
export const floor = (name: string, v: Vars): HttpRequest => ({ path: `/${name}`, body: JSON.stringify(v) });
export const randomBookId = (): number => 1 + rand(VOLUME.books);
export const randomAuthorId = (): number => 1 + rand(VOLUME.authors);

/** What `server` sends for `shape`: `peerAudit` sends the peer's requests, for write shapes only. */
export function serverShape(shape: Shape, server: ServerName): ServerShape | undefined {
  if (server === 'peerAudit') return shape.writes ? shape.servers.peer : undefined;
  return shape.servers[server];
}
