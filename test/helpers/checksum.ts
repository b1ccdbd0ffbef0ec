import type { Client } from 'pg';

/**
 * An md5 over every row of every table in the public schema (migrations table included), with
 * row counts. Sequences are left out: a failed insert still consumes an id, which is fine.
 */
export async function databaseChecksum(pg: Client): Promise<string> {
  const { rows: tables } = await pg.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const { rows } = await pg.query<{ n: number; md5: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
    );
    parts.push(`${name}:${rows[0].n}:${rows[0].md5}`);
  }
  return parts.join(' ');
}
