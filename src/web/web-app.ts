/**
 * The web app: server-rendered HTML views, the JSON API and static assets,
 * with security headers on every response. `storyline serve` wraps the
 * returned Hono app with `@hono/node-server` on 127.0.0.1.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { describeReason } from '../model/reasons.js';
import type { StoreReader } from '../store/store-port.js';
import { apiError, createApiRoutes } from './api-routes.js';
import { createCurationRoutes, CURATION_PATH, isEntityCuration, type EntityCuration } from './curation-routes.js';
import { createHtmlRoutes, errorPage } from './html-routes.js';
import { loadWorldShapes, type WorldShapes } from './svg/world-map-svg.js';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export interface WebAppOptions {
  /** The clock (footer time, "3 days ago"); defaults to the system clock. */
  now?: () => Date;
  /** Where app.css / app.js live; defaults to `src/web/assets` found from this module. */
  assetsDir?: string;
  /**
   * Host names accepted in the Host header (DNS-rebinding guard for a server on
   * 127.0.0.1). Defaults to localhost, 127.0.0.1 and [::1]; `'any'` turns the check off
   * (a team deployment behind a proxy).
   */
  allowedHosts?: readonly string[] | 'any';
  /** Called with unexpected errors (the response only says "internal error"). */
  onError?: (error: unknown) => void;
  /**
   * Where hand-made entity merges and splits go (POST /api/entities/:id/merge|split).
   * Defaults to the store itself when it can write them (a full `Store`); `false`
   * keeps the API read-only.
   */
  curation?: EntityCuration | false;
}

interface Asset {
  body: string;
  type: string;
  hash: string;
}

const ASSET_TYPES: Record<string, string> = { 'app.css': 'text/css; charset=utf-8', 'app.js': 'text/javascript; charset=utf-8' };

/** The assets sit beside this module in src/, and three levels up from dist/src/web in a build. */
export function findAssetsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'assets'), path.resolve(here, '../../../src/web/assets')];
  const found = candidates.find((d) => existsSync(path.join(d, 'app.css')));
  if (!found) throw new Error(`web assets not found; looked in ${candidates.join(', ')}`);
  return found;
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const [name, type] of Object.entries(ASSET_TYPES)) {
    const body = readFileSync(path.join(dir, name), 'utf8');
    assets.set(name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) });
  }
  return assets;
}

const DEFAULT_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

function hostAllowed(hostHeader: string | undefined, allowed: readonly string[] | 'any'): boolean {
  if (allowed === 'any') return true;
  if (!hostHeader) return true; // HTTP/1.0 clients and in-process requests carry none
  const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : (hostHeader.split(':')[0] ?? '');
  return allowed.includes(name.toLowerCase());
}

export function createWebApp(store: StoreReader, opts: WebAppOptions = {}): Hono {
  const now = opts.now ?? (() => new Date());
  const assets = loadAssets(opts.assetsDir ?? findAssetsDir());
  const allowedHosts = opts.allowedHosts ?? DEFAULT_HOSTS;
  const curation = opts.curation === false ? null : (opts.curation ?? (isEntityCuration(store) ? store : null));
  const href = (name: string): string => `/assets/${name}?v=${assets.get(name)?.hash ?? '0'}`;
  // The world outlines are parsed on the first page with a map and kept by this app.
  let shapes: WorldShapes | null = null;
  const getShapes = (): WorldShapes => (shapes ??= loadWorldShapes());
  const deps = { store, now, cssHref: href('app.css'), jsHref: href('app.js'), shapes: getShapes };

  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
  });

  app.use('*', async (c, next) => {
    const isApi = c.req.path.startsWith('/api/') || c.req.path === '/api';
    if (!hostAllowed(c.req.header('host'), allowedHosts)) {
      return isApi ? apiError(c, 'bad-request', 'unexpected Host header') : c.html(errorPage(deps, 400, 'Unexpected Host header.'), 400);
    }
    const writable = curation !== null && CURATION_PATH.test(c.req.path);
    if (writable ? c.req.method !== 'POST' : c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      c.header('Allow', writable ? 'POST' : 'GET, HEAD');
      const message = writable ? 'this endpoint takes POST with a JSON body' : 'this API is read-only here: use GET';
      return isApi ? c.json({ error: { code: 'bad-request', message } }, 405) : c.text('Method not allowed', 405);
    }
    await next();
  });

  app.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.text('not found', 404);
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', c.req.query('v') === asset.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(asset.body);
  });

  if (curation !== null) app.route('/api/entities', createCurationRoutes(store, curation, allowedHosts));
  app.route('/api', createApiRoutes(store));
  app.route('/', createHtmlRoutes(deps));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api')) return apiError(c, 'not-found', 'no such API endpoint');
    return c.html(errorPage(deps, 404, 'There is no page at this address.'), 404);
  });

  app.onError((err, c) => {
    opts.onError?.(err);
    if (c.req.path.startsWith('/api')) return apiError(c, 'internal-error');
    return c.html(errorPage(deps, 500, describeReason('internal-error')), 500);
  });

  return app;
}
