/**
 * Clustering scores against a gold partition: B-cubed (Bagga & Baldwin 1998)
 * precision/recall/F1 averaged over items, and pairwise precision/recall/F1
 * over all item pairs. Both take maps item → cluster label.
 */
export interface ClusterScores {
  bcubedP: number;
  bcubedR: number;
  bcubedF1: number;
  pairP: number;
  pairR: number;
  pairF1: number;
  items: number;
  predictedClusters: number;
  goldClusters: number;
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function scoreClustering(predicted: Map<string, string>, gold: Map<string, string>): ClusterScores {
  const items = [...gold.keys()].filter((k) => predicted.has(k));
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  const joint = new Map<string, number>();
  for (const k of items) {
    const p = predicted.get(k)!;
    const g = gold.get(k)!;
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
    const j = p + '\u0000' + g;
    joint.set(j, (joint.get(j) ?? 0) + 1);
  }
  let bp = 0;
  let br = 0;
  for (const k of items) {
    const p = predicted.get(k)!;
    const g = gold.get(k)!;
    const both = joint.get(p + '\u0000' + g)!;
    bp += both / predSize.get(p)!;
    br += both / goldSize.get(g)!;
  }
  const n = items.length;
  const pairs = (m: Map<string, number>): number => [...m.values()].reduce((s, c) => s + (c * (c - 1)) / 2, 0);
  const tp = pairs(joint);
  const predPairs = pairs(predSize);
  const goldPairs = pairs(goldSize);
  const pairP = predPairs === 0 ? 1 : tp / predPairs;
  const pairR = goldPairs === 0 ? 1 : tp / goldPairs;
  const bcubedP = n === 0 ? 0 : bp / n;
  const bcubedR = n === 0 ? 0 : br / n;
  return {
    bcubedP,
    bcubedR,
    bcubedF1: f1(bcubedP, bcubedR),
    pairP,
    pairR,
    pairF1: f1(pairP, pairR),
    items: n,
    predictedClusters: predSize.size,
    goldClusters: goldSize.size,
  };
}
