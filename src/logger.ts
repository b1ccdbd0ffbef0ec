import pino, { type DestinationStream, type Logger } from 'pino';

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

/** JSON lines on stdout (pretty on a development terminal), or on `destination` when given (tests). */
export function createLogger(level: string, production: boolean, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: redact, censor: '[redacted]' } };
  if (destination) return pino(options, destination);
  const pretty = !production && process.stdout.isTTY;
  return pino({ ...options, ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}) });
}
