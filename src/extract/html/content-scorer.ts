import { attrOf } from './dom-attr.js';
import type { BoilerplateReason } from '../../model/types.js';
import type { FlaggedElement, TextBlock } from './block-collector.js';
import { isChromeLine, isPositiveContainer } from './boilerplate-patterns.js';

/** Knobs of one scoring pass; the fallback chain runs a strict and a loose pass. */
export interface ScorerOptions {
  /** Honour class/id/tag flags (the loose pass ignores them). */
  useFlags: boolean;
  /** Cost of one character of link-heavy or chrome text inside a container. */
  linkPenalty: number;
}

export const STRICT: ScorerOptions = { useFlags: true, linkPenalty: 1.0 };
export const LOOSE: ScorerOptions = { useFlags: false, linkPenalty: 0.5 };

export interface Selection {
  container: Element;
  kept: TextBlock[];
  dropped: Array<{ block: TextBlock; reason: BoilerplateReason }>;
  /** Characters of paragraph-like text in the container. */
  goodChars: number;
  /** Link characters of the container's unflagged blocks (index pages are mostly links). */
  linkChars: number;
}

function linkDensity(b: TextBlock): number {
  return b.chars === 0 ? 0 : b.linkChars / b.chars;
}

/** Paragraph-like: long enough to be prose and not mostly a link. */
function isGood(b: TextBlock): boolean {
  return b.chars >= 40 && linkDensity(b) < 0.35 && b.tag !== 'h1' && !isChromeLine(b.text);
}

/**
 * A short block that is only a date line ("27 мая 2021 г., 14:20", "Updated
 * March 3, 2021 10:20 am"): a year and at most three words, in any language.
 */
function isDateLine(text: string): boolean {
  if (text.length > 50 || !/(?:19|20)\d\d/.test(text)) return false;
  const words = text.match(/\p{L}+/gu)?.length ?? 0;
  return words <= 3;
}

/**
 * Flags whose element holds over half of the page's prose are overruled: a
 * wrapper called `has-sidebar` or `page-header-layout` is layout, not chrome.
 */
function activeFlags(blocks: TextBlock[]): Set<Element> {
  let total = 0;
  const perFlag = new Map<Element, { chars: number; count: number }>();
  for (const b of blocks) {
    if (!isGood(b)) continue;
    total += b.chars;
    for (const f of b.flags) {
      const v = perFlag.get(f.el) ?? { chars: 0, count: 0 };
      v.chars += b.chars;
      v.count++;
      perFlag.set(f.el, v);
    }
  }
  const active = new Set<Element>();
  for (const b of blocks) {
    for (const f of b.flags) {
      if (active.has(f.el)) continue;
      const held = perFlag.get(f.el) ?? { chars: 0, count: 0 };
      // A layout wrapper holds several paragraphs; one long footer blurb is still a footer.
      if (held.chars <= total * 0.5 || held.count < 3) active.add(f.el);
    }
  }
  return active;
}

function firstActive(flags: readonly FlaggedElement[], active: Set<Element>): FlaggedElement | null {
  for (const f of flags) if (active.has(f.el)) return f;
  return null;
}

/**
 * Choose the element whose subtree maximises prose characters minus a penalty
 * for link lists and chrome it would drag in — a maximum-weight subtree over
 * the block weights — then keep that subtree's content blocks.
 */
/** The nearest `<li>` within a few levels: list items are where teaser cards live. */
function listItemOf(el: Element): Element | null {
  let e: Element | null = el;
  for (let i = 0; e !== null && i < 6; i++) {
    if (e.localName === 'li') return e;
    e = e.parentElement;
  }
  return null;
}

/**
 * Teaser cards: a list item holding a linked headline plus a blurb. The blurb
 * reads like prose, but it advertises another story.
 */
function teaserBlocks(blocks: TextBlock[]): Set<TextBlock> {
  const groups = new Map<Element, TextBlock[]>();
  for (const b of blocks) {
    const li = listItemOf(b.el);
    if (li === null) continue;
    const g = groups.get(li);
    if (g === undefined) groups.set(li, [b]);
    else g.push(b);
  }
  const out = new Set<TextBlock>();
  for (const g of groups.values()) {
    if (g.length < 2 || g.length > 5) continue;
    // A card is short; a whole post inside a list item (old blog templates) is not a card.
    if (g.reduce((n, b) => n + b.chars - b.linkChars, 0) > 800) continue;
    const headline = g.some((b) => b.chars >= 30 && b.linkChars >= b.chars * 0.8);
    const blurb = g.some((b) => b.linkChars < b.chars * 0.2 && b.chars >= 40);
    if (headline && blurb) for (const b of g) out.add(b);
  }
  return out;
}

export function selectContent(blocks: TextBlock[], root: Element, opts: ScorerOptions): Selection | null {
  const active = opts.useFlags ? activeFlags(blocks) : new Set<Element>();
  const teasers = teaserBlocks(blocks);
  // Scores by element, in first-seen order (as a Map would iterate them), summed in typed arrays so that
  // the sums do not allocate a heap number per addition.
  const slotOf = new Map<Element, number>();
  const elements: Element[] = [];
  let score = new Float64Array(64);
  let good = new Float64Array(64);
  const slot = (el: Element): number => {
    let i = slotOf.get(el);
    if (i === undefined) {
      i = elements.length;
      slotOf.set(el, i);
      elements.push(el);
      if (i === score.length) {
        const s2 = new Float64Array(2 * i);
        s2.set(score);
        score = s2;
        const g2 = new Float64Array(2 * i);
        g2.set(good);
        good = g2;
      }
    }
    return i;
  };
  const flagOf: Array<FlaggedElement | null> = [];
  for (const b of blocks) {
    const flag = firstActive(b.flags, active);
    flagOf.push(flag);
    let w: number;
    let g = 0;
    if (flag !== null) w = -0.3 * opts.linkPenalty * b.chars;
    else if (teasers.has(b)) w = -opts.linkPenalty * b.chars;
    else if (isGood(b)) {
      g = b.chars - b.linkChars;
      w = (g - opts.linkPenalty * b.linkChars) * (b.tag === 'p' ? 1.2 : 1);
    } else if (b.chars >= 40 && b.tag !== 'h1' && !isChromeLine(b.text)) {
      // Prose with many inline links scores by its plain text, less its links.
      w = b.chars - b.linkChars - opts.linkPenalty * b.linkChars;
    } else w = -0.2 * opts.linkPenalty * b.chars;
    let el: Element | null = b.el;
    while (el !== null) {
      const i = slot(el);
      score[i] = score[i]! + w;
      if (g > 0) good[i] = good[i]! + g;
      if (el === root) break;
      el = el.parentElement;
    }
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    const s = score[i]!;
    // The bonus (at most 1.05) cannot lift a score that stays at or below the best even with it (s × 1 ≤ s × 1.05
    // for s > 0, and bestScore ≥ 0): those elements are passed over without reading their class and id.
    if (!(s * 1.05 > bestScore)) continue;
    // A class that says "article body" is a small, not decisive, bonus.
    const bonus = el.localName === 'article' || isPositiveContainer(attrOf(el, 'class'), attrOf(el, 'id')) ? 1.05 : 1;
    const v = s * bonus;
    if (v > bestScore) {
      bestScore = v;
      best = el;
    }
  }
  if (best === null) return null;
  const container = best;
  const kept: TextBlock[] = [];
  const dropped: Selection['dropped'] = [];
  let linkChars = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (!container.contains(b.el)) continue;
    const flag = flagOf[i] ?? null;
    if (flag === null) linkChars += b.linkChars;
    if (flag !== null) dropped.push({ block: b, reason: flag.reason });
    else if (b.tag === 'h1') dropped.push({ block: b, reason: 'title' });
    else if (teasers.has(b)) dropped.push({ block: b, reason: 'related' });
    else if (isChromeLine(b.text)) dropped.push({ block: b, reason: 'other' });
    else if (isDateLine(b.text)) dropped.push({ block: b, reason: 'date' });
    // Link lists go; prose with many inline links (news round-ups) stays.
    else if (linkDensity(b) > 0.5 && (b.chars - b.linkChars < 60 || linkDensity(b) > 0.8)) dropped.push({ block: b, reason: 'related' });
    else kept.push(b);
  }
  return { container, kept, dropped, goodChars: good[slotOf.get(container)!]!, linkChars };
}
