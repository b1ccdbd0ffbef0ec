import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** REFUSAL_COOLDOWN_MS's default (src/http/refusal-cooldown.ts); test servers turn the cooldown off unless a test is about it. */
export const REFUSAL_COOLDOWN_MS = 1000;
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

const schema = z
  .object({
    NODE_ENV: z.string().default('development'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must look like postgres://user:pass@host:port/db')
      .optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).default('127.0.0.1'),
    MIGRATE_ON_START: bool.default(true),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    JWT_SECRET: z.string().min(1).optional(),
    JWT_TTL: z
      .string()
      .regex(/^\d+[smhd]?$/, 'must be a duration like 12h, 30m or 3600')
      .default('12h'),
    CORS_ORIGINS: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    GRAPHQL_IDE: bool.optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).optional(),
    STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
    DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(1).default(3000),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10000),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).default(10),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(30),
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(10).default(2000),
    GRAPHQL_MAX_NODES: z.coerce.number().int().min(1).default(10000),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).default(60),
    // Tokens and sign-in under attack (README: "Tokens and sign-in limits").
    AUTH_USER_CACHE_MS: z.coerce.number().int().min(0).max(60000).default(5000),
    LOGIN_LOCKOUT_MAX_KEYS: z.coerce.number().int().min(100).default(10000),
    LOGIN_HASHES_IN_FLIGHT: z.coerce.number().int().min(1).max(64).optional(),
    LOGIN_HASHES_PER_IP: z.coerce.number().int().min(1).max(64).default(1),
    LOGIN_HASH_QUEUE: z.coerce.number().int().min(0).max(10000).default(64),
    LOGIN_HASH_QUEUE_PER_IP: z.coerce.number().int().min(0).max(10000).default(16),
    SUBSCRIPTIONS_INIT_TIMEOUT_MS: z.coerce.number().int().min(1).default(5000),
    SUBSCRIPTIONS_MAX_PER_CONNECTION: z.coerce.number().int().min(1).default(100),
    SUBSCRIPTIONS_MAX_PER_IP: z.coerce.number().int().min(1).default(500),
    SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(50),
    SUBSCRIPTIONS_POLL_MS: z.coerce.number().int().min(1).default(50),
    // Operations (issue 18): metrics port, trusted documents, tracing.
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    TRUSTED_DOCUMENTS: z.string().min(1).optional(),
    TRUSTED_DOCUMENTS_FREE_FORM: z.enum(['allow', 'listed', 'reject']).optional(),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
    OTEL_SERVICE_NAME: z.string().min(1).default('bookstore-graphql'),
    // Limits and admission (README "Limits and admission")
    GRAPHQL_MAX_QUERY_BYTES: z.coerce
      .number()
      .int()
      .min(64)
      .default(64 * 1024),
    GRAPHQL_MAX_VARIABLE_DEPTH: z.coerce.number().int().min(1).default(64),
    GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(5000),
    GRAPHQL_MAX_FILTER_LIST: z.coerce.number().int().min(1).default(50),
    GRAPHQL_MAX_FILTER_STRING: z.coerce.number().int().min(1).default(500),
    GRAPHQL_DOCUMENT_CACHE_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(16 * 1024 * 1024),
    GRAPHQL_PLAN_CACHE_BYTES: z.coerce
      .number()
      .int()
      .min(0)
      .default(16 * 1024 * 1024),
    EXPENSIVE_COST: z.coerce.number().int().min(1).default(500),
    EXPENSIVE_CONCURRENCY: z.coerce.number().int().min(1).optional(),
    EXPENSIVE_PER_CLIENT: z.coerce.number().int().min(1).default(1),
    EXPENSIVE_WAIT_MS: z.coerce.number().int().min(0).default(2000),
    REFUSAL_COOLDOWN_MS: z.coerce.number().int().min(0).default(REFUSAL_COOLDOWN_MS),
    REFUSAL_COOLDOWN_BODY_BYTES: z.coerce.number().int().min(0).default(8192),
    REFUSAL_HOLD_MS: z.coerce.number().int().min(0).default(1000),
    REFUSAL_HOLD_MAX: z.coerce.number().int().min(0).default(1000),
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1).default(10000),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).default(30000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1).default(5000),
    // Scaling out (README "Replicas, poolers and scaling", docs/scaling.md).
    DATABASE_REPLICA_URLS: z
      .string()
      .regex(/^postgres(ql)?:\/\/[^\s,]+(\s*,\s*postgres(ql)?:\/\/[^\s,]+)*$/, 'must be comma-separated postgres:// URLs')
      .optional(),
    REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).default(5000),
    REPLICA_POLL_MS: z.coerce.number().int().min(50).default(500),
    DATABASE_PREPARED_STATEMENTS: bool.default(true),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.JWT_SECRET || Buffer.byteLength(env.JWT_SECRET) < 32) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be set to at least 32 bytes when NODE_ENV=production' });
    }
  })
  .superRefine((env, ctx) => {
    // node:http refuses a request timeout shorter than the headers timeout.
    if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'], message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS' });
    }
  });

export type Env = z.infer<typeof schema>;

export interface Config {
  production: boolean;
  databaseUrl?: string;
  port: number;
  host: string;
  migrateOnStart: boolean;
  admin?: { email: string; password: string };
  jwtSecret?: string;
  jwtTtl: string;
  corsOrigins?: string[];
  logLevel: Env['LOG_LEVEL'];
  ide: boolean;
  dataDir: string;
  embeddedPgPort: number;
  poolMax: number;
  statementTimeoutMs: number;
  /** How long a request waits for a pooled connection before SERVICE_UNAVAILABLE. */
  acquireTimeoutMs: number;
  shutdownTimeoutMs: number;
  limits: QueryLimits;
  login: { maxFailures: number; lockoutSeconds: number };
  signIn: SignInLimits;
  subscriptions: SubscriptionLimits;
  ops: OpsConfig;
  caches: { documentBytes: number; planBytes: number };
  admission: Admission;
  /** TOO_MANY_REQUESTS refusals held for the rest of the client's wait (src/concurrency/tarpit.ts): at most `ms`, `max` at once. */
  refusalHold: { ms: number; max: number };
  http: HttpTimeouts;
  scaling: Scaling;
}

/** Read replicas and poolers (src/db/replicas.ts). */
export interface Scaling {
  replicas: { urls: string[]; maxLagMs: number; pollMs: number };
  /** Named prepared statements (every statement db.query and db.queryJson run); off behind a pooler in transaction mode. */
  preparedStatements: boolean;
}

/** Tokens that follow their user, and the brakes on password hashing (src/auth/). */
export interface SignInLimits {
  /** How long an instance trusts what it last read of a token's user (role, token version). */
  userCacheMs: number;
  /** Failed-login counters kept at most (oldest forgotten first). */
  lockoutMaxKeys: number;
  /** Password hashes (scrypt) running at once, overall and per client address. */
  hashesInFlight: number;
  hashesPerIp: number;
  /** Sign-ins waiting for a hash slot, overall and per address; beyond that TOO_MANY_REQUESTS. */
  hashQueue: number;
  hashQueuePerIp: number;
}

/** GraphQL subscriptions over WebSocket (src/subscriptions/). */
export interface SubscriptionLimits {
  /** A connection that has not sent connection_init by then is closed (4408). */
  initTimeoutMs: number;
  maxPerConnection: number;
  maxPerIp: number;
  maxConnectionsPerIp: number;
  /** How often each process reads newly committed audit entries (src/subscriptions/poller.ts). */
  pollMs: number;
}

/** Operations settings (issue 18). */
export interface OpsConfig {
  /** Serve `/metrics` on this port only (not on the API port); unset: on the API port. */
  metricsPort?: number;
  /** A persisted-query manifest: operations clients may run by id. */
  trustedDocuments?: { path: string; freeForm: FreeFormPolicy };
  /** OTLP/HTTP endpoint for trace export; unset: tracing is off (no SDK loaded). */
  otlpEndpoint?: string;
  serviceName: string;
}

/** With trusted documents, what happens to a request that sends document text instead of an id. */
export type FreeFormPolicy = 'allow' | 'listed' | 'reject';

/** Static limits on every GraphQL document; exceeding one is QUERY_TOO_COMPLEX. */
export interface QueryLimits {
  depth: number;
  aliases: number;
  tokens: number;
  /** Objects a query could return, from its `limit` arguments. */
  nodes: number;
  /** Bytes of query text, refused before parsing. */
  queryBytes: number;
  /** Nesting of the variables' JSON, checked iteratively before coercion. */
  variableDepth: number;
  /** Estimated work of a request (src/graphql/cost.ts). */
  cost: number;
  /** Items of one `and` / `or` list in a filter. */
  filterList: number;
  /** Characters of one string in a filter. */
  filterString: number;
}

/** The lane for expensive requests (cost of at least `expensiveCost`): how many run at once. */
export interface Admission {
  expensiveCost: number;
  concurrency: number;
  perClient: number;
  waitMs: number;
  /** After a client's request is refused as over budget, its bodies over `cooldownBodyBytes` are refused unread for this long. */
  cooldownMs: number;
  cooldownBodyBytes: number;
}

export interface HttpTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** Parses an environment into a Config; throws ConfigError listing every bad variable. */
export function parseConfig(source: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(stripEmpty(source));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  return {
    production,
    databaseUrl: env.DATABASE_URL,
    port: env.PORT,
    host: env.HOST,
    migrateOnStart: env.MIGRATE_ON_START,
    admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined,
    jwtSecret: env.JWT_SECRET,
    jwtTtl: env.JWT_TTL,
    corsOrigins: env.CORS_ORIGINS?.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL,
    ide: env.GRAPHQL_IDE ?? !production,
    dataDir: env.DATA_DIR,
    embeddedPgPort: env.EMBEDDED_PG_PORT,
    poolMax: env.DB_POOL_MAX ?? defaultPoolMax(),
    statementTimeoutMs: env.STATEMENT_TIMEOUT_MS,
    acquireTimeoutMs: env.DB_ACQUIRE_TIMEOUT_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    limits: {
      depth: env.GRAPHQL_MAX_DEPTH,
      aliases: env.GRAPHQL_MAX_ALIASES,
      tokens: env.GRAPHQL_MAX_TOKENS,
      nodes: env.GRAPHQL_MAX_NODES,
      queryBytes: env.GRAPHQL_MAX_QUERY_BYTES,
      variableDepth: env.GRAPHQL_MAX_VARIABLE_DEPTH,
      cost: env.GRAPHQL_MAX_COST,
      filterList: env.GRAPHQL_MAX_FILTER_LIST,
      filterString: env.GRAPHQL_MAX_FILTER_STRING,
    },
    login: { maxFailures: env.LOGIN_MAX_FAILURES, lockoutSeconds: env.LOGIN_LOCKOUT_SECONDS },
    signIn: {
      userCacheMs: env.AUTH_USER_CACHE_MS,
      lockoutMaxKeys: env.LOGIN_LOCKOUT_MAX_KEYS,
      // One scrypt per core: scrypt is CPU and memory bound, more at once only slows each one.
      hashesInFlight: env.LOGIN_HASHES_IN_FLIGHT ?? availableParallelism(),
      hashesPerIp: env.LOGIN_HASHES_PER_IP,
      hashQueue: env.LOGIN_HASH_QUEUE,
      hashQueuePerIp: env.LOGIN_HASH_QUEUE_PER_IP,
    },
    subscriptions: {
      initTimeoutMs: env.SUBSCRIPTIONS_INIT_TIMEOUT_MS,
      maxPerConnection: env.SUBSCRIPTIONS_MAX_PER_CONNECTION,
      maxPerIp: env.SUBSCRIPTIONS_MAX_PER_IP,
      maxConnectionsPerIp: env.SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IP,
      pollMs: env.SUBSCRIPTIONS_POLL_MS,
    },
    ops: {
      metricsPort: env.METRICS_PORT,
      // Production runs only the listed operations unless told otherwise; development anything (the IDE keeps working).
      trustedDocuments: env.TRUSTED_DOCUMENTS
        ? { path: env.TRUSTED_DOCUMENTS, freeForm: env.TRUSTED_DOCUMENTS_FREE_FORM ?? (production ? 'listed' : 'allow') }
        : undefined,
      otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: env.OTEL_SERVICE_NAME,
    },
    caches: { documentBytes: env.GRAPHQL_DOCUMENT_CACHE_BYTES, planBytes: env.GRAPHQL_PLAN_CACHE_BYTES },
    admission: {
      expensiveCost: env.EXPENSIVE_COST,
      // One expensive statement per core at most, leaving the other connections to cheap ones.
      concurrency: env.EXPENSIVE_CONCURRENCY ?? Math.max(1, Math.floor(availableParallelism() / 2)),
      perClient: env.EXPENSIVE_PER_CLIENT,
      waitMs: env.EXPENSIVE_WAIT_MS,
      cooldownMs: env.REFUSAL_COOLDOWN_MS,
      cooldownBodyBytes: env.REFUSAL_COOLDOWN_BODY_BYTES,
    },
    refusalHold: { ms: env.REFUSAL_HOLD_MS, max: env.REFUSAL_HOLD_MAX },
    http: { headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS, keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS },
    scaling: {
      replicas: {
        urls: (env.DATABASE_REPLICA_URLS ?? '')
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean),
        maxLagMs: env.REPLICA_MAX_LAG_MS,
        pollMs: env.REPLICA_POLL_MS,
      },
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    },
  };
}

/**
 * Prisma's default: 2 × CPUs + 1. More connections than the database can run at once only queue
 * inside PostgreSQL, where they compete with this process for the same cores.
 */
export function defaultPoolMax(): number {
  return availableParallelism() * 2 + 1;
}

function stripEmpty(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

/** The process configuration, read once from process.env (the only place that reads it). */
export function loadConfig(): Config {
  return parseConfig(process.env);
}
