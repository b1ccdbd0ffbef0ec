// Config for the MikroORM CLI. Run it through `npm run migration:*` (scripts/orm-cli.ts), which
// starts the embedded PostgreSQL under .data/ when DATABASE_URL is not set.
import { loadConfig } from './src/config.js';
import { ormOptions } from './src/db/orm-options.js';

const config = loadConfig();
if (!config.databaseUrl) {
  throw new Error('DATABASE_URL is not set: run the MikroORM CLI through `npm run migration:<command>`');
}

export default ormOptions({ url: config.databaseUrl, poolMax: 2, statementTimeoutMs: 0 });
