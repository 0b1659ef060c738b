/**
 * A local HTTP server on 127.0.0.1 that plays every hostile or awkward server
 * the fetcher must survive. Shared by the fetch and feed tests.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface TestServer {
  port: number;
  origin: string;
  /** Adds or replaces a route (exact path match, query ignored). */
  route(path: string, handler: Handler): void;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>();
  const counts = new Map<string, number>();
  const open = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const h = routes.get(path);
    if (h === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    h(req, res);
  });
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    route: (p, h) => routes.set(p, h),
    hits: (p) => counts.get(p) ?? 0,
    close: () =>
      new Promise<void>((r) => {
        for (const s of open) s.destroy();
        server.close(() => r());
      }),
  };
}

export const html = (body: string): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
};

/** Headers, then bytes forever (until the client goes away). */
export const endless: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk)) {
      /* keep writing until back-pressure */
    }
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
};

/** Never answers. */
export const silent: Handler = () => undefined;

/** A gzip bomb: `mib` MiB of zeros compressed to a few tens of kilobytes. */
export function gzipBomb(mib: number): Handler {
  const packed = zlib.gzipSync(Buffer.alloc(mib * 1024 * 1024, 0), { level: 9 });
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': String(packed.length) });
    res.end(packed);
  };
}

export const redirect = (location: string, status = 302): Handler => (_req, res) => {
  res.writeHead(status, { location }).end();
};
