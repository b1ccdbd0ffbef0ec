import { LoginLimiter } from '../../src/auth/login-limiter.js';

describe('LoginLimiter', () => {
  let now = 0;
  const limiter = () => new LoginLimiter(3, 10, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('locks after 3 failures, doubles with each further failure, and forgets on success', () => {
    const l = limiter();
    l.fail('A@example.com', '1.2.3.4');
    l.fail('a@example.com ', '1.2.3.4');
    expect(l.retryAfter('a@example.com', '1.2.3.4')).toBe(0);
    l.fail('a@example.com', '1.2.3.4');
    expect(l.retryAfter('a@example.com', '1.2.3.4')).toBe(10);
    expect(l.retryAfter('a@example.com', '5.6.7.8')).toBe(0);
    expect(l.retryAfter('b@example.com', '1.2.3.4')).toBe(0);
    now += 10_000;
    expect(l.retryAfter('a@example.com', '1.2.3.4')).toBe(0);
    l.fail('a@example.com', '1.2.3.4');
    expect(l.retryAfter('a@example.com', '1.2.3.4')).toBe(20);
    l.succeed('a@example.com', '1.2.3.4');
    expect(l.retryAfter('a@example.com', '1.2.3.4')).toBe(0);
  });

  it('never locks for more than 15 minutes', () => {
    const l = limiter();
    for (let i = 0; i < 30; i++) l.fail('a@example.com', 'ip');
    expect(l.retryAfter('a@example.com', 'ip')).toBe(900);
  });
});
