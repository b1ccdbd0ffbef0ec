import { Cooldown } from '../../src/concurrency/cooldown.js';

describe('Cooldown (refusal cooldown store)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('a noted key cools down for ms after its latest note, then not at all', () => {
    const cooldown = new Cooldown(1000);
    expect(cooldown.left('a')).toBe(0);
    cooldown.note('a');
    jest.advanceTimersByTime(600);
    expect(cooldown.left('a')).toBe(400);
    cooldown.note('a');
    jest.advanceTimersByTime(600);
    expect(cooldown.left('a')).toBe(400);
    jest.advanceTimersByTime(400);
    expect(cooldown.left('a')).toBe(0);
  });

  it('holds at most maxKeys: the key noted longest ago is forgotten first', () => {
    const cooldown = new Cooldown(1000, 2);
    cooldown.note('a');
    cooldown.note('b');
    cooldown.note('a'); // a is now the latest
    cooldown.note('c');
    expect(['a', 'b', 'c'].map((k) => cooldown.left(k))).toEqual([1000, 0, 1000]);
  });
});
