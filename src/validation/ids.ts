import { BadUserInputError } from '../errors.js';

/** Parses a GraphQL ID into our integer key; anything else is BAD_USER_INPUT at `path`. */
export function parseId(value: string | number, path = 'id'): number {
  const text = String(value).trim();
  if (/^\d{1,10}$/.test(text)) {
    const id = Number(text);
    if (id >= 1 && id <= 2147483647) return id;
  }
  throw new BadUserInputError([{ path, message: 'is not a valid id' }]);
}
