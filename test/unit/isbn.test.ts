import { normalizeIsbn } from '../../src/validation/isbn.js';

describe('normalizeIsbn', () => {
  it.each([
    ['0-306-40615-2', '9780306406157'],
    ['0306406152', '9780306406157'],
    ['978-0-306-40615-7', '9780306406157'],
    ['9780306406157', '9780306406157'],
    ['0-8044-2957-X', '9780804429573'],
    ['080442957x', '9780804429573'],
    ['979-10-90636-07-1', '9791090636071'],
    [' 978 0 306 40615 7 ', '9780306406157'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normalizeIsbn(input)).toBe(expected);
  });

  it.each([
    ['0-306-40615-3', 'bad ISBN-10 checksum'],
    ['9780306406158', 'bad ISBN-13 checksum'],
    ['1234567890123', 'ISBN-13 without a 978/979 prefix'],
    ['X306406152', 'X not in last place'],
    ['030640615', 'too short'],
    ['97803064061577', 'too long'],
    ['abcdefghij', 'letters'],
    ['', 'empty'],
  ])('rejects %s (%s)', (input) => {
    expect(normalizeIsbn(input)).toBeNull();
  });
});
