import type pg from 'pg';
import { mapDatabaseError, ServiceUnavailableError } from '../errors.js';

// How a failed statement or acquisition leaves the database layer: as an Error the one mapper
// (src/errors.ts) can read, and with a broken connection kept from the next request.

/**
 * Connection failures can reject with values that are not `instanceof Error` here (plain objects,
 * or Node's socket errors seen from another realm such as jest's); graphql-js would replace those
 * with "Unexpected error value" and hide their `code` from mapDatabaseError. Keep the code, make an Error.
 */
export function asError(err: unknown): never {
  if (err instanceof Error) throw err;
  throw Object.assign(new Error('database connection failed'), err);
}

/**
 * A statement's rejection, handled like a failed acquisition: a connection reset or terminated
 * mid-statement (ECONNRESET, EPIPE, ...) is SERVICE_UNAVAILABLE as the one mapper (src/errors.ts)
 * names it, whatever realm or shape the driver's error has; anything else stays as it is (as an Error).
 */
function asStatementError(err: unknown): never {
  const mapped = mapDatabaseError(err);
  if (mapped instanceof ServiceUnavailableError) throw mapped;
  asError(err);
}

/**
 * A statement that failed for a connection-level reason (terminated backend, reset socket) leaves
 * its connection unusable, and the driver may not have said so yet when the connection goes back
 * to the pool: marked here the way knex marks a connection that emitted 'error', so the pool drops
 * it instead of handing it to the next request.
 */
export function retire(conn: pg.Client, err: unknown): never {
  if (mapDatabaseError(err) instanceof ServiceUnavailableError) (conn as pg.Client & { __knex__disposed?: unknown }).__knex__disposed ??= err;
  asStatementError(err);
}
