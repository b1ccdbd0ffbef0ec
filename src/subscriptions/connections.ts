import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { randomUUID } from 'node:crypto';
import type { SubscriptionLimits } from '../config.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { Logger } from '../logger.js';
import type { SubscriptionLimit } from './limit-error.js';
import type { SubscriptionMetrics } from './metrics.js';

export interface Connection {
  id: string;
  ip: string;
  socket: WebSocket;
  /** The TCP socket under `socket`, to batch its writes. */
  transport: Socket;
  /** Writes are being held until the current turn of the event loop ends. */
  batching: boolean;
  user: AuthUser | null;
  opened: number;
  /** Subscriptions open now, and ever started on this connection. */
  active: number;
  started: number;
  events: number;
}

interface PerIp {
  connections: number;
  subscriptions: number;
}

/** Open WebSocket connections: per-IP and per-connection counts, metrics, one log line each. */
export class Connections {
  private readonly bySocket = new Map<WebSocket, Connection>();
  private readonly perIp = new Map<string, PerIp>();
  private readonly gone = new Set<() => void>();

  constructor(
    private readonly limits: SubscriptionLimits,
    private readonly metrics: SubscriptionMetrics,
    private readonly logger: Logger,
  ) {}

  private ip(ip: string): PerIp {
    let counts = this.perIp.get(ip);
    if (!counts) this.perIp.set(ip, (counts = { connections: 0, subscriptions: 0 }));
    return counts;
  }

  admits(ip: string): boolean {
    return (this.perIp.get(ip)?.connections ?? 0) < this.limits.maxConnectionsPerIp;
  }

  opened(socket: WebSocket, transport: Socket, ip: string): void {
    const connection: Connection = {
      id: randomUUID(),
      ip,
      socket,
      transport,
      batching: false,
      user: null,
      opened: Date.now(),
      active: 0,
      started: 0,
      events: 0,
    };
    this.bySocket.set(socket, connection);
    this.ip(ip).connections++;
    this.metrics.connections.inc();
    socket.once('close', (code: number, reason: Buffer) => {
      this.bySocket.delete(socket);
      const counts = this.ip(ip);
      if (--counts.connections === 0 && counts.subscriptions === 0) this.perIp.delete(ip);
      this.metrics.connections.dec();
      this.logger.info(
        {
          connectionId: connection.id,
          ip,
          userId: connection.user?.id,
          role: connection.user?.role,
          durationMs: Date.now() - connection.opened,
          subscriptions: connection.started,
          events: connection.events,
          code,
          reason: reason.toString() || undefined,
        },
        'websocket connection',
      );
      if (this.bySocket.size === 0) for (const wake of this.gone) wake();
    });
  }

  of(socket: WebSocket): Connection {
    const connection = this.bySocket.get(socket);
    if (!connection) throw new Error('message on a WebSocket that is not open');
    return connection;
  }

  /**
   * Holds the connection's writes until this turn of the event loop ends: an event reaches every
   * subscription on a socket in the same turn, and their frames then leave in one write instead of
   * one system call each (per-frame writes were the server's largest cost in the subscription load test).
   */
  batch(connection: Connection): void {
    if (connection.batching) return;
    connection.batching = true;
    connection.transport.cork();
    setImmediate(() => {
      connection.batching = false;
      connection.transport.uncork();
    });
  }

  /** The limit one more subscription on `connection` would break, if any. */
  limitFor(connection: Connection): SubscriptionLimit | undefined {
    if (connection.active >= this.limits.maxPerConnection) return 'per_connection';
    if (this.ip(connection.ip).subscriptions >= this.limits.maxPerIp) return 'per_ip';
    return undefined;
  }

  joined(connection: Connection): void {
    connection.active++;
    connection.started++;
    this.ip(connection.ip).subscriptions++;
    this.metrics.subscriptions.inc();
  }

  left(connection: Connection): void {
    connection.active--;
    const counts = this.ip(connection.ip);
    if (--counts.subscriptions === 0 && counts.connections === 0) this.perIp.delete(connection.ip);
    this.metrics.subscriptions.dec();
  }

  /** Resolves once every socket has closed; those still open after `timeoutMs` are terminated. */
  async closed(timeoutMs: number): Promise<void> {
    if (this.bySocket.size === 0) return;
    let wake!: () => void;
    const done = new Promise<void>((resolve) => this.gone.add((wake = resolve)));
    const timer = setTimeout(() => {
      for (const socket of this.bySocket.keys()) socket.terminate();
    }, timeoutMs);
    await done;
    clearTimeout(timer);
    this.gone.delete(wake);
  }
}
