import { once } from 'node:events';
import { createConnection, createServer, Server, Socket } from 'node:net';

export type ProxyMode = 'pass' | 'drop' | 'refuse';

export interface TcpProxy {
  /** `127.0.0.1:<port>`, to give a client instead of the target's address. */
  address: string;
  port: number;
  /**
   * `pass`: forward both ways; `drop`: accept, then close each connection as soon as the client sends
   * anything (and close the open ones) — a broker that goes away mid-handshake; `refuse`: close the
   * listening socket, so connecting fails (ECONNREFUSED).
   */
  setMode(mode: ProxyMode): Promise<void>;
  /** Connections accepted so far (also those dropped). */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of `target` (`host:port`) that a test can break and mend, to see what a client does
 * when its connection to a broker or database fails at a chosen moment.
 */
export async function startTcpProxy(target: string, options: { mode?: ProxyMode } = {}): Promise<TcpProxy> {
  const [host, portText] = splitHostPort(target);
  let mode: ProxyMode = options.mode ?? 'pass';
  let accepted = 0;
  const open = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const onConnection = (client: Socket): void => {
    accepted += 1;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    if (mode === 'drop') {
      client.once('data', () => client.destroy());
      return;
    }
    const upstream = createConnection({ host, port: Number(portText) });
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = async (): Promise<void> => {
    server = createServer(onConnection);
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('tcp proxy: no address');
    port = address.port;
  };
  const closeServer = async (): Promise<void> => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    const closed = once(closing, 'close');
    closing.close();
    await closed;
  };
  const dropAll = (): void => {
    for (const socket of open) socket.destroy();
    open.clear();
  };

  if (mode !== 'refuse') await listen();
  else {
    await listen();
    await closeServer();
  }
  return {
    get address() {
      return `127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    async setMode(next) {
      mode = next;
      if (next !== 'pass') dropAll();
      if (next === 'refuse') await closeServer();
      else if (!server) await listen();
    },
    connections: () => accepted,
    async close() {
      dropAll();
      await closeServer();
    },
  };
}

function splitHostPort(target: string): [string, string] {
  const at = target.lastIndexOf(':');
  if (at <= 0) throw new Error(`tcp proxy: give host:port, not ${target}`);
  return [target.slice(0, at), target.slice(at + 1)];
}
