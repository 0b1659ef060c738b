import { attrOf } from './dom-attr.js';
import type { BoilerplateReason, Paragraph } from '../../model/types.js';
import { BLOCK_TAGS, FLAG_TAGS, SKIP_TAGS, classReason, paragraphKind } from './boilerplate-patterns.js';

/** A run of inline text between block boundaries, the unit the scorer works on. */
export interface TextBlock {
  text: string;
  kind: Paragraph['kind'];
  /** The innermost block element holding this text. */
  el: Element;
  tag: string;
  chars: number;
  linkChars: number;
  /** Ancestors that mark chrome, outermost first; usually empty. */
  flags: readonly FlaggedElement[];
}

export interface FlaggedElement {
  el: Element;
  reason: BoilerplateReason;
}

export type CollectResult = { ok: true; blocks: TextBlock[]; maxDepth: number } | { ok: false; depth: number };

const NO_FLAGS: readonly FlaggedElement[] = [];
const ELEMENT = 1;
const TEXT = 3;

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = attrOf(el, 'style');
  if (style !== null && style.length < 2000) {
    const s = style.toLowerCase();
    if (/display\s*:\s*none|visibility\s*:\s*hidden/.test(s)) return true;
  }
  return attrOf(el, 'aria-hidden') === 'true' && el.localName !== 'body';
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;

/**
 * Text length for scoring: one CJK character carries about as much as three
 * Latin ones, so a short Chinese story is not mistaken for a caption.
 */
function weightedLength(text: string): number {
  if (text.charCodeAt(0) < 0x3000 && !/[\u3040-\ud7af]/.test(text)) return text.length;
  return text.length + 2 * (text.match(CJK)?.length ?? 0);
}

/**
 * Walk the tree once, iteratively (no recursion, so ten-thousand-deep pages
 * cannot overflow the stack), and cut the text into blocks at block-element
 * boundaries. Elements that are never content are skipped; chrome-looking
 * elements are not skipped but recorded as flags, so the scorer can overrule a
 * flag that would swallow the article (`<div class="has-sidebar">`).
 */
/** Where `/[ \t\r\f\v\u00a0\u200b]+/g → ' '` changes the text: a run of two, or one that is not a plain space. */
const LOOSE_SPACES = /[ \t\r\f\v\u00a0\u200b]{2}|[\t\r\f\v\u00a0\u200b]/;
/** Where `/\s+/g → ' '` changes the text: a run of two, or one that is not a plain space. */
const LOOSE_WHITE_SPACE = /\s\s|[^\S ]/;

export function collectBlocks(root: Element, maxDepth: number): CollectResult {
  const blocks: TextBlock[] = [];
  const blockStack: Element[] = [root];
  const flagStack: FlaggedElement[] = [];
  let flagsSnapshot: readonly FlaggedElement[] = NO_FLAGS;
  let buf = '';
  let linkChars = 0;
  let linkDepth = 0;
  let preDepth = 0;
  let quoteDepth = 0;
  let depth = 0;
  let deepest = 0;

  const flush = (): void => {
    if (buf.length === 0) return;
    const el = blockStack[blockStack.length - 1]!;
    // Most text is single-spaced already: the rewrite (a new string) only where it changes something.
    const raw = preDepth > 0 || !LOOSE_SPACES.test(buf) ? buf : buf.replace(/[ \t\r\f\v\u00a0\u200b]+/g, ' ');
    const tag = el.localName;
    const kind = quoteDepth > 0 ? 'blockquote' : paragraphKind(tag);
    // `<br><br>` separates paragraphs inside one element (no line break: one part, as the split would give).
    const parts = raw.indexOf('\n') < 0 ? [raw] : raw.split(/\n[ \t]*\n/);
    const totalChars = raw.length;
    for (const part of parts) {
      const text = preDepth > 0 ? part.replace(/^\n+|\n+$/g, '') : part.indexOf('\n') < 0 ? part.trim() : part.replace(/ *\n */g, '\n').trim();
      if (text.length === 0) continue;
      const share = text.length / Math.max(1, totalChars);
      const weighted = weightedLength(text);
      blocks.push({ text, kind, el, tag, chars: weighted, linkChars: Math.min(weighted, Math.round(linkChars * share * (weighted / Math.max(1, text.length)))), flags: flagsSnapshot });
    }
    buf = '';
    linkChars = 0;
  };

  const enter = (el: Element): boolean => {
    const tag = el.localName;
    if (SKIP_TAGS.has(tag) || isHidden(el)) return false;
    if (tag === 'br') {
      buf += '\n';
      return false;
    }
    if (BLOCK_TAGS.has(tag)) {
      flush();
      blockStack.push(el);
      if (tag === 'pre') preDepth++;
      if (tag === 'blockquote') quoteDepth++;
      const reason = FLAG_TAGS.get(tag) ?? classReason(attrOf(el, 'class'), attrOf(el, 'id'));
      if (reason !== null) {
        flagStack.push({ el, reason });
        flagsSnapshot = flagStack.slice();
      }
    } else if (tag === 'a' && el.hasAttribute('href')) {
      linkDepth++;
    }
    return true;
  };

  const leave = (el: Element): void => {
    const tag = el.localName;
    if (BLOCK_TAGS.has(tag)) {
      flush();
      blockStack.pop();
      if (tag === 'pre') preDepth--;
      if (tag === 'blockquote') quoteDepth--;
      const top = flagStack[flagStack.length - 1];
      if (top !== undefined && top.el === el) {
        flagStack.pop();
        flagsSnapshot = flagStack.length === 0 ? NO_FLAGS : flagStack.slice();
      }
    } else if (tag === 'a' && el.hasAttribute('href')) {
      linkDepth--;
    }
  };

  let node: Node | null = root.firstChild;
  while (node !== null) {
    let descend = false;
    if (node.nodeType === TEXT) {
      const data = (node as Text).data;
      const text = preDepth > 0 || !LOOSE_WHITE_SPACE.test(data) ? data : data.replace(/\s+/g, ' ');
      buf += text;
      if (linkDepth > 0) linkChars += text.trim().length;
    } else if (node.nodeType === ELEMENT) {
      descend = enter(node as Element);
    }
    if (descend && node.firstChild !== null) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (depth > maxDepth) return { ok: false, depth };
      node = node.firstChild;
      continue;
    }
    if (descend) leave(node as Element);
    // Climb until a next sibling exists, closing every element on the way.
    while (node !== null && node.nextSibling === null) {
      node = node.parentNode;
      if (node === null || node === root) {
        node = null;
        break;
      }
      depth--;
      leave(node as Element);
    }
    if (node !== null) node = node.nextSibling;
  }
  flush();
  return { ok: true, blocks, maxDepth: deepest };
}
