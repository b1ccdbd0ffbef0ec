/** Validates an ISBN-10 or ISBN-13 (hyphens and spaces allowed) and returns it as ISBN-13 digits, or null when invalid. */
export function normalizeIsbn(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(compact)) {
    if (!isbn10ChecksumOk(compact)) return null;
    const body = `978${compact.slice(0, 9)}`;
    return body + isbn13CheckDigit(body);
  }
  if (/^\d{13}$/.test(compact)) {
    if (!compact.startsWith('978') && !compact.startsWith('979')) return null;
    return isbn13CheckDigit(compact.slice(0, 12)) === compact[12] ? compact : null;
  }
  return null;
}

function isbn10ChecksumOk(isbn: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (isbn[i] === 'X' ? 10 : Number(isbn[i])) * (10 - i);
  return isbn.indexOf('X') === -1 || isbn.indexOf('X') === 9 ? sum % 11 === 0 : false;
}

/** The ISBN-13 check digit of its first twelve digits. */
export function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}
