import { isbn13CheckDigit } from '../validation/isbn.js';

/** A valid ISBN-13 (prefix 978) made from a number below 10^9: the nine digits, then the check digit. */
export function isbn13FromSeed(seed: number): string {
  const first12 = `978${String(seed).padStart(9, '0')}`;
  return first12 + isbn13CheckDigit(first12);
}

/** The same check digit computed in SQL for a 12-digit text expression, for set-based inserts. */
export function isbn13Sql(first12: string): string {
  return `${first12} || ((10 - (SELECT sum(substr(${first12}, k, 1)::int * (2 * ((k + 1) % 2) + 1)) FROM generate_series(1, 12) k) % 10) % 10)::text`;
}
