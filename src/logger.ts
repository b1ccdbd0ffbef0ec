import pino, { type DestinationStream, type Logger } from 'pino';
import { redactSecrets } from './observability/redact.js';

export type { Logger };

/**
 * JSON lines on stdout (or `destination`), with every secret-named key redacted at any depth;
 * pretty output only for a person at a terminal in development.
 */
export function createLogger(level: string, production: boolean, destination?: DestinationStream): Logger {
  const pretty = !destination && !production && process.stdout.isTTY;
  const options: pino.LoggerOptions = {
    level,
    formatters: { log: (object) => redactSecrets(object) },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  };
  if (destination) return pino(options, destination);
  if (pretty) return pino(options);
  // Asynchronous writes, batched up to 4 KB (or 100 ms), keep logging off the request path; pino flushes at exit.
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => stream.flush(), 100).unref();
  return pino(options, stream);
}
