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

/**
 * The entity manager and the loaders are made on first use: a compiled read needs neither. They
 * are getters of the class, not of the object: Apollo's executeOperation (the resolved root fields
 * of a mixed document) copies the context's own properties, which would call own getters and fork
 * an entity manager for every such request. A copy shares `made` with its original, so the
 * request still has one entity manager and one set of loaders.
 */
class RequestContext implements Context {
  user: AuthUser | null;
  auth: AuthKit;
  ip: string;
  private made: { em?: EntityManager; loaders?: Loaders } = {};

  constructor(
    readonly db: Database,
    readonly requestId: string,
    request: RequestAuth,
  ) {
    ({ user: this.user, auth: this.auth, ip: this.ip } = request);
  }

  get em(): EntityManager {
    return (this.made.em ??= this.db.fork());
  }

  get loaders(): Loaders {
    return (this.made.loaders ??= new Loaders(this.db));
  }
}

export function buildContext(db: Database, requestId: string, request: RequestAuth): Context {
  return new RequestContext(db, requestId, request);
}
