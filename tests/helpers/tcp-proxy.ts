// A TCP proxy a test can cut and restore while a server runs through it: `refuse` resets every
// connection (the dependency is gone), `blackhole` accepts and never answers (the network is
// silent), `pass` forwards again. Cutting also drops the connections already open.
import net from 'node:net';

export type ProxyMode = 'pass' | 'refuse' | 'blackhole';

export interface TcpProxy {
  port: number;
  /** The target URL with its host and port replaced by the proxy's. */
  url(target: string): string;
  set(mode: ProxyMode): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  const open = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (mode === 'refuse') return void client.resetAndDestroy();
    if (mode === 'blackhole') return void client.resume(); // read and drop, never answer
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url(targetUrl) {
      const u = new URL(targetUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    set(next) {
      const leaving = mode;
      mode = next;
      // Connections stalled by a blackhole do not come back to life: they are reset on restore.
      if (next === 'pass') {
        if (leaving === 'blackhole') for (const socket of open) socket.destroy();
        return;
      }
      for (const socket of open) {
        if (next === 'refuse') socket.resetAndDestroy();
        else {
          // Silent network: keep the sockets, stop every byte in both directions.
          socket.unpipe();
          socket.removeAllListeners('data');
          socket.pause();
        }
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
