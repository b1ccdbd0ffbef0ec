import pino, { type Logger } from 'pino';

export type { Logger };

const redact = [
  'password',
  '*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'variables.password',
  'variables.*.password',
];

export function createLogger(level: string, production: boolean): Logger {
  const pretty = !production && process.stdout.isTTY;
  return pino({
    level,
    redact: { paths: redact, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  });
}
