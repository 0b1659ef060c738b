import { isoDay } from './date-values.js';

/**
 * A publication day written into the URL path: `/2020/06/07/`, `/2020-06-07-`,
 * `/20200607/`. Year-month alone (`/2020/06/`) is not a day and returns null.
 */
const SEPARATED = /(?:^|[/_-])((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=$|[/_.-])/;
const COMPACT = /(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?=$|[/_.-])/;

export function dateFromUrl(url: string): { iso: string; text: string } | null {
  let path: string;
  try {
    const u = new URL(url);
    path = u.pathname + u.search.replace(/[?&=]/g, '/');
  } catch {
    return null;
  }
  path = path.slice(0, 500);
  for (const re of [SEPARATED, COMPACT]) {
    const m = re.exec(path);
    if (m === null) continue;
    const iso = isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso !== null) return { iso, text: m[0].replace(/^[/_-]/, '') };
  }
  return null;
}
