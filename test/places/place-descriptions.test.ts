import { describe, expect, it } from 'vitest';
import { recognizeEntities } from '../../src/enrich/entities/entity-recognizer.js';
import { linkPlacesToEntities } from '../../src/enrich/places/place-linker.js';
import { resolvePlaces } from '../../src/enrich/places/place-resolver.js';
import { splitSentences } from '../../src/enrich/sentences/sentence-splitter.js';

function analyse(text: string) {
  const r = recognizeEntities(text, splitSentences(text));
  return { ...r, ...resolvePlaces(text, r.mentions, { dateline: null }) };
}

describe('place descriptions', () => {
  it('links "<Country>\'s southernmost region" to the region the article names, with evidence', () => {
    const text =
      'Villagers in Syunik Province reported gunfire on Tuesday. Officials in Gegharkunik Province said the night was calm. ' +
      "Talks focused on the border of Armenia's southernmost region.";
    const r = analyse(text);
    expect(r.descriptions).toHaveLength(1);
    const d = r.descriptions[0]!;
    expect(d.text).toBe("Armenia's southernmost region");
    expect(d.aliasOf.text).toBe('Syunik Province');
    expect(d.country).toBe('Armenia');
    expect(d.evidence.some((e) => e.includes('southernmost'))).toBe(true);
  });

  it('links "the southern region of X" and the curly possessive the same way', () => {
    const a = analyse('Shells fell near Syunik Province. Residents of the southern region of Armenia fled.');
    expect(a.descriptions.map((d) => [d.text, d.aliasOf.text])).toEqual([['the southern region of Armenia', 'Syunik Province']]);
    const b = analyse('Shells fell near Syunik Province. Residents of Armenia’s southern region fled.');
    expect(b.descriptions[0]?.aliasOf.text).toBe('Syunik Province');
  });

  it('does not link a description the named place contradicts, or one with no named place', () => {
    // Syunik lies in the south: "the northern region" is some other region.
    expect(analyse('Shells fell near Syunik Province. Residents of the northern region of Armenia fled.').descriptions).toEqual([]);
    // Nothing of that kind named in that country.
    expect(analyse("Officials in Yerevan spoke about Armenia's southernmost region.").descriptions).toEqual([]);
    // A region in another country does not count.
    expect(analyse("Troops left Syunik Province. Georgia's southernmost region was quiet.").descriptions).toEqual([]);
  });

  it('links the capital and the largest city to the city the article names', () => {
    const a = analyse('Protesters gathered in Yerevan on Monday. Police in the Armenian capital made no arrests.');
    expect(a.descriptions.map((d) => [d.text, d.aliasOf.text])).toEqual([['the Armenian capital', 'Yerevan']]);
    const b = analyse("Traffic stopped in Tbilisi and Batumi. Georgia's largest city was hit hardest.");
    expect(b.descriptions.map((d) => d.aliasOf.text)).toEqual(['Tbilisi']);
  });

  it('reads a misspelt name inside the description as the named region', () => {
    const r = analyse("The governor of Armenia's Sinyuk region met envoys. Later, Syunik Province reopened its roads.");
    expect(r.descriptions.map((d) => d.aliasOf.text)).toEqual(['Syunik Province']);
    expect(r.descriptions[0]!.evidence.some((e) => e.includes('spelling'))).toBe(true);
  });

  it('records the description as an alias of the place entity', () => {
    const text = "Gunfire was reported in Syunik Province. Armenia's southernmost region borders Iran.";
    const r = analyse(text);
    const linked = linkPlacesToEntities(r.entities, r.mentions, r.places, r.descriptions);
    const syunik = linked.find((e) => e.name.includes('Syunik'));
    expect(syunik?.aliases).toContain("Armenia's southernmost region");
  });

  it('stays linear on hostile text', () => {
    const text = "Armenia's ".repeat(5000) + 'the '.repeat(5000) + 'Aaaa Bbbb Cccc '.repeat(3000);
    expect(analyse(text).descriptions).toEqual([]);
  });
});
