import { describe, expect, it } from 'vitest';
import { Parser, Tokenizer } from 'htmlparser2';
import { FastTokenizer, isNormalTokenList, parseLiteHtml, type LiteElement, type LiteNode } from '../../src/extract/html/lite-dom.js';
import { mulberry32 } from '../../src/util/seeded-random.js';

/**
 * lite-dom reads pages with htmlparser2's parser but its own tokenizer (skipping ahead with indexOf in text and
 * quoted attribute values) and its own attribute list. Both must change nothing: the tokenizer must make the same
 * calls with the same positions as htmlparser2's, and each element must carry the attributes htmlparser2 gives it.
 */
const OPTIONS = { lowerCaseAttributeNames: false, decodeEntities: true, xmlMode: false } as const;

/** Every parser event, with the parser's start and end index at the time. */
function events(html: string, fast: boolean, chunks = 1): string[] {
  const out: string[] = [];
  let parser: Parser;
  const at = (): string => `@${parser.startIndex}-${parser.endIndex}`;
  parser = new Parser(
    {
      onopentagname: (name) => out.push(`opentagname ${name}${at()}`),
      onattribute: (name, value, quote) => out.push(`attr ${name}=${JSON.stringify(value)} ${String(quote)}${at()}`),
      onopentag: (name, attribs, implied) => out.push(`open ${name} ${JSON.stringify(Object.entries(attribs))} ${implied}${at()}`),
      onclosetag: (name, implied) => out.push(`close ${name} ${implied}${at()}`),
      ontext: (text) => out.push(`text ${JSON.stringify(text)}${at()}`),
      oncomment: (text) => out.push(`comment ${JSON.stringify(text)}${at()}`),
      oncdatastart: () => out.push(`cdatastart${at()}`),
      oncdataend: () => out.push(`cdataend${at()}`),
      onprocessinginstruction: (name, data) => out.push(`pi ${name} ${JSON.stringify(data)}${at()}`),
      onend: () => out.push('end'),
    },
    fast ? { ...OPTIONS, Tokenizer: FastTokenizer as unknown as typeof Tokenizer } : OPTIONS,
  );
  const step = Math.ceil(html.length / chunks);
  for (let k = 0; k < html.length; k += step) parser.write(html.slice(k, k + step));
  parser.end();
  return out;
}


const PIECES = [
  '<div', '<p', '<span', '<a', '<title>', '</title>', '<textarea>', '</textarea>', '<script>', '</script>', '<style>', '</style>',
  '</p>', '</div>', '</span>', '</br>', '<br/>', '>', '<', '/>', ' ', '\n', '"', "'", '=', 'class=', 'CLASS=', 'id=', ' class="a  b a"',
  " data-x='1 & 2'", ' href="/x?a=1&amp;b=2"', ' title=unquoted&lt;', ' hidden', '&amp;', '&', '&lt;', '&#169;', '&#x41;', '&eacute',
  '&notin;', '&notit;', '&;', '&#;', '&#xZZ;', 'text', 'Ünïcødé ✓', '<!--', '-->', '--->', '<!doctype html>', '<!DOCTYPE', '<?xml x?>',
  '<![CDATA[', ']]>', '<svg>', '</svg>', '<math>', '<table>', '<tr>', '<td>', '<li>', '<ul>', '</ul>', '<xmp>', '</xmp>', '\u0000',
];

function randomPage(next: () => number): string {
  let html = '';
  const n = 1 + Math.floor(next() * 60);
  for (let k = 0; k < n; k++) html += PIECES[Math.floor(next() * PIECES.length)]!;
  return html;
}

/** linkedom's rewrite of a parsed `class`: unique non-empty tokens, one space apart (the reference for the tree's values). */
function tokenList(value: string): string {
  return [...new Set(value.split(/\s+/).filter((t) => t.length > 0))].join(' ');
}

function elementsOf(node: LiteNode, out: LiteElement[] = []): LiteElement[] {
  for (let c = node.firstChild; c !== null; c = c.nextSibling) {
    if (c.nodeType === 1) {
      out.push(c as LiteElement);
      elementsOf(c, out);
    }
  }
  return out;
}

/** The tree's elements, in document order, with their attributes as [name, value] pairs. */
function treeAttributes(html: string): string[] {
  return elementsOf(parseLiteHtml(html)).map((el) => {
    const pairs: Array<[string, string]> = [];
    for (let k = 0; k < el.attribs.length; k += 2) pairs.push([el.attribs[k]!, el.attribs[k + 1]!]);
    return `${el.localName} ${JSON.stringify(pairs)}`;
  });
}

/** htmlparser2's own attribute objects for the same elements (`class` rewritten as the tree stores it). */
function parserAttributes(html: string): string[] {
  const out: string[] = [];
  const parser = new Parser({
    onopentag: (name, attribs) => {
      const pairs = Object.entries(attribs).map(([k, v]): [string, string] => [k, k === 'class' ? tokenList(v) : v]);
      out.push(`${name} ${JSON.stringify(pairs)}`);
    },
  }, OPTIONS);
  parser.write(html);
  parser.end();
  return out;
}

describe('lite-dom parser: same events and attributes as htmlparser2', () => {
  const samples = [
    '<html><head><title>A &amp; B &notit; &#169;</title></head><body><p class=" x  y x " id=a>One &lt;two&gt; three & four</p></body></html>',
    '<div title="a &amp b &quot;c&quot;" data-q=\'it&#39;s\' alt=x&amp;y>t&eacute;xt&eacutex</div>',
    '<a href="never closed & still reading',
    "<a href='never closed either",
    'plain text only, no markup at all & one ampersand',
    'trailing &am',
    '<p>text<!-- a comment with <p> and & inside --> after</p><![CDATA[x < y]]>',
    '<textarea>a &amp; <b>b</b></textarea><xmp>&amp;</xmp><script>if (a < b && c) {}</script>',
    '<p class="a" CLASS="B" class="c" id=1 id=2>dup</p></br></p>',
  ];

  it('hand-written pages: identical event streams (names, values, quotes, positions)', () => {
    for (const html of samples) expect(events(html, true), html).toEqual(events(html, false));
  });

  it('3,000 random pages of tags, quotes, entities and comments: identical event streams, also written in chunks', () => {
    const next = mulberry32(7);
    for (let k = 0; k < 3000; k++) {
      const html = randomPage(next);
      expect(events(html, true), html).toEqual(events(html, false));
      if (k % 10 === 0) expect(events(html, true, 3), html).toEqual(events(html, false, 3));
    }
  });

  it('each element carries the attributes htmlparser2 gives it, first occurrence first', () => {
    const next = mulberry32(11);
    for (const html of samples) expect(treeAttributes(html), html).toEqual(parserAttributes(html));
    // Past the point where names are also kept in a set: repeats (any case) among a hundred names.
    const many = `<p ${Array.from({ length: 120 }, (_, i) => `n${i % 90}="${i}" N${i % 7}=x `).join('')}>t</p><b class=y>u</b>`;
    expect(treeAttributes(many)).toEqual(parserAttributes(many));
    for (let k = 0; k < 3000; k++) {
      const html = randomPage(next);
      expect(treeAttributes(html), html).toEqual(parserAttributes(html));
    }
  });

  it('stays linear on hostile pages (one long unclosed attribute full of &, many < without &, many & without <)', () => {
    const pages = [
      `<div title="${'&amp x '.repeat(200_000)}`,
      `<p>${'a<b '.repeat(300_000)}</p>`,
      `<p>${'&lt; x '.repeat(200_000)}</p>`,
      `<div ${'a="1" '.repeat(100_000)}>x</div>`,
      `<div ${Array.from({ length: 100_000 }, (_, i) => `a${i}="${i}" `).join('')}>x</div>`,
      `<div class='${"x ".repeat(300_000)}>`,
    ];
    for (const html of pages) {
      const t0 = performance.now();
      const doc = parseLiteHtml(html);
      expect(doc.firstChild).not.toBeUndefined();
      // A quadratic scan over 1-2 MB would take minutes; this bound only catches that, it is not a speed gate.
      expect(performance.now() - t0).toBeLessThan(15_000);
    }
  });

  it('a class value is kept as written only when the token-list rewrite would not change it', () => {
    const next = mulberry32(5);
    const parts = ['a', 'b', 'main', 'x-1', ' ', ' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\ufeff', 'é'];
    let kept = 0;
    for (let k = 0; k < 20_000; k++) {
      let v = '';
      const n = Math.floor(next() * 12);
      for (let j = 0; j < n; j++) v += parts[Math.floor(next() * parts.length)]!;
      const same = tokenList(v) === v;
      if (isNormalTokenList(v)) {
        expect(same, JSON.stringify(v)).toBe(true);
        kept++;
      } else if (v.length > 0 && v.split(' ').length <= 8) {
        expect(same, JSON.stringify(v)).toBe(false);
      }
    }
    expect(kept).toBeGreaterThan(1000);
  });

  it('answers whether an attribute name starts with a prefix', () => {
    const doc = parseLiteHtml('<div data-time="1" id=a></div><p id=b DATA-x=1></p><span></span>');
    const [div, p, span] = elementsOf(doc);
    expect(div!.hasAttributeStartingWith('data-')).toBe(true);
    expect(p!.hasAttributeStartingWith('data-')).toBe(false);
    expect(p!.hasAttributeStartingWith('DATA-')).toBe(true);
    expect(span!.hasAttributeStartingWith('')).toBe(false);
  });

  it('gives every element a lower-case name that lowercases to itself (queries compare names as they are)', () => {
    // toLowerCase is idempotent on every code unit and on the pairs that lowercase to two characters.
    for (let u = 0; u < 0x10000; u++) {
      const once = String.fromCharCode(u).toLowerCase();
      expect(once.toLowerCase(), u.toString(16)).toBe(once);
    }
    for (let cp = 0x10000; cp <= 0x10ffff; cp++) {
      const once = String.fromCodePoint(cp).toLowerCase();
      if (once.toLowerCase() !== once) expect(cp.toString(16)).toBe('idempotent');
    }
    const html = '<DIV><İnput><SVG><foreignObject><Kelvin\u212a></Kelvin\u212a></foreignObject></SVG><ΣΑΣ></ΣΑΣ><tIMe>x</tIMe></DIV>';
    for (const el of elementsOf(parseLiteHtml(html))) expect(el.localName.toLowerCase()).toBe(el.localName);
    expect(parseLiteHtml(html).querySelectorAll('time').length).toBe(1);
    expect(parseLiteHtml(html).querySelectorAll('div, time').length).toBe(2);
  });
});
