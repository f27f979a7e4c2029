/**
 * Slack's Socket Mode end on 127.0.0.1: the app opens a WebSocket to the URL apps.connections.open
 * gave it, gets `hello`, then receives envelopes and must acknowledge each by its envelope_id.
 */
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export class FakeSocketMode {
  private server: WebSocketServer | null = null;
  private socket: WebSocket | null = null;
  readonly acks: string[] = [];
  url = '';

  async start(): Promise<void> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.server?.once('listening', () => resolve()));
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link/?ticket=test`;
    this.server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string };
        if (message.envelope_id) this.acks.push(message.envelope_id);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0MENTOR01' } }));
    });
  }

  /** Waits until the app has connected. */
  async connected(timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.socket) {
      if (Date.now() > until) throw new Error('the app never opened its Socket Mode connection');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sends an Events API callback the way Socket Mode wraps it. */
  sendEvent(envelopeId: string, payload: Record<string, unknown>): void {
    this.socket?.send(JSON.stringify({ envelope_id: envelopeId, type: 'events_api', payload, accepts_response_payload: false, retry_attempt: 0, retry_reason: '' }));
  }

  async stop(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
