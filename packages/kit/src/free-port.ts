import { randomInt } from 'node:crypto';
import net from 'node:net';

/**
 * Where ports are picked: below the range the system hands out for outgoing
 * connections (Linux 32768-60999, macOS 49152-65535). A port picked there
 * (`listen(0)`) and released until its service starts could meanwhile become
 * the local end of any client socket on the machine: a fresh-clone test run
 * lost the demo's traffic process to EADDRINUSE that way, the suite's
 * hundreds of HTTP and database connections taking ports from the same range
 * (and a CI run later lost a test's orders subgraph, whose port a test helper
 * had picked with `listen(0)`: every such pick now comes from here).
 */
const FIRST_PORT = 20_000;
const LAST_PORT = 32_767;

/**
 * `count` distinct ports free right now on 127.0.0.1 (for services that must
 * know each other's ports before starting). All are held open until every
 * one is chosen, so the same port is never handed out twice; a port found
 * taken is passed over for another.
 */
export async function freePorts(count: number): Promise<number[]> {
  const held: net.Server[] = [];
  try {
    for (let tries = 0; held.length < count; tries += 1) {
      if (tries >= count + 1_000) throw new Error(`No ${count} free ports between ${FIRST_PORT} and ${LAST_PORT}.`);
      const server = await listening(randomInt(FIRST_PORT, LAST_PORT + 1));
      if (server) held.push(server);
    }
    return held.map((server) => (server.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** A server listening on `port`, or null when the port is taken. */
function listening(port: number): Promise<net.Server | null> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(null) : reject(error),
    );
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(server));
  });
}
