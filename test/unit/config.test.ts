import { availableParallelism } from 'node:os';
import { ConfigError, parseConfig } from '../../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('parseConfig', () => {
  it('has the contract defaults', () => {
    const c = parseConfig({});
    expect({
      port: c.port,
      host: c.host,
      production: c.production,
      ide: c.ide,
      migrate: c.migrateOnStart,
      ttl: c.jwtTtl,
      level: c.logLevel,
      db: c.databaseUrl,
    }).toEqual({
      port: 4000,
      host: '127.0.0.1',
      production: false,
      ide: true,
      migrate: true,
      ttl: '12h',
      level: 'info',
      db: undefined,
    });
  });

  it('sizes the pool from the CPU count unless DB_POOL_MAX says otherwise', () => {
    expect(parseConfig({}).poolMax).toBe(availableParallelism() * 2 + 1);
    expect(parseConfig({ DB_POOL_MAX: '10' }).poolMax).toBe(10);
    expect(problems({ DB_POOL_MAX: '0' })).toEqual([expect.stringMatching(/^DB_POOL_MAX: /)]);
  });

  it('lists every bad variable at once', () => {
    expect(problems({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', MIGRATE_ON_START: 'maybe' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: /),
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^MIGRATE_ON_START: /),
      expect.stringMatching(/^LOG_LEVEL: /),
    ]);
  });

  it('refuses production without a 32-byte JWT_SECRET', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual(['JWT_SECRET: must be set to at least 32 bytes when NODE_ENV=production']);
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toHaveLength(1);
    const c = parseConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) });
    expect({ production: c.production, ide: c.ide }).toEqual({ production: true, ide: false });
  });

  it('lets GRAPHQL_IDE override the default and splits CORS_ORIGINS', () => {
    const c = parseConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), GRAPHQL_IDE: 'true', CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect({ ide: c.ide, cors: c.corsOrigins }).toEqual({ ide: true, cors: ['https://a.example', 'https://b.example'] });
  });
});
