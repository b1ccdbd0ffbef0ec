/** Copies the fields of `input` that were given (not undefined) onto `target`; returns their names. */
export function applyPatch<T extends object>(target: T, input: Partial<T>): (keyof T)[] {
  const changed: (keyof T)[] = [];
  for (const key of Object.keys(input) as (keyof T)[]) {
    if (input[key] === undefined) continue;
    target[key] = input[key] as T[keyof T];
    changed.push(key);
  }
  return changed;
}

export function isForeignKeyViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string } | undefined;
  return e?.code === '23503' && (constraint === undefined || e.constraint === constraint);
}
