// The cursors of shape 5d, made once in setup: each server's own cursor after the 90,000th book by title.
import type pg from 'pg';
import { cursorSql, sortSignature } from '../src/query/cursor.js';
import { BookModel } from '../src/query/model.js';
import { orderToKeys } from '../src/query/order.js';
import { sql } from '../src/query/sql.js';
import { call } from './sanity.js';
import type { Server } from './servers.js';
import type { ShapeContext } from './shapes.js';

const DEPTH = 90_000;

export async function deepCursors(stats: pg.Client, servers: Server[]): Promise<ShapeContext['deep']> {
  const orderBy = [{ title: 'ASC' }];
  // Our cursor, built by the same SQL as the API's (src/query/cursor.ts) on the same row.
  const api = cursorSql(orderToKeys(BookModel, 't', orderBy), sortSignature(BookModel, orderBy));
  const { text, values } =
    sql`SELECT ${api} AS "api", "t"."title", "t"."id" FROM "book" "t" ORDER BY "t"."title", "t"."id" OFFSET ${DEPTH - 1} LIMIT 1`.compile();
  const [row] = (await stats.query<{ api: string; title: string; id: number }>(text, values)).rows;
  const peer = servers.find((s) => s.name === 'peer');
  const peerCursor = peer
    ? (
        await call(peer, {
          path: '/graphql',
          body: JSON.stringify({ query: `{ allBooks(orderBy: [TITLE_ASC], offset: ${DEPTH - 1}, first: 1) { edges { cursor } } }` }),
        })
      ).data.allBooks.edges[0].cursor
    : null;
  return { api: row.api, peer: peerCursor, floor: JSON.stringify([row.title, row.id]) };
}
