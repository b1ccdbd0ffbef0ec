import { startTestApp, type TestApp, type TestAppOptions } from './app.js';
import { createTestDatabase } from './database.js';

export interface BothPaths {
  /** Answers read queries with the compiled engine where it can. */
  compiled: TestApp;
  /** Sends everything through Apollo, the resolvers and the DataLoaders. */
  loaders: TestApp;
  close(): Promise<void>;
}

/**
 * Two servers on one fresh database holding `dataSql`, to compare the two read paths. `env` goes
 * to both; the compiled one also gets `options` (e.g. where its log lines go).
 */
export async function startBothPaths(dataSql: string, env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<BothPaths> {
  const database = await createTestDatabase();
  const compiled = await startTestApp(env, { ...options, database });
  const { LOG_LEVEL: _level, ...quiet } = env;
  const loaders = await startTestApp({ ...quiet, ADMIN_EMAIL: '' }, { database: { url: database.url, drop: async () => undefined }, compiledQueries: false });
  await compiled.pg.query(dataSql);
  return {
    compiled,
    loaders,
    close: async () => {
      await loaders.close();
      await compiled.close();
    },
  };
}
