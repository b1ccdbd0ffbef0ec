import { createHmac } from 'node:crypto';
import { raw, type Draft } from './helpers.js';

// Tokens an attacker could make without the server's secret. Fixed times and a fixed foreign
// secret, so the same bytes come out on every run.
const FOREIGN_SECRET = 'not-the-server-secret-not-the-server-secret';
const IAT = 1795319965;
const FAR = 2426039965;
const CLAIMS = { sub: '1', email: 'admin@example.com', role: 'ADMIN', iss: 'bookstore-api', aud: 'bookstore-api', iat: IAT, exp: FAR };

const b64 = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const header = (alg: string) => b64({ alg, typ: 'JWT' });
const sign = (input: string, hash: 'sha256' | 'sha512' = 'sha256') => createHmac(hash, FOREIGN_SECRET).update(input).digest('base64url');
const jwt = (alg: string, claims: object, hash?: 'sha256' | 'sha512') => {
  const input = `${header(alg)}.${b64(claims)}`;
  return `${input}.${sign(input, hash)}`;
};

const MUTATION = JSON.stringify({ query: 'mutation { createAuthor(input: { name: "Forged", email: "forged@example.com" }) { id } }' });
const QUERY = JSON.stringify({ query: '{ authors { totalCount } }' });
const REFUSED = { status: [401], code: ['UNAUTHENTICATED'] };

function forged(): [string, string][] {
  const editorSigned = jwt('HS256', { ...CLAIMS, sub: '2', role: 'EDITOR' });
  const [h, , s] = editorSigned.split('.');
  return [
    ['alg none, no signature', `${header('none')}.${b64({ ...CLAIMS })}.`],
    ['alg none with a signature', `${header('none')}.${b64(CLAIMS)}.${sign(`${header('HS256')}.${b64(CLAIMS)}`)}`],
    ['HS256 signed with another secret', jwt('HS256', CLAIMS)],
    ['HS512 signed with another secret', jwt('HS512', CLAIMS, 'sha512')],
    ['payload swapped to EDITOR->ADMIN after signing', `${h}.${b64({ ...CLAIMS, sub: '2' })}.${s}`],
    ['expired in 2001', jwt('HS256', { ...CLAIMS, exp: 1000000000 })],
    ['RS256 header with an HMAC signature', jwt('RS256', CLAIMS)],
    ['two segments only', `${header('HS256')}.${b64(CLAIMS)}`],
    ['garbage', 'not.a.token'],
    ['10k characters', 'a'.repeat(10000)],
    ['unknown role claim', jwt('HS256', { ...CLAIMS, role: 'ROOT' })],
    ['header is not JSON', `${b64('{{{')}.${b64(CLAIMS)}.${sign(`${header('HS256')}.${b64(CLAIMS)}`)}`],
  ];
}

/** Forged, malformed and missing Authorization headers: 401 for any header that is not a valid token. */
export function forgedTokens(): Draft[] {
  const token = jwt('HS256', CLAIMS);
  return [
    ...forged().flatMap(([name, value]): Draft[] => [
      raw(`mutation with a forged token: ${name}`, MUTATION, { headers: { authorization: `Bearer ${value}` } }, REFUSED),
      raw(`query with a forged token: ${name}`, QUERY, { headers: { authorization: `Bearer ${value}` } }, REFUSED),
    ]),
    raw('mutation with authorization: Basic scheme', MUTATION, { headers: { authorization: 'Basic YWRtaW46cGFzc3dvcmQ=' } }, REFUSED),
    raw('mutation with authorization: Bearer with no token', MUTATION, { headers: { authorization: 'Bearer ' } }, REFUSED),
    raw('mutation with authorization: token without scheme', MUTATION, { headers: { authorization: token } }, REFUSED),
    raw('mutation with authorization: two bearer tokens', MUTATION, { headers: { authorization: `Bearer ${token} Bearer ${token}` } }, REFUSED),
    raw('mutation with no authorization header', MUTATION, {}, { status: [200], code: ['UNAUTHENTICATED'] }),
  ];
}
