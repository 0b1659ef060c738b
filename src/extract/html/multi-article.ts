import type { TextBlock } from './block-collector.js';
import { selectContent, type ScorerOptions, type Selection } from './content-scorer.js';

/**
 * When the best region holds several `<article>` elements that each carry a
 * substantial share of the prose (a page with two stories, a live blog of
 * separate posts), keep the first substantial one rather than gluing
 * unrelated stories into one text.
 */
export function pickOneArticle(sel: Selection, blocks: TextBlock[], root: Element, opts: ScorerOptions): Selection {
  const articles = Array.from(sel.container.querySelectorAll('article')).filter((a) => {
    const outer = a.parentElement?.closest('article') ?? null;
    return outer === null || outer === sel.container || !sel.container.contains(outer);
  });
  if (articles.length < 2) return sel;
  const inner = articles.filter((a) => a !== sel.container);
  const prose = inner.map((a) => {
    let n = 0;
    for (const b of sel.kept) if (a.contains(b.el) && b.chars >= 40) n += b.chars;
    return n;
  });
  const substantial = inner.filter((_, i) => (prose[i] ?? 0) >= Math.max(300, sel.goodChars * 0.25));
  if (substantial.length < 2) return sel;
  const first = substantial[0]!;
  const sub = selectContent(blocks.filter((b) => first.contains(b.el)), root, opts);
  return sub ?? sel;
}
