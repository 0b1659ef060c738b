/**
 * orgPatternSpans reads capitals with an ASCII shortcut: names that start with a non-ASCII
 * capital still count, lower-case and empty words do not.
 */
import { describe, expect, it } from 'vitest';
import { orgPatternSpans } from '../../src/enrich/entities/mention-rules.js';
import { tokenize } from '../../src/enrich/ner/tokenizer.js';

describe('orgPatternSpans', () => {
  it('walks over ASCII and non-ASCII capitals', () => {
    const text = 'Officials of the Ökologische Zürich Ministry of Élevage said the ministry of health agreed.';
    const spans = orgPatternSpans(tokenize(text)).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['Ökologische Zürich Ministry of Élevage']);
  });
  it('needs a capital head', () => {
    const text = 'the zürich ministry of élevage';
    expect(orgPatternSpans(tokenize(text))).toEqual([]);
  });
});
