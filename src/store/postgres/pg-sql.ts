/**
 * Small SQL helpers shared by the PostgreSQL store's writes and reads: the
 * query handle type, the rows derived from an article (SimHash bands, lead),
 * rejections, entity merge chains and event summary rows.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { IngestOutcome, ReasonCode } from '../../model/types.js';

export type Q = Pick<pg.PoolClient, 'query'>;

const LEAD_CHARS = 280;

export function shortHash(s: string, len = 16): string {
  return createHash('sha1').update(s).digest('hex').slice(0, len);
}

/** Four 16-bit bands of a 64-bit SimHash in hex: a hash within distance 3 shares one of them. */
export function simhashBands(hex: string): string[] {
  const h = hex.padStart(16, '0');
  return [0, 1, 2, 3].map((b) => h.slice(b * 4, b * 4 + 4));
}

export function leadOf(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= LEAD_CHARS ? t : `${t.slice(0, LEAD_CHARS).replace(/\s\S*$/, '')}…`;
}

export async function recordRejection(q: Q, source: string, reason: ReasonCode, detail: string | null, at: string): Promise<IngestOutcome> {
  await q.query('INSERT INTO inputs (source, status, article_id, reason, detail, at) VALUES ($1,$2,$3,$4,$5,$6)', [source, 'rejected', null, reason, detail, at]);
  return detail === null ? { status: 'rejected', source, reason } : { status: 'rejected', source, reason, detail };
}

/** The entity an id ends at after manual merges (bounded: a cycle cannot hang a write). */
export async function followMerges(q: Q, id: string): Promise<string> {
  let cur = id;
  for (let i = 0; i < 20; i++) {
    const r = await q.query<{ merged_into: string | null }>('SELECT merged_into FROM entities WHERE id = $1', [cur]);
    const next = r.rows[0]?.merged_into ?? null;
    if (next === null) return cur;
    cur = next;
  }
  return cur;
}

/** Recomputes an event's summary row from its articles (after a manual entity merge or split). */
export async function refreshEvent(q: Q, eventId: string): Promise<void> {
  const arts = await q.query<{ title: string | null; lead: string; outlet: string | null; published_at: string | null }>(
    'SELECT title, lead, outlet, published_at FROM articles WHERE event_id = $1 ORDER BY published_at NULLS LAST, seq',
    [eventId],
  );
  if (arts.rows.length === 0) return;
  const first = arts.rows[0];
  const dates = arts.rows.map((r) => r.published_at).filter((d): d is string => d !== null).sort();
  const outlets = [...new Set(arts.rows.map((r) => r.outlet).filter((o): o is string => o !== null))];
  const ents = await q.query<{ name: string }>(
    `SELECT e.name, count(*) AS n FROM entity_mentions m JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id
      WHERE a.event_id = $1 GROUP BY e.name ORDER BY n DESC, e.name LIMIT 8`,
    [eventId],
  );
  await q.query(
    `UPDATE events SET label = $2, summary = $3, first_date = $4, last_date = $5, article_count = $6, outlets = $7, key_entities = $8 WHERE id = $1`,
    [eventId, first?.title ?? first?.lead.slice(0, 80) ?? eventId, first?.lead ?? '', dates[0] ?? null, dates[dates.length - 1] ?? null, arts.rows.length, JSON.stringify(outlets), JSON.stringify(ents.rows.map((r) => r.name))],
  );
}

const compressionProbe = new Map<string, Promise<string>>();

/**
 * Connection `options` that make PostgreSQL compress large values (pages,
 * article documents, job payloads) with lz4 rather than pglz: the same size
 * here, a third of the CPU to write. Empty when the server cannot (before
 * PostgreSQL 14, or built without lz4). Asked once per URL and process.
 */
export function fastCompressionOption(url: string): Promise<string> {
  let probe = compressionProbe.get(url);
  if (probe === undefined) {
    probe = (async () => {
      const c = new pg.Client({ connectionString: url });
      try {
        await c.connect();
        const r = await c.query<{ ok: boolean }>(`SELECT 'lz4' = ANY(enumvals) AS ok FROM pg_settings WHERE name = 'default_toast_compression'`);
        return r.rows[0]?.ok === true ? '-c default_toast_compression=lz4' : '';
      } catch {
        return '';
      } finally {
        await c.end().catch(() => undefined);
      }
    })();
    compressionProbe.set(url, probe);
  }
  return probe;
}
