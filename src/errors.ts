import { GraphQLError } from 'graphql';

export interface FieldProblem {
  path: string;
  message: string;
}

/** Base of every error we raise on purpose; `code` is the stable `extensions.code`. */
export class AppError extends GraphQLError {
  constructor(message: string, code: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export class BadUserInputError extends AppError {
  constructor(readonly fields: FieldProblem[]) {
    super(fields.length === 1 ? `Invalid ${fields[0].path}: ${fields[0].message}` : 'Invalid input', 'BAD_USER_INPUT', { fields });
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string | number) {
    super(`${entity} ${id} not found`, 'NOT_FOUND', { entity, id: String(id) });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, fields?: FieldProblem[]) {
    super(message, 'CONFLICT', fields ? { fields } : {});
  }
}

export class ServiceUnavailableError extends AppError {
  /** `httpStatus` (503) when the whole request is refused, e.g. its token could not be checked. */
  constructor(message = 'The database is unavailable; try again later', httpStatus?: number) {
    super(message, 'SERVICE_UNAVAILABLE', httpStatus ? { http: { status: httpStatus } } : {});
  }
}

export class UnauthenticatedError extends AppError {
  /** `httpStatus` for errors that refuse the whole request (a bad token), not one field. */
  constructor(message = 'You must be signed in to do this', httpStatus?: number) {
    super(message, 'UNAUTHENTICATED', httpStatus ? { http: { status: httpStatus } } : {});
  }
}

/** Too many failed sign-ins for one email from one address: refused without checking the password. */
export class LoginThrottledError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(`Too many failed sign-in attempts; try again in ${retryAfterSeconds} s`, 'UNAUTHENTICATED', { retryAfterSeconds });
  }
}

/** Too many sign-ins waiting for a password hash: refused before any hashing (HTTP 429). */
export class TooManyRequestsError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(`Too many sign-ins at once; try again in ${retryAfterSeconds} s`, 'TOO_MANY_REQUESTS', { retryAfterSeconds, http: { status: 429 } });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role may not do this') {
    super(message, 'FORBIDDEN');
  }
}

export type QueryLimit = 'depth' | 'aliases' | 'tokens' | 'nodes' | 'bytes' | 'cost' | 'directives' | 'duplicates';

/** A query refused before it runs; `limit` and `found` say by how much (HTTP 400). */
export class QueryTooComplexError extends AppError {
  constructor(
    readonly rule: QueryLimit,
    readonly limit: number,
    readonly found: number,
  ) {
    super(`Query ${rule} of ${found} exceeds the limit of ${limit}`, 'QUERY_TOO_COMPLEX', { rule, limit, found, http: { status: 400 } });
  }
}

/** The lane for expensive requests stayed full for as long as a request may wait (HTTP 429). */
export class LaneFullError extends AppError {
  constructor(concurrency: number, perClient: number) {
    super('Too many expensive requests are running; try again shortly', 'TOO_MANY_REQUESTS', {
      concurrency,
      perClient,
      retryAfterSeconds: 1,
      http: { status: 429 },
    });
  }
}

/** A client refused as over budget a moment ago sent another big body: refused unread (HTTP 429). */
export class CoolingDownError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(`Requests from this client were over the cost budget; big requests are refused for ${retryAfterSeconds} s`, 'TOO_MANY_REQUESTS', {
      retryAfterSeconds,
      http: { status: 429 },
    });
  }
}

/** Unique and check constraints we name in migrations, and the input field each one blames. */
const constraintFields: Record<string, { path: string; message: string }> = {
  author_email_lower_unique: { path: 'input.email', message: 'is already taken' },
  store_name_lower_unique: { path: 'input.name', message: 'is already taken' },
  book_isbn_unique: { path: 'input.isbn', message: 'is already taken' },
  app_user_email_lower_unique: { path: 'input.email', message: 'is already taken' },
  inventory_quantity_check: { path: 'delta', message: 'would go below 0' },
};

const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

interface DbErrorShape {
  code?: unknown;
  constraint?: unknown;
  sqlState?: unknown;
  message?: unknown;
  cause?: unknown;
  name?: unknown;
}

function driverError(err: unknown): DbErrorShape | undefined {
  let e = err as DbErrorShape | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (typeof e.code === 'string' || typeof e.sqlState === 'string') return e;
    e = e.cause as DbErrorShape | undefined;
  }
  return undefined;
}

/**
 * The one mapper from MikroORM / PostgreSQL / network errors to our stable codes.
 * Returns undefined when the error is not a known database condition.
 */
export function mapDatabaseError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if ((err as DbErrorShape | undefined)?.name === 'OptimisticLockError') {
    return new ConflictError('The record was changed by someone else; reload and try again');
  }
  const db = driverError(err);
  const message = typeof (err as DbErrorShape)?.message === 'string' ? String((err as DbErrorShape).message) : '';
  if (!db) {
    // `timeout expired`: pg giving up opening a connection (connectionTimeoutMillis). The last two: a query on a
    // client whose connection broke, and knex refusing the COMMIT of a transaction whose connection broke.
    if (
      /Knex: Timeout acquiring a connection|Connection terminated|connect ECONNREFUSED|^timeout expired$|Client has encountered a connection error and is not queryable|Transaction query already complete/i.test(
        message,
      )
    ) {
      return new ServiceUnavailableError();
    }
    return undefined;
  }
  const code = String(db.code ?? db.sqlState);
  const constraint = typeof db.constraint === 'string' ? db.constraint : undefined;
  const blamed = constraint ? constraintFields[constraint] : undefined;
  if (code === '23505') return new ConflictError(`${blamed?.path.split('.').pop() ?? 'value'} is already taken`, blamed ? [blamed] : undefined);
  if (code === '23503') return new ConflictError('The record is still referenced by other records');
  if (code === '23514')
    return new ConflictError(blamed ? `${blamed.path.split('.').pop()} ${blamed.message}` : 'A constraint was violated', blamed ? [blamed] : undefined);
  if (code === '40001' || code === '40P01') return new ConflictError('A concurrent change won; try again');
  // Class 22 (data exception): a value PostgreSQL cannot take, e.g. an integer out of range.
  if (code.startsWith('22')) return new BadUserInputError([{ path: 'input', message: 'holds a value out of range or not storable' }]);
  // 08P01 (protocol violation) is our bug, not an outage: retrying would not help.
  if (
    code === '57014' ||
    (code.startsWith('08') && code !== '08P01') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    UNAVAILABLE_NODE_CODES.has(code)
  ) {
    return new ServiceUnavailableError();
  }
  return undefined;
}
