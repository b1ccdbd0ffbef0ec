export const REDACTED = '[redacted]';

/** Keys whose values must never reach a log: passwords, tokens, secrets, credentials, auth headers. */
export const SECRET_KEY = /passw|passphrase|pwd|secret|token|authori[sz]ation|cookie|api[-_]?key|credential|private[-_]?key|jwt/i;

const MAX_DEPTH = 10;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` with the value of every key named like a secret replaced, at any depth
 * (GraphQL variables nest inputs). Only plain objects and arrays are walked; errors, dates and
 * other instances are left to their serializers.
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null ? REDACTED : redactSecrets(v, depth + 1);
  }
  return out as T;
}
