/**
 * A small read-mostly DOM for the extractor, built straight from htmlparser2's
 * events. linkedom (which the extractor used before) builds the same tree from
 * the same parser, but every node carries an event-target map, attributes are
 * linked-list nodes, and every `class` attribute builds a token set: the tree
 * cost more than half of the extraction time. This tree has plain fields
 * (`firstChild`, `nextSibling`, `parentNode`), attributes in the parser's own
 * object, and only the DOM surface the extractor reads.
 *
 * Same tree and same answers as linkedom 0.18 for that surface, on purpose
 * (the extraction output must not change): one text node per parser text
 * event, `class` values normalised the way linkedom's token list rewrites them
 * (unique tokens, one space), `documentElement` as the first top-level
 * element, `body` creating an empty `<head>`/`<body>` when the tree has none
 * where linkedom looks, linkedom's `compareDocumentPosition` (depth first,
 * then sibling order) and its css-select adapter. Selectors are compiled once
 * per selector string.
 */
import { compile } from 'css-select';
import { Parser, Tokenizer } from 'htmlparser2';
import { ownString } from '../../util/bounded-memo.js';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const COMMENT = 8;
const DOCUMENT = 9;
const DOCTYPE = 10;

type Parent = LiteElement | LiteDocument;
/** Attributes as written, first occurrence of each name only: name, value, name, value, … */
type Attribs = string[];
const NO_ATTRIBS: Attribs = [];

const hasOwn = Object.prototype.hasOwnProperty;

export class LiteNode {
  parentNode: Parent | null = null;
  previousSibling: LiteNode | null = null;
  nextSibling: LiteNode | null = null;
  firstChild: LiteNode | null = null;
  lastChild: LiteNode | null = null;
  constructor(readonly nodeType: number) {}

  get parentElement(): LiteElement | null {
    const p = this.parentNode;
    return p === null || p.nodeType === DOCUMENT ? null : (p as LiteElement);
  }

  get childNodes(): LiteNode[] {
    const out: LiteNode[] = [];
    for (let c = this.firstChild; c !== null; c = c.nextSibling) out.push(c);
    return out;
  }

  contains(node: LiteNode | null): boolean {
    let p: LiteNode | null = node;
    while (p !== null && p !== this) p = p.parentNode;
    return p === this;
  }

  /** linkedom's rule: the shallower node precedes; at equal depth, sibling order (FOLLOWING = 4). */
  compareDocumentPosition(target: LiteNode): number {
    if (this === target) return 0;
    const self = depthOf(this);
    const other = depthOf(target);
    let result = 0;
    if (self < other) {
      result += 4;
      if (this.contains(target)) result += 16;
    } else if (other < self) {
      result += 2;
      if (target.contains(this)) result += 8;
    } else if (self > 0 && other > 0) {
      const siblings = this.parentNode!.childNodes;
      result += siblings.indexOf(this) < siblings.indexOf(target) ? 4 : 2;
    }
    if (self === 0 || other === 0) result += 32 + 1;
    return result;
  }

  appendChild<T extends LiteNode>(node: T): T {
    node.parentNode = this as unknown as Parent;
    node.previousSibling = this.lastChild;
    node.nextSibling = null;
    if (this.lastChild === null) this.firstChild = node;
    else this.lastChild.nextSibling = node;
    this.lastChild = node;
    return node;
  }

  /** Inserts `node` before `ref` (a child of this node), or appends it when `ref` is null. */
  insertBefore<T extends LiteNode>(node: T, ref: LiteNode | null): T {
    if (ref === null) return this.appendChild(node);
    node.parentNode = this as unknown as Parent;
    node.nextSibling = ref;
    node.previousSibling = ref.previousSibling;
    if (ref.previousSibling === null) this.firstChild = node;
    else ref.previousSibling.nextSibling = node;
    ref.previousSibling = node;
    return node;
  }

  get firstElementChild(): LiteElement | null {
    for (let c = this.firstChild; c !== null; c = c.nextSibling) if (c.nodeType === ELEMENT) return c as LiteElement;
    return null;
  }

  get nextElementSibling(): LiteElement | null {
    for (let c = this.nextSibling; c !== null; c = c.nextSibling) if (c.nodeType === ELEMENT) return c as LiteElement;
    return null;
  }

  /** Descendant elements in document order that match `selectors`. */
  querySelectorAll(selectors: string): LiteElement[] {
    const test = matcher(selectors);
    const out: LiteElement[] = [];
    walkElements(this, (el) => {
      if (test(el)) out.push(el);
      return false;
    });
    return out;
  }

  querySelector(selectors: string): LiteElement | null {
    const test = matcher(selectors);
    let found: LiteElement | null = null;
    walkElements(this, (el) => {
      if (!test(el)) return false;
      found = el;
      return true;
    });
    return found;
  }
}

function depthOf(node: LiteNode): number {
  let n = 0;
  for (let p = node.parentNode; p !== null; p = p.parentNode) n++;
  return n;
}

/** Visits the descendant elements of `root` in document order, iteratively; stops when `visit` returns true. */
function walkElements(root: LiteNode, visit: (el: LiteElement) => boolean): void {
  let node = root.firstChild;
  while (node !== null) {
    if (node.nodeType === ELEMENT) {
      if (visit(node as LiteElement)) return;
      if (node.firstChild !== null) {
        node = node.firstChild;
        continue;
      }
    }
    while (node !== null && node.nextSibling === null) {
      node = node.parentNode;
      if (node === root) return;
    }
    if (node !== null) node = node.nextSibling;
  }
}

export class LiteCharacterData extends LiteNode {
  constructor(nodeType: number, public data: string) {
    super(nodeType);
  }

  get textContent(): string {
    return this.data;
  }
}

export class LiteElement extends LiteNode {
  /**
   * `localName` is always lower case: the parser lowercases every tag name (`toLowerCase`, which gives a string that
   * lowercases to itself), and the only names set here are `head` and `body`. Queries compare it as it is.
   */
  constructor(readonly localName: string, readonly attribs: Attribs) {
    super(ELEMENT);
  }

  /** The attribute's value as written (class: normalised as linkedom stores it), or null. */
  attr(name: string): string | null {
    const a = this.attribs;
    for (let k = 0; k < a.length; k += 2) if (a[k] === name) return a[k + 1]!;
    return null;
  }

  /** Whether a name of one of its attributes starts with `prefix`. */
  hasAttributeStartingWith(prefix: string): boolean {
    const a = this.attribs;
    for (let k = 0; k < a.length; k += 2) if (a[k]!.startsWith(prefix)) return true;
    return false;
  }

  getAttribute(name: string): string | null {
    return this.attr(name);
  }

  getAttributeNode(name: string): { name: string; value: string } | null {
    const v = this.attr(name);
    return v === null ? null : { name, value: v };
  }

  hasAttribute(name: string): boolean {
    const a = this.attribs;
    for (let k = 0; k < a.length; k += 2) if (a[k] === name) return true;
    return false;
  }

  get tagName(): string {
    return this.localName.toUpperCase();
  }

  /** Text and CDATA of the subtree in document order (comments left out), as linkedom joins it. */
  get textContent(): string {
    let out = '';
    let node = this.firstChild;
    while (node !== null) {
      if (node.nodeType === TEXT || node.nodeType === CDATA) out += (node as LiteCharacterData).data;
      else if (node.nodeType === ELEMENT && node.firstChild !== null) {
        node = node.firstChild;
        continue;
      }
      while (node !== null && node.nextSibling === null) {
        node = node.parentNode;
        if (node === this) return out;
      }
      if (node !== null) node = node.nextSibling;
    }
    return out;
  }

  closest(selectors: string): LiteElement | null {
    const test = matcher(selectors);
    let e: LiteElement | null = this;
    while (e !== null && !test(e)) e = e.parentElement;
    return e;
  }
}

export class LiteDocument extends LiteNode {
  constructor() {
    super(DOCUMENT);
  }

  get documentElement(): LiteElement | null {
    return this.firstElementChild;
  }

  /** As linkedom: the documentElement's first element when it is a `<head>`, else a new empty one put first. */
  get head(): LiteElement {
    const root = this.documentElement as LiteElement;
    // Reads a property of null (and throws) without a documentElement, as linkedom does.
    let head = root.firstElementChild;
    if (head === null || head.localName !== 'head') head = root.insertBefore(new LiteElement('head', NO_ATTRIBS), root.firstChild);
    return head;
  }

  /** As linkedom: the element after `head` when it is a `<body>`, else a new empty one put right after `head`. */
  get body(): LiteElement {
    const head = this.head;
    let body = head.nextElementSibling;
    if (body === null || body.localName !== 'body') body = head.parentNode!.insertBefore(new LiteElement('body', NO_ATTRIBS), head.nextSibling);
    return body;
  }

  get textContent(): null {
    return null;
  }
}

/** linkedom's css-select adapter, over this tree. */
const adapter = {
  isTag: (n: LiteNode): n is LiteElement => n.nodeType === ELEMENT,
  existsOne(test: (e: LiteElement) => boolean, elems: LiteNode[]): boolean {
    return elems.some((e) => e.nodeType === ELEMENT && (test(e as LiteElement) || adapter.existsOne(test, e.childNodes)));
  },
  getAttributeValue: (e: LiteElement, name: string): string | undefined => e.attr(name) ?? undefined,
  getChildren: (n: LiteNode): LiteNode[] => n.childNodes,
  // `localName` is lower case already (see LiteElement), so it is its own `toLowerCase()`.
  getName: (e: LiteElement): string => e.localName,
  getParent: (n: LiteNode): LiteNode | null => n.parentNode,
  getSiblings: (n: LiteNode): LiteNode[] => (n.parentNode ? n.parentNode.childNodes : [n]),
  getText(node: LiteNode | LiteNode[]): string {
    if (Array.isArray(node)) return node.map((n) => adapter.getText(n)).join('');
    if (node.nodeType === ELEMENT) return adapter.getText(node.childNodes);
    return node.nodeType === TEXT ? (node as LiteCharacterData).data : '';
  },
  hasAttrib: (e: LiteElement, name: string): boolean => e.hasAttribute(name),
  removeSubsets(nodes: LiteNode[]): LiteNode[] {
    let n = nodes.length;
    while (n--) {
      const node = nodes[n]!;
      if (n && nodes.lastIndexOf(node, n - 1) > -1) {
        nodes.splice(n, 1);
        continue;
      }
      for (let p = node.parentNode; p; p = p.parentNode) {
        if (nodes.includes(p)) {
          nodes.splice(n, 1);
          break;
        }
      }
    }
    return nodes;
  },
  findAll(test: (e: LiteElement) => boolean, nodes: LiteNode[]): LiteElement[] {
    const out: LiteElement[] = [];
    for (const node of nodes) {
      if (node.nodeType !== ELEMENT) continue;
      if (test(node as LiteElement)) out.push(node as LiteElement);
      out.push(...adapter.findAll(test, node.childNodes));
    }
    return out;
  },
  findOne(test: (e: LiteElement) => boolean, nodes: LiteNode[]): LiteElement | null {
    for (const node of nodes) {
      if (node.nodeType !== ELEMENT) continue;
      if (test(node as LiteElement)) return node as LiteElement;
      const inner = adapter.findOne(test, node.childNodes);
      if (inner !== null) return inner;
    }
    return null;
  },
};

const compiled = new Map<string, (e: LiteElement) => boolean>();

function matcher(selectors: string): (e: LiteElement) => boolean {
  let test = compiled.get(selectors);
  if (test === undefined) {
    // `:scope` would bind the compiled query to one element; the extractor's selectors never use it.
    if (selectors.includes(':scope')) throw new Error('lite-dom: :scope selectors are not supported');
    const full = compileSelector(selectors);
    const need = subjectNeeds(selectors);
    if (need === null) test = full;
    else if (need.onlyTags) {
      const tags = need.tags;
      test = (e) => tags.has(e.localName);
    } else {
      const { tags, attrs } = need;
      test = (e) => mayMatch(e, tags, attrs) && full(e);
    }
    if (compiled.size < 200) compiled.set(selectors, test);
  }
  return test;
}

/** css-select's test for `selectors` over this tree, without the pre-test (the reference the pre-test is checked against). */
export function compileSelector(selectors: string): (e: LiteElement) => boolean {
  return compile<LiteNode, LiteElement>(selectors, { xmlMode: false, adapter: adapter as never }) as (e: LiteElement) => boolean;
}

/**
 * What the element a selector list picks must have: one of `tags` as its name, or one of `attrs`: the attribute
 * present and, when `part` is not null, its value containing `part`.
 */
export interface SubjectNeeds {
  tags: ReadonlySet<string>;
  attrs: ReadonlyArray<{ name: string; part: string | null }>;
  /** Every group is a bare tag name: having one of `tags` is the whole test. */
  onlyTags: boolean;
}

function mayMatch(e: LiteElement, tags: ReadonlySet<string>, attrs: SubjectNeeds['attrs']): boolean {
  if (tags.size > 0 && tags.has(e.localName)) return true;
  for (let k = 0; k < attrs.length; k++) {
    const { name, part } = attrs[k]!;
    const value = e.attr(name);
    if (value !== null && (part === null || value.includes(part))) return true;
  }
  return false;
}

/** Selector text the pre-test understands: lower-case names, classes, ids, `[a]`, `[a="v"]`, `[a*="v"]`, descendant combinators, commas. */
const SIMPLE_SELECTORS = /^[a-z0-9\s,.#[\]="*_-]+$/;
/** A quoted value without quotes, commas or white space inside (so that splitting at commas and spaces keeps it whole). */
const PLAIN_VALUES = /"[^"\s,]*"/g;
/** The subject compound: an optional tag name, then classes, ids and attribute tests. */
const COMPOUND = /^([a-z][a-z0-9]*)?((?:\.[a-z0-9_-]+|#[a-z0-9_-]+|\[[a-z0-9_-]+(?:\*?="[^"]*")?\])*)$/;
const FIRST_PART = /^(?:\.([a-z0-9_-]+)|#([a-z0-9_-]+)|\[([a-z0-9_-]+)(?:\*?="([^"]*)")?\])/;
/**
 * Attributes whose values css-select compares case-sensitively in HTML (its case-insensitive list holds none of
 * them): for these `[a="v"]` and `[a*="v"]` need `v` inside the value as written; for any other attribute only
 * its presence is asked for.
 */
const CASE_SENSITIVE_VALUES = new Set(['class', 'id', 'itemprop', 'property', 'name', 'content', 'src', 'href', 'datetime']);

/**
 * A necessary condition for matching `selectors`, read from the last compound of each comma group: its tag
 * name, or else what its first class (`class` holding the name), id (`id` holding it) or attribute test asks of
 * the attribute. css-select's compiled test is asked only about elements that pass it, so most elements of a
 * page cost a property read or two instead of the full test. Null (no pre-test) outside the simple grammar above.
 */
export function subjectNeeds(selectors: string): SubjectNeeds | null {
  if (!SIMPLE_SELECTORS.test(selectors) || selectors.replace(PLAIN_VALUES, '').includes('"')) return null;
  const tags = new Set<string>();
  const attrs: Array<{ name: string; part: string | null }> = [];
  let onlyTags = true;
  for (const raw of selectors.split(',')) {
    const parts = raw.trim().split(/\s+/);
    const subject = parts[parts.length - 1]!;
    const m = COMPOUND.exec(subject);
    if (subject.length === 0 || m === null) return null;
    const tag = m[1];
    const rest = m[2] ?? '';
    if (parts.length > 1 || rest.length > 0) onlyTags = false;
    if (tag !== undefined) {
      tags.add(tag);
      continue;
    }
    const first = FIRST_PART.exec(rest);
    if (first === null) return null;
    let need: { name: string; part: string | null };
    if (first[1] !== undefined) need = { name: 'class', part: first[1] };
    else if (first[2] !== undefined) need = { name: 'id', part: first[2] };
    else {
      const name = first[3]!;
      need = { name, part: first[4] !== undefined && CASE_SENSITIVE_VALUES.has(name) ? first[4] : null };
    }
    if (!attrs.some((a) => a.name === need.name && a.part === need.part)) attrs.push(need);
  }
  return { tags, attrs, onlyTags };
}

/** linkedom's DOMTokenList rewrite of a parsed `class`: unique non-empty tokens, in order, one space apart. */
function normaliseClass(value: string): string {
  // Most class values are already in that form (one token, or distinct tokens one space apart): nothing to rewrite.
  if (isNormalTokenList(value)) return value;
  let out = CLASS_CACHE.get(value);
  if (out === undefined) {
    const tokens = new Set<string>();
    for (const t of value.split(/\s+/)) if (t) tokens.add(t);
    out = [...tokens].join(' ');
    // Class values repeat across a site's pages; bounded so long runs keep bounded memory.
    if (CLASS_CACHE.size >= 20_000) CLASS_CACHE.clear();
    // Own copies: the value is a slice of the page, and a cached slice would keep the whole page alive.
    if (value.length <= 300) CLASS_CACHE.set(ownString(value), (out = ownString(out)));
  }
  return out;
}

const CLASS_CACHE = new Map<string, string>();

/**
 * A value that is its own rewrite: non-empty, tokens one plain space apart (no other white space as `\s` defines
 * it, none at either end), no token twice. Up to eight tokens are checked for repeats; longer lists go the long way.
 */
export function isNormalTokenList(value: string): boolean {
  const n = value.length;
  if (n === 0) return false;
  let spaces = 0;
  let previousSpace = true;
  for (let k = 0; k < n; k++) {
    const c = value.charCodeAt(k);
    if (c === 32) {
      if (previousSpace) return false;
      previousSpace = true;
      spaces++;
    } else {
      if (c < 128 ? c >= 9 && c <= 13 : WHITE.test(value[k]!)) return false;
      previousSpace = false;
    }
  }
  if (previousSpace) return false;
  if (spaces === 0) return true;
  if (spaces >= 8) return false;
  // Token bounds: starts[t] .. starts[t + 1] - 1 (the space before the next token is left out).
  const starts = TOKEN_STARTS;
  let t = 0;
  starts[t++] = 0;
  for (let k = 0; k < n; k++) if (value.charCodeAt(k) === 32) starts[t++] = k + 1;
  starts[t] = n + 1;
  for (let a = 1; a < t; a++) {
    const aStart = starts[a]!;
    const aLength = starts[a + 1]! - 1 - aStart;
    for (let b = 0; b < a; b++) {
      const bStart = starts[b]!;
      if (starts[b + 1]! - 1 - bStart !== aLength) continue;
      let k = 0;
      while (k < aLength && value.charCodeAt(aStart + k) === value.charCodeAt(bStart + k)) k++;
      if (k === aLength) return false;
    }
  }
  return true;
}

const TOKEN_STARTS = new Int32Array(10);

const WHITE = /\s/;

const LT = 0x3c;
const AMP = 0x26;
const DQ = 0x22;
const SQ = 0x27;

/** The members of htmlparser2's Tokenizer that the subclass below reads (private in its typings). */
interface TokenizerInternals {
  buffer: string;
  index: number;
  offset: number;
  write(chunk: string): void;
  stateText(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
}

type TokenizerClass = new (options: { xmlMode?: boolean; decodeEntities?: boolean }, cbs: unknown) => TokenizerInternals;

/**
 * htmlparser2's tokenizer, skipping ahead with `indexOf` where it would step one character at a time doing nothing.
 * With `decodeEntities` (which linkedom's options and ours set) its text state and its quoted-attribute-value
 * states look at every character, and only `<` (text), the closing quote (attribute value) and `&` (both) do
 * anything; every other character just moves the index on. Here such a character moves the index straight to the
 * one before the next `<`/quote or `&` (the parse loop then steps onto it), so the tokenizer makes the same calls
 * with the same indexes, and the tree is the same. The next position of each character is remembered until the
 * index passes it, so a page with many `<` and no `&` (or the reverse) is still read once, not once per tag.
 */
export const FastTokenizer: TokenizerClass = class extends (Tokenizer as unknown as TokenizerClass) {
  /** Buffer positions of the next `<`, `&`, `"` and `'` at or after where each was last looked for (length: none). */
  private nextLt = -1;
  private nextAmp = -1;
  private nextDq = -1;
  private nextSq = -1;

  override write(chunk: string): void {
    this.nextLt = this.nextAmp = this.nextDq = this.nextSq = -1;
    super.write(chunk);
  }

  private nextAmpFrom(from: number): number {
    if (this.nextAmp < from) {
      const k = this.buffer.indexOf('&', from);
      this.nextAmp = k < 0 ? this.buffer.length : k;
    }
    return this.nextAmp;
  }

  override stateText(c: number): void {
    if (c === LT || c === AMP) {
      super.stateText(c);
      return;
    }
    const from = this.index - this.offset + 1;
    if (this.nextLt < from) {
      const k = this.buffer.indexOf('<', from);
      this.nextLt = k < 0 ? this.buffer.length : k;
    }
    const stop = Math.min(this.nextLt, this.nextAmpFrom(from));
    this.index = stop + this.offset - 1;
  }

  override handleInAttributeValue(c: number, quote: number): void {
    if (c === quote || c === AMP) {
      super.handleInAttributeValue(c, quote);
      return;
    }
    const from = this.index - this.offset + 1;
    let q: number;
    if (quote === DQ) {
      if (this.nextDq < from) {
        const k = this.buffer.indexOf('"', from);
        this.nextDq = k < 0 ? this.buffer.length : k;
      }
      q = this.nextDq;
    } else if (quote === SQ) {
      if (this.nextSq < from) {
        const k = this.buffer.indexOf("'", from);
        this.nextSq = k < 0 ? this.buffer.length : k;
      }
      q = this.nextSq;
    } else {
      super.handleInAttributeValue(c, quote);
      return;
    }
    const stop = Math.min(q, this.nextAmpFrom(from));
    this.index = stop + this.offset - 1;
  }
};

/**
 * htmlparser2's parser, keeping each tag's attributes in a flat list (name, value, …) instead of adding them one by
 * one as properties of a fresh object (every page brings its own mix of names, so those objects took V8's slow
 * property paths both when built and when read). Same rule as the parser's: the first occurrence of a name wins.
 * `class` is stored rewritten as linkedom's token list holds it.
 */
/** Entries (names and values) past which a tag's attribute names are also kept in a set. */
const MANY_ATTRIBUTES = 64;

class AttributeListParser extends Parser {
  /** The attributes read since the last tag name: the first `count` entries of `scratch` (reused, grown as needed). */
  private readonly scratch: string[] = [];
  private count = 0;
  /** The names in `scratch` once it holds `MANY_ATTRIBUTES` entries or more, else null. */
  private seen: Set<string> | null = null;
  /** The parser's own name and value of the attribute being read (private in its typings). */
  private get current(): { attribname: string; attribvalue: string } {
    return this as unknown as { attribname: string; attribvalue: string };
  }

  override onopentagname(start: number, endIndex: number): void {
    this.count = 0;
    this.seen = null;
    super.onopentagname(start, endIndex);
  }

  override onattribend(_quote: unknown, endIndex: number): void {
    const cur = this.current;
    const name = cur.attribname;
    const value = cur.attribvalue;
    (this as unknown as { endIndex: number }).endIndex = endIndex;
    cur.attribvalue = '';
    const list = this.scratch;
    const n = this.count;
    if (n < MANY_ATTRIBUTES) {
      for (let k = 0; k < n; k += 2) if (list[k] === name) return;
    } else {
      // A tag with very many attributes (hostile markup): a set, so that the check stays linear.
      let seen = this.seen;
      if (seen === null) {
        seen = this.seen = new Set();
        for (let k = 0; k < n; k += 2) seen.add(list[k]!);
      }
      if (seen.has(name)) return;
      seen.add(name);
    }
    list[n] = name;
    list[n + 1] = name === 'class' ? normaliseClass(value) : value;
    this.count = n + 2;
  }

  /** The attributes read since the last tag name (a list of their own, exactly as long as needed), once. */
  takeAttributes(): Attribs {
    const n = this.count;
    if (n === 0) return NO_ATTRIBS;
    this.count = 0;
    this.seen = null;
    return this.scratch.slice(0, n);
  }
}

/** Parses HTML into a LiteDocument (htmlparser2, same options and tree building as linkedom's `parseHTML`). */
export function parseLiteHtml(html: string): LiteDocument {
  const document = new LiteDocument();
  let node: LiteNode = document;
  let inCdata = false;
  const parser: AttributeListParser = new AttributeListParser(
    {
      onprocessinginstruction(name, data) {
        // linkedom puts a doctype node first in the document for each well-formed `<!doctype …>`.
        if (name.toLowerCase() === '!doctype' && /^[a-z:]+/i.test(data.slice(name.length).trim())) {
          document.insertBefore(new LiteNode(DOCTYPE), document.firstChild);
        }
      },
      onopentag(name) {
        // The attributes the parser collected for this tag (none for the tags it implies: `<p>` before a stray
        // `</p>`, `<br>` for `</br>`).
        const attribs = parser.takeAttributes();
        node = node.appendChild(new LiteElement(name, attribs));
      },
      onclosetag() {
        node = node.parentNode!;
      },
      ontext(text) {
        node.appendChild(new LiteCharacterData(inCdata ? CDATA : TEXT, text));
      },
      oncomment(data) {
        node.appendChild(new LiteCharacterData(COMMENT, data));
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { lowerCaseAttributeNames: false, decodeEntities: true, xmlMode: false, Tokenizer: FastTokenizer as unknown as typeof Tokenizer },
  );
  if (html.length > 0) {
    parser.write(html);
    parser.end();
  }
  return document;
}
