/**
 * The only writes the HTTP API accepts: a reader merging two entities or
 * splitting an alias off one, by hand. The store records each decision as an
 * override that the ingest service replays, so it survives re-ingestion.
 *
 *   POST /api/entities/:id/merge  {"other": "<entity id>", "note"?: "…"}   merges `other` into `:id`
 *   POST /api/entities/:id/split  {"alias": "<a name of :id>", "note"?: "…"} moves that name to a new entity
 *
 * Cross-site requests are refused before anything else: the body must be
 * `application/json` (a plain HTML form cannot send it, and a cross-origin
 * script must pass a CORS preflight this server never grants), `Sec-Fetch-Site`
 * when present must be `same-origin` or `none`, and `Origin` when present must
 * be this server's own origin on an allowed host name.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { EntityDetail, Store, StoreReader } from '../store/store-port.js';

/** What the write endpoints need from the store. */
export type EntityCuration = Pick<Store, 'mergeEntities' | 'splitEntity'>;

export function isEntityCuration(store: unknown): store is EntityCuration {
  const s = store as Partial<EntityCuration> | null;
  return typeof s?.mergeEntities === 'function' && typeof s?.splitEntity === 'function';
}

/** Error codes of the write endpoints (`{error: {code, message}}`), with their HTTP statuses. */
export const CURATION_ERRORS = {
  'cross-origin': 403,
  'unsupported-media-type': 415,
  'too-large': 413,
  'invalid-json': 400,
  'bad-request': 400,
  'not-found': 404,
  'conflict': 409,
  'unknown-alias': 422,
} as const;
export type CurationErrorCode = keyof typeof CURATION_ERRORS;

function fail(c: Context, code: CurationErrorCode, message: string): Response {
  return c.json({ error: { code, message } }, CURATION_ERRORS[code] as ContentfulStatusCode);
}

/** Paths the method guard lets through as POST. */
export const CURATION_PATH = /^\/api\/entities\/[^/]+\/(?:merge|split)$/;

const MAX_BODY_BYTES = 16 * 1024;
const MAX_FIELD = 300;

/** Host name of a Host header or URL host (`[::1]:8080` → `[::1]`, `Example.org:80` → `example.org`). */
function hostName(host: string): string {
  const h = host.toLowerCase();
  return h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : (h.split(':')[0] ?? '');
}

/**
 * Null when the request may come from this server's own pages (or from a
 * non-browser client), else why it is refused.
 */
export function crossSiteReason(headers: { origin?: string | undefined; secFetchSite?: string | undefined; host?: string | undefined }, allowedHosts: readonly string[] | 'any'): string | null {
  const site = headers.secFetchSite?.trim().toLowerCase();
  if (site !== undefined && site !== '' && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site: ${site}`;
  const origin = headers.origin?.trim();
  if (origin === undefined || origin === '') return null;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `Origin: ${origin.slice(0, 100)}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `Origin: ${origin.slice(0, 100)}`;
  if (allowedHosts !== 'any' && !allowedHosts.includes(hostName(url.host))) return `Origin ${url.origin} is not an allowed host`;
  if (headers.host !== undefined && headers.host !== '' && url.host.toLowerCase() !== headers.host.trim().toLowerCase()) {
    return `Origin ${url.origin} is not this server (${headers.host.slice(0, 100)})`;
  }
  return null;
}

type Body = Record<string, unknown>;

/** Reads a small JSON object with only the given keys; strings trimmed and bounded. */
async function readBody(c: Context, required: string, optional: string[]): Promise<{ ok: true; value: Record<string, string> } | { ok: false; res: Response }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return { ok: false, res: fail(c, 'unsupported-media-type', 'send the body as Content-Type: application/json') };
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, res: fail(c, 'too-large', `the body exceeds ${MAX_BODY_BYTES} bytes`) };
  const raw = await c.req.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return { ok: false, res: fail(c, 'too-large', `the body exceeds ${MAX_BODY_BYTES} bytes`) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, res: fail(c, 'invalid-json', 'the body is not valid JSON') };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, res: fail(c, 'bad-request', `the body must be a JSON object with "${required}"`) };
  }
  const body = parsed as Body;
  const allowed = new Set([required, ...optional]);
  const extra = Object.keys(body).filter((k) => !allowed.has(k));
  if (extra.length > 0) return { ok: false, res: fail(c, 'bad-request', `unknown field ${JSON.stringify(extra[0])}; expected ${[...allowed].join(', ')}`) };
  const out: Record<string, string> = {};
  for (const key of allowed) {
    const v = body[key];
    if (v === undefined && key !== required) continue;
    if (typeof v !== 'string' || v.trim() === '') return { ok: false, res: fail(c, 'bad-request', `"${key}" must be a non-empty string`) };
    if (v.length > MAX_FIELD) return { ok: false, res: fail(c, 'bad-request', `"${key}" is longer than ${MAX_FIELD} characters`) };
    out[key] = v.trim();
  }
  return { ok: true, value: out };
}

/**
 * The entity a path or body names, by exact id: a name is not accepted (it
 * could pick a different entity than the reader saw), and an entity merged
 * away is a conflict that names where it went.
 */
async function exactEntity(c: Context, store: StoreReader, id: string): Promise<{ ok: true; value: EntityDetail } | { ok: false; res: Response }> {
  const e = await store.getEntity(id);
  if (e === null) return { ok: false, res: fail(c, 'not-found', `no entity with id ${JSON.stringify(id)}`) };
  if (e.id === id) return { ok: true, value: e };
  if (e.mergedFrom.some((m) => m.id === id)) return { ok: false, res: fail(c, 'conflict', `${id} was merged into ${e.id}`) };
  return { ok: false, res: fail(c, 'not-found', `no entity with id ${JSON.stringify(id)} (use an entity id, not a name)`) };
}

export function createCurationRoutes(store: StoreReader, curation: EntityCuration, allowedHosts: readonly string[] | 'any'): Hono {
  const app = new Hono();

  // Only on the write routes: the read routes under /api/entities stay open to any GET.
  const sameOrigin = (c: Context): Response | null => {
    const why = crossSiteReason({ origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site'), host: c.req.header('host') }, allowedHosts);
    return why === null ? null : fail(c, 'cross-origin', `cross-site request refused (${why})`);
  };

  app.post('/:id/merge', async (c) => {
    const refused = sameOrigin(c);
    if (refused) return refused;
    const body = await readBody(c, 'other', ['note']);
    if (!body.ok) return body.res;
    const keep = await exactEntity(c, store, c.req.param('id'));
    if (!keep.ok) return keep.res;
    const other = await exactEntity(c, store, body.value['other'] as string);
    if (!other.ok) return other.res;
    if (keep.value.id === other.value.id) return fail(c, 'conflict', 'an entity cannot be merged into itself');
    const note = body.value['note'] ?? 'merged by hand (API)';
    await curation.mergeEntities(keep.value.id, other.value.id, note);
    return c.json({ merged: other.value.id, into: keep.value.id, note, entity: await store.getEntity(keep.value.id) });
  });

  app.post('/:id/split', async (c) => {
    const refused = sameOrigin(c);
    if (refused) return refused;
    const body = await readBody(c, 'alias', ['note']);
    if (!body.ok) return body.res;
    const from = await exactEntity(c, store, c.req.param('id'));
    if (!from.ok) return from.res;
    const alias = body.value['alias'] as string;
    if (alias === from.value.name) return fail(c, 'unknown-alias', `"${alias}" is the entity's own name; split off one of its aliases: ${from.value.aliases.join(', ') || 'none'}`);
    if (!from.value.aliases.includes(alias)) return fail(c, 'unknown-alias', `"${alias}" is not an alias of ${from.value.id}; its aliases: ${from.value.aliases.join(', ') || 'none'}`);
    const note = body.value['note'] ?? 'split by hand (API)';
    const newId = await curation.splitEntity(from.value.id, alias, note);
    return c.json({ split: alias, from: from.value.id, id: newId, note, entity: await store.getEntity(newId) }, 201);
  });

  return app;
}
