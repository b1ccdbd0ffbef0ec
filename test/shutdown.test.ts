import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase } from './helpers/database.js';

/** The real entry point, as `docker stop` or Ctrl+C meets it. */
describe('the server process', () => {
  it('stops cleanly on SIGTERM in production mode, exit code 0', async () => {
    const database = await createTestDatabase();
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: path.resolve(__dirname, '..'),
        env: { PATH: process.env.PATH, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATABASE_URL: database.url, PORT: '0', MIGRATE_ON_START: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      for (let i = 0; i < 200 && !out.includes('GraphQL API ready'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out).toContain('GraphQL API ready');
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running after 5 s'), 5000).unref())]);
      if (code !== 0) child.kill('SIGKILL');
      const messages = out
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { msg: string }).msg);
      expect({ code, messages: messages.slice(-2) }).toEqual({ code: 0, messages: ['shutting down', 'stopped'] });
    } finally {
      await database.drop();
    }
  });
});
