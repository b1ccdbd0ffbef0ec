import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthKit } from './auth/auth-kit.js';
import type { Database } from './db/database.js';
import type { AuthUser } from './auth/auth-user.js';
import { Loaders } from './loaders/index.js';

/** Everything a resolver may use for one request, built in one place. */
export interface Context {
  requestId: string;
  db: Database;
  em: EntityManager;
  loaders: Loaders;
  user: AuthUser | null;
  auth: AuthKit;
  /** The client's address, for the failed-login limiter. */
  ip: string;
}

export interface RequestAuth {
  user: AuthUser | null;
  auth: AuthKit;
  ip: string;
}

/** The entity manager and the loaders are made on first use: a compiled read needs neither. */
export function buildContext(db: Database, requestId: string, request: RequestAuth): Context {
  let em: EntityManager | undefined;
  let loaders: Loaders | undefined;
  return {
    requestId,
    db,
    ...request,
    get em() {
      return (em ??= db.fork());
    },
    get loaders() {
      return (loaders ??= new Loaders(db));
    },
  };
}
