/**
 * Turns an HTML page into the kind of plain text a scraper saves (the seeds'
 * case): visible text, one line per block element, no markup. Used only to
 * build benchmark input for the text-page cleaner from pages that have gold
 * article text; it is not part of the product.
 */
import { parseHTML } from 'linkedom';

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'HEAD', 'OBJECT', 'CANVAS', 'SELECT', 'BUTTON']);
const BLOCK = new Set([
  'P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'NAV',
  'ASIDE', 'BR', 'TR', 'TABLE', 'BLOCKQUOTE', 'FIGURE', 'FIGCAPTION', 'MAIN', 'FORM', 'DD', 'DT', 'DL', 'PRE', 'HR',
  'TD', 'TH', 'ADDRESS', 'CENTER', 'TIME',
]);

interface MiniNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<MiniNode>;
}

export function htmlToPlainText(html: string): string {
  const { document } = parseHTML(html);
  const out: string[] = [];
  let line = '';
  const flush = () => {
    const t = line.replace(/\s+/g, ' ').trim();
    if (t.length > 0) out.push(t);
    line = '';
  };
  // Iterative walk: real pages nest deeper than the call stack likes.
  // From the root, not `body`: linkedom leaves some pages (XHTML, body-less fragments) with an empty body.
  const stack: Array<{ node: MiniNode; exit: boolean }> = [{ node: document.documentElement as unknown as MiniNode, exit: false }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined || item.node === null || item.node === undefined) continue;
    const { node, exit } = item;
    const name = node.nodeName.toUpperCase();
    if (exit) {
      if (BLOCK.has(name)) flush();
      continue;
    }
    if (node.nodeType === 3) {
      line += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== 1 || SKIP.has(name)) continue;
    if (BLOCK.has(name)) flush();
    stack.push({ node, exit: true });
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i];
      if (k !== undefined) stack.push({ node: k, exit: false });
    }
  }
  flush();
  return out.join('\n');
}
