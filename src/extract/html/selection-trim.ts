import type { BoilerplateReason } from '../../model/types.js';
import type { TextBlock } from './block-collector.js';
import type { Selection } from './content-scorer.js';

/**
 * Headings that open a block of links to other stories. Anchored and
 * length-bounded: only a short line that is nothing but such a label counts.
 */
const RELATED_HEADING = /^(?:related(?: articles| stories| posts| news| content| coverage)?|you (?:may|might) (?:also )?(?:like|enjoy)|read (?:also|more|next)|more (?:from|on|stories|news|in|about)\b.{0,40}|recommended(?: for you| stories)?|also read|see also|most (?:read|popular|viewed)|trending(?: now)?|leia (?:também|mais)|você (?:também )?pode gostar.{0,5}|veja também|lesen sie auch|mehr zum thema|das könnte sie auch interessieren|читайте также|смотрите также|по теме|ещё по теме|lire aussi|à lire aussi|sur le même sujet|ver también|te puede interesar|noticias relacionadas|leggi anche|potrebbe interessarti|ilgili haberler|czytaj także|zobacz także)[\s.:!…]*$/i;

function norm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function drop(sel: Selection, victims: Set<TextBlock>, reason: BoilerplateReason): Selection {
  if (victims.size === 0) return sel;
  return {
    ...sel,
    kept: sel.kept.filter((b) => !victims.has(b)),
    dropped: [...sel.dropped, ...[...victims].map((block) => ({ block, reason }))],
  };
}

/**
 * Tidy the ends of a chosen region: what comes before the article's own
 * headline (a "breaking news" strip in the same column) and what follows a
 * "Related stories" label (teasers of other articles) is not the article.
 * Each cut applies only when the article text on the kept side dominates.
 */
export function trimSelection(sel: Selection, order: ReadonlyMap<TextBlock, number>, titleHint: string | null): Selection {
  const all = [...sel.kept, ...sel.dropped.map((d) => d.block)].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const keptSet = new Set(sel.kept);
  const total = sel.kept.reduce((n, b) => n + b.chars, 0);
  let out = sel;

  const title = titleHint === null ? '' : norm(titleHint);
  if (title.length >= 15) {
    const anchor = all.find((b) => {
      if (b.chars >= 400 || !(b.kind === 'h' || b.chars < 200) || b.text.length < 15) return false;
      const t = norm(b.text);
      return t.length >= 15 && (title.startsWith(t) || t.startsWith(title));
    });
    if (anchor !== undefined) {
      const before = new Set<TextBlock>();
      let chars = 0;
      for (const b of all) {
        if (b === anchor) break;
        if (keptSet.has(b)) {
          before.add(b);
          chars += b.chars;
        }
      }
      if (chars < total * 0.4) out = drop(out, before, 'header');
    }
  }

  let seen = 0;
  for (let i = 0; i < all.length; i++) {
    const b = all[i]!;
    if (seen >= total * 0.15 && b.chars <= 80 && RELATED_HEADING.test(b.text.trim())) {
      const rest = all.slice(i).filter((x) => keptSet.has(x));
      const box = b.el.parentElement;
      const boxChars = box === null ? total : sel.kept.filter((x) => box.contains(x.el)).reduce((n, x) => n + x.chars, 0);
      let victims: TextBlock[];
      if (box !== null && boxChars < total * 0.5) {
        // A "Related" box inside the article: drop the box, keep the story around it.
        victims = rest.filter((x) => box.contains(x.el));
      } else {
        // The label sits in the article column: only a tail of teasers is cut.
        const restChars = rest.reduce((n, x) => n + x.chars, 0);
        victims = restChars < total * 0.35 || b.kind === 'h' ? rest : [];
      }
      out = drop(out, new Set(victims), 'related');
      if (victims.length > 0) break;
    }
    if (keptSet.has(b)) seen += b.chars;
  }

  const markup = new Set(out.kept.filter((b) => /^<[a-z!/]/i.test(b.text)));
  return drop(out, markup, 'other');
}
