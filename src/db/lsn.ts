import type { IncomingMessage } from 'node:http';

/**
 * PostgreSQL write-ahead-log positions (`16/B374D848`) carried by clients for read-your-writes
 * across requests: a mutation's response names the primary's position after it committed
 * (header `x-commit-lsn`, and a cookie browsers send back on their own); a later request that
 * carries it reads from a replica only once that replica has replayed that far.
 */
export const LSN_HEADER = 'x-commit-lsn';
export const LSN_COOKIE = 'commit_lsn';
// Replicas replay within milliseconds; after this the cookie is no longer worth sending.
const COOKIE_SECONDS = 60;
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

/** The position as one comparable number, or undefined for anything else. */
export function parseLsn(text: string | null | undefined): bigint | undefined {
  if (!text || !LSN.test(text)) return undefined;
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** The newest position a request carries (header or cookie), or undefined. */
export function requestLsn(req: IncomingMessage): bigint | undefined {
  const header = req.headers[LSN_HEADER];
  const cookie = /(?:^|;\s*)commit_lsn=([0-9A-Fa-f/]+)/.exec(req.headers.cookie ?? '')?.[1];
  const found = [parseLsn(typeof header === 'string' ? header : undefined), parseLsn(cookie)].filter((l) => l !== undefined);
  return found.length ? found.reduce((a, b) => (a > b ? a : b)) : undefined;
}

/** The `Set-Cookie` value that makes a browser carry `lsn` on its next requests. */
export function lsnCookie(lsn: string): string {
  return `${LSN_COOKIE}=${lsn}; Path=/; Max-Age=${COOKIE_SECONDS}; HttpOnly; SameSite=Lax`;
}
