import { describe, expect, it } from 'vitest';
import { cueEntry, handCueEntry } from '../../src/enrich/quotes/cue-lexicon.js';
import { LEARNED_CUES } from '../../src/enrich/quotes/learned-cues.js';
import { tokenize } from '../../src/enrich/quotes/tokens.js';

/** cueEntry as it reads without the shape pre-test. */
function reference(form: string) {
  const c = form.charCodeAt(0);
  if ((c >= 0x41 && c <= 0x5a) || form !== form.toLowerCase()) return undefined;
  const known = handCueEntry(form);
  if (known) return known;
  return Object.hasOwn(LEARNED_CUES, form) ? { lemma: form, stance: 'neutral', belief: true } : undefined;
}

describe('cue look-up with the shape pre-test', () => {
  it('answers every lexicon form, learned cue and their case variants as the look-up alone does', () => {
    const forms = ['said', 'says', 'told', 'according', 'pointed', 'went', ...Object.keys(LEARNED_CUES)];
    let cues = 0;
    for (const f of forms) {
      for (const v of [f, f.toUpperCase(), f[0]!.toUpperCase() + f.slice(1), f + 's', f.slice(0, -1), `${f}x${f}`]) {
        expect(cueEntry(v)).toEqual(reference(v));
        if (reference(v)) cues++;
      }
    }
    expect(cues).toBeGreaterThan(forms.length);
  });

  it('answers the words of running text, odd ones included, as the look-up alone does', () => {
    const text = 'He said, “İt wasn’t ÉTÉ’s fault,” adding that ﬁnance officials warned, announced, and claimed: x y 42 éclat ßaid a’b a- said';
    const words = tokenize(text).map((t) => t.text);
    for (const w of [...words, '', 'a', 'sä', 'sAid', 'saİd', 'said\u0307', 'ſaid']) expect(cueEntry(w)).toEqual(reference(w));
    expect(words.filter((w) => cueEntry(w) !== undefined).length).toBeGreaterThanOrEqual(4);
  });
});
