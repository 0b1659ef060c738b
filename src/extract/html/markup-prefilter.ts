/**
 * Cut the bodies of `<script>`, `<style>`, `<svg>` and comments out of the
 * markup before parsing. They hold most of a modern page's bytes and never
 * article text, and building DOM nodes for them is most of the parse time.
 * JSON-LD scripts are kept (they carry dates and authors). One linear pass
 * with indexOf; an unterminated element is cut to the end of the input, as a
 * browser would treat it as raw text anyway.
 */
const RAW_ELEMENTS = ['script', 'style', 'svg', 'noscript'] as const;

export function prefilterMarkup(html: string): string {
  const lower = html.toLowerCase();
  const parts: string[] = [];
  let pos = 0;
  let i = lower.indexOf('<', 0);
  while (i >= 0 && i < lower.length) {
    let end = -1;
    if (lower.startsWith('<!--', i)) {
      const close = lower.indexOf('-->', i + 4);
      end = close < 0 ? lower.length : close + 3;
    } else {
      for (const tag of RAW_ELEMENTS) {
        if (!lower.startsWith(tag, i + 1)) continue;
        const after = lower.charCodeAt(i + 1 + tag.length);
        // `<scripts>` or `<stylesheet>` are other names; require a delimiter.
        if (!(after === 62 || after === 32 || after === 9 || after === 10 || after === 13 || after === 47)) continue;
        const openEnd = lower.indexOf('>', i);
        if (openEnd < 0) break;
        if (tag === 'script' && lower.slice(i, openEnd).includes('ld+json')) break;
        const close = lower.indexOf(`</${tag}`, openEnd);
        if (close < 0) {
          end = lower.length;
        } else {
          const closeEnd = lower.indexOf('>', close);
          end = closeEnd < 0 ? lower.length : closeEnd + 1;
        }
        break;
      }
    }
    if (end > 0) {
      parts.push(html.slice(pos, i));
      pos = end;
      i = lower.indexOf('<', end);
    } else {
      i = lower.indexOf('<', i + 1);
    }
  }
  parts.push(html.slice(pos));
  return parts.join('');
}
