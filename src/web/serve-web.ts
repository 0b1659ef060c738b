/**
 * Runs the web app as an HTTP server (the edge: sockets). `storyline serve`
 * calls this; tests and the benchmark use it too. Binds 127.0.0.1 unless told
 * otherwise; port 0 picks a free port.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { StoreReader } from '../store/store-port.js';
import { createWebApp, type WebAppOptions } from './web-app.js';

export interface ServeOptions extends WebAppOptions {
  port?: number;
  hostname?: string;
}

export interface RunningWebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function serveWebApp(store: StoreReader, opts: ServeOptions = {}): Promise<RunningWebServer> {
  const hostname = opts.hostname ?? '127.0.0.1';
  const app = createWebApp(store, opts);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
