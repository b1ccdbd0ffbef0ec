import pg from 'pg';
import { Database } from '../db/database.js';
import { seedDemo, type DemoCounts } from './demo.js';
import type { ProgressSink } from './progress.js';
import { seedVolume, type VolumeCounts, type VolumeOptions } from './volume.js';

/** The one thing the seeders need of a connection (a pg Client has it). */
export interface SeedOptions {
  url: string;
  /** Volume data instead of the demo set. */
  volume?: VolumeOptions;
  progress?: ProgressSink;
}

/** Applies pending migrations, then loads the demo set or the volume data. */
export async function runSeed(options: SeedOptions): Promise<DemoCounts | VolumeCounts> {
  const db = await Database.connect({ url: options.url, poolMax: 1, statementTimeoutMs: 0 });
  try {
    await db.migrate();
  } finally {
    await db.close();
  }
  const client = new pg.Client({ connectionString: options.url, application_name: 'bookstore-seed' });
  await client.connect();
  try {
    return options.volume ? await seedVolume(client, options.volume, options.progress) : await seedDemo(client);
  } finally {
    await client.end();
  }
}
