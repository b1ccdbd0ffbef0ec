/** What a seeder needs of a database: a pg client, or a pool, or a transaction. */
export interface SqlRunner {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}
