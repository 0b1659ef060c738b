import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../src/pipeline/analyze.js';
import { OutletPlaceHistory, withOutletPrior } from '../../src/pipeline/outlet-places.js';
import type { Article } from '../../src/model/types.js';

function analyse(content: string, outlet: string | null = 'Peach County Ledger'): Article {
  const r = analyzeDocument({ source: 'test', kind: 'text', contentType: 'text/plain', content, verbatim: true, ...(outlet ? { outlet } : {}) });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

// A made-up Georgia paper: three local stories, then one that names only "Decatur".
const archive = [
  'Macon police said the fire started late Tuesday. Crews from Warner Robins and Perry helped put it out before it reached the highway.',
  'The county school board in Marietta approved a new budget. Parents from Kennesaw and Smyrna asked for more buses on the north side.',
  'Farmers near Valdosta and Tifton expect a smaller peanut harvest this year after a dry summer, the extension office in Albany said.',
];
const ambiguous = 'The Decatur city commission voted 4-1 on Monday to repave the square. Residents of Decatur had asked for the work for two years.';

const decatur = (a: Article) => a.places.find((p) => p.text === 'Decatur');

describe('outlet place history', () => {
  it('learns a local paper\'s home state and reads an ambiguous town there', () => {
    const single = analyse(ambiguous);
    // Without the outlet's history, Decatur is some other state's (the larger Decaturs are in Illinois and Alabama).
    expect(decatur(single)).toBeDefined();
    expect(decatur(single)!.region).not.toBe('Georgia');

    const history = new OutletPlaceHistory();
    for (const text of archive) {
      const a = analyse(text);
      expect(a.places.some((p) => p.region === 'Georgia')).toBe(true);
      const { article, observed } = history.apply(a);
      history.observe(article.outlet, observed);
    }
    expect(history.articles('Peach County Ledger')).toBe(3);
    const prior = history.prior('peach county ledger ');
    expect(prior).not.toBeNull();
    expect(prior!.regionPrior.get('US.GA')).toBe(1);

    const { article, observed } = history.apply(single);
    expect(decatur(article)?.region).toBe('Georgia');
    // What is observed is what the article found on its own, never the prior's own reading.
    expect(observed).toBe(single.places);
    // The LOC entity is linked anew to the place its mentions now resolve to.
    const loc = article.entityTable.find((e) => e.type === 'LOC' && e.name === 'Decatur');
    if (loc) expect(loc.geonameId).toBe(decatur(article)!.geonameId ?? undefined);
  });

  it('gives no prior before three articles, nor for another or unnamed outlet', () => {
    const history = new OutletPlaceHistory();
    const a = analyse(archive[0]!);
    history.observe(a.outlet, a.places);
    history.observe(a.outlet, a.places);
    expect(history.prior(a.outlet)).toBeNull();
    expect(history.apply(analyse(ambiguous)).article.places).toEqual(analyse(ambiguous).places);
    history.observe(a.outlet, a.places);
    expect(history.prior(a.outlet)).not.toBeNull();
    expect(history.prior('Another Paper')).toBeNull();
    const anonymous = analyse(ambiguous, null);
    history.observe(anonymous.outlet, anonymous.places);
    expect(history.prior(anonymous.outlet)).toBeNull();
    expect(history.apply(anonymous).article).toBe(anonymous);
  });

  it('remembers a bounded number of articles and outlets', () => {
    const history = new OutletPlaceHistory({ perOutlet: 3, maxOutlets: 2 });
    const ga = analyse(archive[0]!);
    for (let i = 0; i < 5; i++) history.observe('A', ga.places);
    expect(history.articles('A')).toBe(3);
    history.observe('B', ga.places);
    history.observe('C', ga.places);
    expect(history.articles('A')).toBe(0);
    expect(history.articles('C')).toBe(1);
  });

  it('re-resolving without outlet evidence changes nothing', () => {
    const a = analyse(archive[1]!);
    const again = withOutletPrior(a, { regionPrior: new Map(), regionPriorSoleName: new Map(), homePoints: [] });
    expect(again.places).toEqual(a.places);
    expect(again.entityTable).toEqual(a.entityTable);
  });
});
