import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry } from '../entities/AuditEntry.js';
import { User } from '../entities/User.js';

/** Who is making a change: the signed-in user, or null for the system itself (boot-time admin). */
export interface Actor {
  id: number;
}

export type Changes = Record<string, { from: unknown; to: unknown }>;
type Values = Record<string, unknown>;

export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string | number | null;
  changes: Changes | null;
}

/**
 * Adds an audit entry to the unit of work of `tx`, so it is written by the same transaction
 * as the change it records, and not at all when that transaction fails.
 */
export function recordAudit(tx: EntityManager, actor: Actor | null, record: AuditRecord): void {
  tx.create(AuditEntry, {
    actor: actor ? tx.getReference(User, actor.id) : null,
    action: record.action,
    entity: record.entity,
    entityId: record.entityId === null ? null : String(record.entityId),
    changes: record.changes,
  });
}

/** The fields of a new row that hold a value, each from null. */
export function created(values: Values): Changes {
  return diff({}, values);
}

/** The fields of a removed row that held a value, each to null. */
export function deleted(values: Values): Changes {
  return diff(values, Object.fromEntries(Object.keys(values).map((k) => [k, null])));
}

/** The fields whose value differs between two snapshots of a row. */
export function diff(before: Values, after: Values): Changes {
  const out: Changes = {};
  for (const key of Object.keys(after)) {
    const from = before[key] ?? null;
    const to = after[key] ?? null;
    if (from !== to) out[key] = { from, to };
  }
  return out;
}
