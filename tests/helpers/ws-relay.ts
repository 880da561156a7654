// A WebSocket → TCP relay speaking what Neon's serverless driver expects of its proxy
// (`/v2?address=host:port`), so the real driver reaches a local PostgreSQL in tests.
import net from 'node:net';
import { WebSocketServer } from 'ws';

export async function startWsRelay(): Promise<{ port: number; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (ws, request) => {
    const address = new URL(request.url ?? '/', 'http://relay').searchParams.get('address') ?? '127.0.0.1:5432';
    const [host, port] = address.split(':');
    const tcp = net.connect(Number(port), host);
    ws.on('message', (data: Buffer) => tcp.write(data));
    tcp.on('data', (data) => ws.send(data));
    ws.on('close', () => tcp.end());
    tcp.on('close', () => ws.close());
    tcp.on('error', () => ws.close());
  });
  await new Promise<void>((resolve) => wss.on('listening', () => resolve()));
  const { port } = wss.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
