import pg from 'pg';
import { ReplicaSet } from '../src/db/replicas.js';
import { createTestDatabase } from './helpers/database.js';

// A replica that stops while one of its connections is checked out for a read: pg-pool listens for
// 'error' only on idle clients, so without a guard the dying connection's 'error' has no listener
// and kills the process (it did, once, in the multi-node resilience test).
describe('a replica connection dies while checked out', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await db.drop();
  });

  it('is guarded, destroyed on release, and the pool hands out a live one next', async () => {
    const set = new ReplicaSet({ urls: [], maxLagMs: 1000, pollMs: 1000, poolMax: 2, statementTimeoutMs: 5000 }, async () => '0/0');
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    try {
      const conn = (await set.checkout(pool))!;
      const { rows } = await conn.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
      // The server's goodbye and the closed socket reach the idle, checked-out client: 'error'.
      const failed = await conn.query('SELECT 1').then(
        () => undefined,
        (err: Error) => err,
      );
      expect(failed).toBeInstanceOf(Error);
      // As Database.onReplica does: a read that failed releases its connection with the error.
      conn.release(failed);
      expect(pool.totalCount).toBe(0);
      // The socket's end, which may come after the query's rejection, must find the guard or the pool.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const next = (await set.checkout(pool))!;
      await expect(next.query('SELECT 1 AS one').then((r) => r.rows)).resolves.toEqual([{ one: 1 }]);
      next.release();
    } finally {
      await pool.end();
      await set.close();
    }
  });
});
