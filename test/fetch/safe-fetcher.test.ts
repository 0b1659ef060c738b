import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { fetchUrl, type FetchPolicy } from '../../src/fetch/safe-fetcher.js';
import { checkAddress } from '../../src/fetch/address-policy.js';
import { endless, gzipBomb, html, redirect, silent, startTestServer, type TestServer } from './test-server.js';

let srv: TestServer;
const PAGE = '<html><head><title>Hello</title></head><body><p>Border talks resume.</p></body></html>';
// The test server lives on loopback, so the normal test policy allows private addresses.
const open: FetchPolicy = { allowPrivate: true, timeoutMs: 3000, idleTimeoutMs: 1500 };
const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

beforeAll(async () => {
  srv = await startTestServer();
  srv.route('/page', html(PAGE));
  srv.route('/slow', silent);
  srv.route('/trickle', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write('.')), 100);
  });
  srv.route('/endless', endless);
  srv.route('/bomb', gzipBomb(64));
  srv.route('/gzip', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(zlib.gzipSync(PAGE));
  });
  srv.route('/br', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' }).end(zlib.brotliCompressSync(PAGE));
  });
  srv.route('/deflate-raw', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' }).end(zlib.deflateRawSync(PAGE));
  });
  srv.route('/loop', redirect('/loop'));
  srv.route('/hop1', redirect('/hop2', 301));
  srv.route('/hop2', redirect('/page', 307));
  srv.route('/to-localhost', (_req, res) => redirect(`http://localhost:${srv.port}/page`)(_req, res));
  srv.route('/to-metadata', redirect('http://169.254.169.254/latest/meta-data/'));
  srv.route('/to-mapped', (_req, res) => redirect(`http://[::ffff:127.0.0.1]:${srv.port}/page`)(_req, res));
  srv.route('/to-file', redirect('file:///etc/passwd'));
  srv.route('/image', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10)));
  srv.route('/error', (_req, res) => res.writeHead(500, { 'content-type': 'text/html' }).end('oops'));
  srv.route('/etag', (req, res) => {
    if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Mon, 01 Jan 2024 00:00:00 GMT') {
      res.writeHead(304, { etag: '"v1"' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' }).end(PAGE);
  });
  srv.route('/ua', (req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(req.headers['user-agent'] ?? ''));
});
afterAll(async () => srv.close());

describe('checkAddress', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1',
    '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:7f00:1::', 'ff02::1',
  ])('refuses %s', (a) => expect(checkAddress(a).ok).toBe(false));
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('accepts %s', (a) =>
    expect(checkAddress(a).ok).toBe(true),
  );
});

describe('fetchUrl', () => {
  it('fetches a page with its final URL, status, type and validators', async () => {
    const r = await fetchUrl(`${srv.origin}/page`, open);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.status).toBe(200);
    expect(r.value.contentType).toBe('text/html');
    expect(text(r.value.body)).toBe(PAGE);
    expect(r.value.url).toBe(`${srv.origin}/page`);
  });

  it('sends a User-Agent', async () => {
    const r = await fetchUrl(`${srv.origin}/ua`, { ...open, userAgent: 'TestBot/1' });
    expect(r.ok && text(r.value.body)).toBe('TestBot/1');
  });

  it.each(['/gzip', '/br', '/deflate-raw'])('decodes %s', async (p) => {
    const r = await fetchUrl(`${srv.origin}${p}`, open);
    expect(r.ok && text(r.value.body)).toBe(PAGE);
  });

  it('follows redirects and reports the final URL', async () => {
    const r = await fetchUrl(`${srv.origin}/hop1`, open);
    expect(r.ok && r.value.url).toBe(`${srv.origin}/page`);
  });

  it('stops a redirect loop', async () => {
    const r = await fetchUrl(`${srv.origin}/loop`, { ...open, maxRedirects: 4 });
    expect(r).toMatchObject({ ok: false, reason: 'fetch-too-many-redirects' });
  });

  it('refuses loopback when private addresses are not allowed', async () => {
    const r = await fetchUrl(`${srv.origin}/page`, { timeoutMs: 3000 });
    expect(r).toMatchObject({ ok: false, reason: 'fetch-forbidden-address' });
    expect(srv.hits('/page')).toBeGreaterThan(0); // earlier tests hit it; this one must not have connected
  });

  it('refuses a host name that resolves to a private address (checked after resolution)', async () => {
    const before = srv.hits('/page');
    const r = await fetchUrl(`http://news.example:${srv.port}/page`, {
      resolver: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    expect(r).toMatchObject({ ok: false, reason: 'fetch-forbidden-address' });
    expect(srv.hits('/page')).toBe(before);
  });

  it('refuses a name when any of its addresses is private', async () => {
    const r = await fetchUrl(`http://mixed.example:${srv.port}/page`, {
      resolver: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
    });
    expect(r).toMatchObject({ ok: false, reason: 'fetch-forbidden-address' });
  });

  it('connects to the resolved address it checked (no second DNS lookup)', async () => {
    // `pinned.invalid` does not exist in real DNS: success proves the socket used our resolver's answer.
    const r = await fetchUrl(`http://pinned.invalid:${srv.port}/page`, {
      allowHosts: [`pinned.invalid:${srv.port}`],
      resolver: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    expect(r.ok && text(r.value.body)).toBe(PAGE);
  });

  describe('redirects to forbidden addresses (only the test server is allow-listed)', () => {
    const strict = (): FetchPolicy => ({ allowHosts: [`127.0.0.1:${srv.port}`], timeoutMs: 3000 });
    it('allow-listed origin itself is reachable', async () => {
      expect((await fetchUrl(`${srv.origin}/page`, strict())).ok).toBe(true);
    });
    it.each(['/to-localhost', '/to-metadata', '/to-mapped'])('%s is refused', async (p) => {
      const r = await fetchUrl(`${srv.origin}${p}`, strict());
      expect(r).toMatchObject({ ok: false, reason: 'fetch-forbidden-address' });
    });
    it('a redirect to file:// is refused', async () => {
      const r = await fetchUrl(`${srv.origin}/to-file`, strict());
      expect(r).toMatchObject({ ok: false, reason: 'fetch-bad-url' });
    });
  });

  it('refuses non-http schemes and junk', async () => {
    expect(await fetchUrl('ftp://example.com/x', open)).toMatchObject({ ok: false, reason: 'fetch-bad-url' });
    expect(await fetchUrl('not a url', open)).toMatchObject({ ok: false, reason: 'fetch-bad-url' });
  });

  it('times out a server that never answers', async () => {
    const t0 = performance.now();
    const r = await fetchUrl(`${srv.origin}/slow`, { ...open, timeoutMs: 5000, idleTimeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, reason: 'fetch-timeout' });
    expect(performance.now() - t0).toBeLessThan(4000);
  });

  it('enforces the total time limit on a body that trickles forever', async () => {
    const r = await fetchUrl(`${srv.origin}/trickle`, { ...open, timeoutMs: 700, idleTimeoutMs: 500 });
    expect(r).toMatchObject({ ok: false, reason: 'fetch-timeout' });
  });

  it('cuts off an endless body at the size limit', async () => {
    const r = await fetchUrl(`${srv.origin}/endless`, { ...open, maxBytes: 2 * 1024 * 1024 });
    expect(r).toMatchObject({ ok: false, reason: 'fetch-too-large' });
  });

  it('stops a gzip bomb', async () => {
    const r = await fetchUrl(`${srv.origin}/bomb`, open);
    expect(r).toMatchObject({ ok: false, reason: 'fetch-decompression-bomb' });
  });

  it('stops a gzip bomb by decoded size even with a permissive ratio', async () => {
    const r = await fetchUrl(`${srv.origin}/bomb`, { ...open, maxRatio: 1e9, maxDecodedBytes: 8 * 1024 * 1024 });
    expect(r).toMatchObject({ ok: false, reason: 'fetch-decompression-bomb' });
  });

  it('refuses a content type outside the allow-list', async () => {
    expect(await fetchUrl(`${srv.origin}/image`, open)).toMatchObject({ ok: false, reason: 'fetch-bad-content-type' });
  });

  it('reports an error status', async () => {
    expect(await fetchUrl(`${srv.origin}/error`, open)).toMatchObject({ ok: false, reason: 'fetch-bad-status', detail: 'HTTP 500' });
  });

  it('does a conditional GET: validators out, 304 in', async () => {
    const first = await fetchUrl(`${srv.origin}/etag`, open);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.etag).toBe('"v1"');
    const second = await fetchUrl(`${srv.origin}/etag`, { ...open, etag: first.value.etag });
    expect(second.ok && second.value.status).toBe(304);
    expect(second.ok && second.value.notModified).toBe(true);
    const third = await fetchUrl(`${srv.origin}/etag`, { ...open, lastModified: first.value.lastModified });
    expect(third.ok && third.value.notModified).toBe(true);
  });
});
