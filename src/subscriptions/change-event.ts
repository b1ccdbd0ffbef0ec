/** The LISTEN/NOTIFY channel the audit_entry trigger (see its migration) notifies on. */
export const CHANGE_CHANNEL = 'bookstore_change';

/** One committed mutation, as re-read from its (immutable) audit entry. */
export interface ChangeEvent {
  /** The audit entry's id. */
  id: number;
  at: Date;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
}

/** What the trigger sends: ids only (a NOTIFY payload is capped at 8 kB, and rows are re-read). */
export interface ChangeNotice {
  id: number;
  entity: string;
  entityId: string | null;
}

export function parseNotice(payload: string | undefined): ChangeNotice | undefined {
  try {
    const value = JSON.parse(payload ?? '') as Partial<ChangeNotice>;
    return typeof value.id === 'number' && typeof value.entity === 'string'
      ? { id: value.id, entity: value.entity, entityId: value.entityId ?? null }
      : undefined;
  } catch {
    return undefined;
  }
}
