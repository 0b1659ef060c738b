/**
 * Publication days are the publisher's local days. Many CMSs write their
 * timestamps in UTC (`2020-08-25T00:23:33Z` for an Ottawa story posted on the
 * evening of 24 August), so a UTC stamp near midnight names the wrong day
 * unless it is moved to the site's time zone. The zone is estimated from the
 * country-code domain or the page's locale region (standard time; daylight
 * saving is ignored, so only stamps within an hour of the boundary can still
 * be off).
 */
import { isoDay } from './date-values.js';

const OFFSETS: Record<string, number> = {
  us: -5, ca: -5, mx: -6, br: -3, ar: -3, cl: -4, co: -5, pe: -5, ve: -4, cu: -5, do: -4, gt: -6,
  uk: 0, gb: 0, ie: 0, pt: 0, is: 0, gh: 0, sn: 0, ci: 0,
  es: 1, fr: 1, de: 1, it: 1, nl: 1, be: 1, ch: 1, at: 1, pl: 1, cz: 1, sk: 1, hu: 1, se: 1, no: 1, dk: 1, hr: 1,
  si: 1, rs: 1, ba: 1, al: 1, mk: 1, me: 1, ng: 1, ma: 1, dz: 1, tn: 1, lu: 1, cat: 1, cy: 2, tg: 0, gn: 0,
  gr: 2, ro: 2, bg: 2, ua: 2, md: 2, fi: 2, ee: 2, lv: 2, lt: 2, il: 2, eg: 2, za: 2, lb: 2, jo: 2, ps: 2,
  tr: 3, ru: 3, by: 3, ke: 3, sa: 3, iq: 3, kw: 3, qa: 3, ir: 3.5, ae: 4, az: 4, am: 4, ge: 4, pk: 5, kz: 6,
  in: 5.5, lk: 5.5, np: 5.75, bd: 6, mm: 6.5, th: 7, vn: 7, id: 7, cn: 8, hk: 8, tw: 8, sg: 8, my: 8, ph: 8,
  jp: 9, kr: 9, au: 10, nz: 12,
};

/** The site's UTC offset in hours, or null when nothing says where it is. */
export function siteUtcOffset(url: string | null | undefined, locale: string | null | undefined): number | null {
  if (url) {
    try {
      const host = new URL(url).hostname.toLowerCase();
      const tld = host.slice(host.lastIndexOf('.') + 1);
      const off = OFFSETS[tld];
      if (off !== undefined) return off;
    } catch {
      // not a URL: fall through to the locale
    }
  }
  const m = locale ? /^[a-z]{2,3}[-_]([a-z]{2})\b/i.exec(locale.trim()) : null;
  if (m !== null) return OFFSETS[m[1]!.toLowerCase()] ?? null;
  return null;
}

/** True when a machine date string carries a time stated in UTC. */
export function isUtcStamp(raw: string): boolean {
  return /\d{1,2}:\d{2}(?::\d{1,2}(?:\.\d{1,9})?)?\s?(?:Z|[+-]00:?00|\s?GMT|\s?UTC)\s*$/i.test(raw.trim().slice(0, 60));
}

/** Move a `YYYY-MM-DDTHH:MM` value by `hours`; a bare day is returned unchanged. */
export function shiftHours(iso: string, hours: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(iso);
  if (m === null) return iso;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) + hours * 3_600_000;
  const d = new Date(t);
  return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()) ?? iso;
}

/** Whole days between two `YYYY-MM-DD…` values (b − a). */
export function dayDistance(a: string, b: string): number {
  const pa = Date.UTC(Number(a.slice(0, 4)), Number(a.slice(5, 7)) - 1, Number(a.slice(8, 10)));
  const pb = Date.UTC(Number(b.slice(0, 4)), Number(b.slice(5, 7)) - 1, Number(b.slice(8, 10)));
  return Math.round((pb - pa) / 86_400_000);
}
