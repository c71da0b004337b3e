import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '@nexara/stack';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export const WEB_DIST = path.join(REPO_ROOT, 'web', 'dist');

/** What nginx adds to every answer (web/nginx.conf), so the browser tests run under the same policy. */
export const SECURITY_HEADERS = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'web', 'security-headers.json'), 'utf8'),
) as Record<string, string>;

function sendFile(response: http.ServerResponse, file: string): void {
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
  });
  fs.createReadStream(file).pipe(response);
}

/** The built dashboard: files from web/dist, any other path is the single-page app's index.html. */
function serveStatic(request: http.IncomingMessage, response: http.ServerResponse): void {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  const file = path.join(WEB_DIST, path.normalize(pathname));
  const inside = file.startsWith(WEB_DIST + path.sep);
  if (inside && fs.existsSync(file) && fs.statSync(file).isFile()) sendFile(response, file);
  else sendFile(response, path.join(WEB_DIST, 'index.html'));
}

function proxyHttp(gateway: URL, request: http.IncomingMessage, response: http.ServerResponse): void {
  const upstream = http.request(
    {
      host: gateway.hostname,
      port: gateway.port,
      path: request.url,
      method: request.method,
      headers: { ...request.headers, host: gateway.host },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => response.destroy());
  request.pipe(upstream);
}

/** WebSocket upgrades are passed through byte for byte (graphql-ws on /graphql). */
function proxyUpgrade(gateway: URL, request: http.IncomingMessage, socket: net.Socket, head: Buffer): void {
  const upstream = net.connect(Number(gateway.port), gateway.hostname, () => {
    const headers = Object.entries({ ...request.headers, host: gateway.host })
      .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value}`)
      .join('\r\n');
    upstream.write(`${request.method} ${request.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket).pipe(upstream);
  });
  const close = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on('error', close);
  socket.on('error', close);
}

/**
 * The dashboard as production serves it (nginx in docker-compose): the built
 * files with nginx's security headers, and /graphql (HTTP and WebSocket)
 * proxied to a gateway.
 */
export async function serveDashboard(gatewayUrl: string): Promise<{
  url: string;
  /** Cuts every open WebSocket, as a lost network would (new ones connect again). */
  dropLiveConnections: () => void;
  close: () => Promise<void>;
}> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error('web/dist is missing: build the dashboard first (npm run build)');
  }
  const gateway = new URL(gatewayUrl);
  const sockets = new Set<net.Socket>();
  const upgraded = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    if (request.url?.startsWith('/graphql')) proxyHttp(gateway, request, response);
    else serveStatic(request, response);
  });
  server.on('upgrade', (request: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    if (!request.url?.startsWith('/graphql')) return socket.destroy();
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    proxyUpgrade(gateway, request, socket, head);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dropLiveConnections: () => upgraded.forEach((socket) => socket.destroy()),
    close: () =>
      new Promise<void>((resolve) => {
        [...sockets, ...upgraded].forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
