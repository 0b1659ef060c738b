/** Small formatting helpers shared by the views: dates, badges, counts. */
import type { ProvenanceKind } from '../store/store-port.js';
import { html, type SafeHtml } from './html-template.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Formats an ISO value as precise as it is: `2021-05-27T09:24` → "27 May 2021, 09:24",
 * `2021-05` → "May 2021", `--06-04` → "4 Jun (year unknown)". Never invents precision.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return 'undated';
  const md = /^--(\d{2})-(\d{2})/.exec(iso);
  if (md) return `${Number(md[2])} ${MONTHS[Number(md[1]) - 1] ?? '?'} (year unknown)`;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2}))?)?)?/.exec(iso);
  if (!m) return iso.slice(0, 40);
  const [, y, mo, d, hh, mm] = m;
  if (!mo) return y ?? iso;
  const month = MONTHS[Number(mo) - 1] ?? mo;
  if (!d) return `${month} ${y}`;
  const day = `${Number(d)} ${month} ${y}`;
  return hh && mm ? `${day}, ${hh}:${mm}` : day;
}

/** Day precision only, for compact lists. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return 'undated';
  return formatDate(iso.slice(0, 10));
}

export function formatRange(from: string | null, to: string | null): string {
  if (!from && !to) return 'undated';
  const a = formatDay(from ?? to);
  const b = formatDay(to ?? from);
  return a === b ? a : `${a} – ${b}`;
}

/** Milliseconds since epoch for a full or partial ISO date; null when no year is known. */
export function isoToTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2}))?)?)?/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2] ?? '1') - 1, Number(m[3] ?? '1'), Number(m[4] ?? '0'), Number(m[5] ?? '0'));
  return Number.isFinite(t) ? t : null;
}

/** "3 days ago" relative to the injected clock. */
export function ago(iso: string | null | undefined, now: Date): string {
  const t = isoToTime(iso);
  if (t === null) return '';
  const days = Math.floor((now.getTime() - t) / 86_400_000);
  if (days < 0) return '';
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 60) return `${days} days ago`;
  if (days < 730) return `${Math.round(days / 30.44)} months ago`;
  return `${Math.floor(days / 365.25)} years ago`;
}

const BADGE_LABEL: Record<ProvenanceKind, string> = {
  original: 'original',
  wire: 'wire copy',
  'near-copy': 'near copy',
  rewrite: 'rewrite',
};

export function provenanceBadge(kind: ProvenanceKind): SafeHtml {
  const label = BADGE_LABEL[kind] ?? String(kind);
  return html`<span class="badge badge-${kind}">${label}</span>`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max)}…`;
}

/** A fixed qualitative palette, so that an outlet keeps its colour on a page. */
export const PALETTE = ['#1f5fa8', '#d1495b', '#2e933c', '#edae49', '#7b4fa0', '#00798c', '#8d6a3f', '#e07a5f', '#3d405b', '#81b29a'];

export function colourFor(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#555';
}
