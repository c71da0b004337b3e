import net from 'node:net';
import { freePorts } from './free-port';

describe('freePorts', () => {
  it('hands out distinct ports below the range outgoing connections take, each free to listen on', async () => {
    const ports = await freePorts(20);

    expect(new Set(ports).size).toBe(20);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_768);
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
