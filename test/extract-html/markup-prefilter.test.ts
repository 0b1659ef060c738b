import { describe, expect, it } from 'vitest';
import { prefilterMarkup } from '../../src/extract/html/markup-prefilter.js';

describe('prefilterMarkup', () => {
  it('cuts scripts, styles and navigation but keeps JSON-LD', () => {
    const out = prefilterMarkup('<p>a</p><script>var x = "<p>no</p>";</script><nav><a>menu</a></nav><script type="application/ld+json">{"a":"<b> x </b>"}</script>');
    expect(out).toBe('<p>a</p><script type="application/ld+json">{"a":"<b> x </b>"}</script>');
  });
  it('drops whitespace-only text next to block tags only', () => {
    expect(prefilterMarkup('<div>\n  <p>One</p>\n  <p>Two</p>\n</div>')).toBe('<div><p>One</p><p>Two</p></div>');
    // Between inline elements the space separates words and stays.
    expect(prefilterMarkup('<p><a href="#">New</a> <b>York</b>\n<i>Times</i></p>')).toBe('<p><a href="#">New</a> <b>York</b>\n<i>Times</i></p>');
    // Text that is not only whitespace is never touched.
    expect(prefilterMarkup('<p>  word  </p>')).toBe('<p>  word  </p>');
  });
  it('keeps whitespace inside <pre> and <textarea>', () => {
    const pre = '<pre>\n  <div>x</div>\n  <b>y</b>\n</pre>';
    expect(prefilterMarkup(pre)).toBe(pre);
  });
  it('does not take a custom element for a cut one', () => {
    expect(prefilterMarkup('<nav-menu><p>kept</p></nav-menu>')).toBe('<nav-menu><p>kept</p></nav-menu>');
  });
  it('handles runs of stray `<` and whitespace (one linear pass; the test timeout guards a hang)', () => {
    const hostile = '<'.repeat(200_000) + ' \n'.repeat(100_000) + '<div>'.repeat(50_000);
    const out = prefilterMarkup(hostile);
    expect(out.startsWith('<<<')).toBe(true);
    expect(out.endsWith('<div><div>')).toBe(true);
  });
});
