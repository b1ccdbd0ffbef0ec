import { mapDatabaseError } from '../../src/errors.js';

const pgError = (code: string, constraint?: string) => Object.assign(new Error('driver detail'), { code, constraint });
const codeOf = (err: unknown) => mapDatabaseError(err)?.extensions.code;

describe('mapDatabaseError', () => {
  it('maps PostgreSQL data exceptions (class 22) to BAD_USER_INPUT', () => {
    expect(mapDatabaseError(pgError('22003'))?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input', message: 'holds a value out of range or not storable' }],
    });
    expect(codeOf(pgError('22021'))).toBe('BAD_USER_INPUT');
  });

  it('maps connection failures and timeouts to SERVICE_UNAVAILABLE, but not a protocol violation', () => {
    for (const code of ['08006', '08001', '57P01', '57014', 'ECONNREFUSED', 'ECONNRESET'])
      expect([code, codeOf(pgError(code))]).toEqual([code, 'SERVICE_UNAVAILABLE']);
    expect(codeOf(pgError('08P01'))).toBeUndefined();
    for (const message of [
      'insert into "author" ... - Client has encountered a connection error and is not queryable',
      'Transaction query already complete, run with DEBUG=knex:tx for more info',
    ]) {
      expect(codeOf(new Error(message))).toBe('SERVICE_UNAVAILABLE');
    }
  });

  it('maps unique, foreign-key and check violations to CONFLICT', () => {
    expect(mapDatabaseError(pgError('23505', 'author_email_lower_unique'))?.extensions).toEqual({
      code: 'CONFLICT',
      fields: [{ path: 'input.email', message: 'is already taken' }],
    });
    expect(codeOf(pgError('23503'))).toBe('CONFLICT');
    expect(codeOf(pgError('23514'))).toBe('CONFLICT');
  });
});
