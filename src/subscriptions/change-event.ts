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
