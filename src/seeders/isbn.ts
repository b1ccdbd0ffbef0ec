/** A valid ISBN-13 (prefix 978) made from a number below 10^9: the nine digits, then the check digit. */
export function isbn13FromSeed(seed: number): string {
  const first12 = `978${String(seed).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return first12 + String((10 - (sum % 10)) % 10);
}

/** The same check digit computed in SQL for a 12-digit text expression, for set-based inserts. */
export function isbn13Sql(first12: string): string {
  return `${first12} || ((10 - (SELECT sum(substr(${first12}, k, 1)::int * (2 * ((k + 1) % 2) + 1)) FROM generate_series(1, 12) k) % 10) % 10)::text`;
}
