import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { ensureAdmin } from '../services/users.js';

/** ADMIN_EMAIL / ADMIN_PASSWORD: make sure that admin exists and signs in with that password. */
export async function bootstrapAdmin(config: Config, db: Database, logger: Logger): Promise<void> {
  if (!config.admin) return;
  const result = await ensureAdmin(db.fork(), config.admin.email, config.admin.password);
  logger.info({ email: config.admin.email, result }, 'admin user ensured');
}
