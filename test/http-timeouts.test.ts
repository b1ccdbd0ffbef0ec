import { connect } from 'node:net';
import { startTestApp, type TestApp } from './helpers/app.js';

// HTTP_HEADERS_TIMEOUT_MS / HTTP_REQUEST_TIMEOUT_MS: a client trickling its request one byte per
// second no longer holds a connection (and its server resources) indefinitely.
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ HTTP_HEADERS_TIMEOUT_MS: '1500', HTTP_REQUEST_TIMEOUT_MS: '3000' });
});
afterAll(() => app.close());

/** Sends `text` one byte per second; resolves to what the server wrote and how many bytes went out before it closed. */
function trickle(text: string): Promise<{ sent: number; answer: string }> {
  const { hostname, port } = new URL(app.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let sent = 0;
    let answer = '';
    const timer = setInterval(() => {
      if (sent < text.length && !socket.destroyed) socket.write(text[sent++]);
    }, 1000);
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ sent, answer });
    });
  });
}

describe('slow clients are cut off', () => {
  it('headers one byte per second: 408 and the connection closed long before they end', async () => {
    const request = `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n{"query":"{ me { id } }"}`;
    const { sent, answer } = await trickle(request);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(sent).toBeLessThan(20); // of 113 bytes
  });

  it('a body one byte per second (headers on time): cut off by the request timeout', async () => {
    const { hostname, port } = new URL(app.url);
    const socket = connect(Number(port), hostname);
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n');
    let sent = 0;
    let answer = '';
    const timer = setInterval(() => !socket.destroyed && (sent++, socket.write('{')), 1000);
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.on('close', resolve));
    clearInterval(timer);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(sent).toBeLessThan(30); // of 200 bytes
  });

  it('a request on time still runs', async () => {
    expect((await app.gql('{ authors { totalCount } }')).body).toEqual({ data: { authors: { totalCount: 0 } } });
  });
});
