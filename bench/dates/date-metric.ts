/** Day-level date scoring as shared/README.md states it. */
export interface DateOutcome {
  /** Null when the page has no publication date (undateable). */
  gold: string | null;
  /** `YYYY-MM-DD`, or null when the extractor gave no date. */
  predicted: string | null;
}

export interface DateScore {
  precision: number;
  recall: number;
  f1: number;
  right: number;
  wrong: number;
  none: number;
  /** Undateable pages where the extractor rightly gave no date. */
  rightNone: number;
}

export function scoreDates(outcomes: readonly DateOutcome[]): DateScore {
  let right = 0;
  let wrong = 0;
  let none = 0;
  let rightNone = 0;
  let dateable = 0;
  for (const o of outcomes) {
    if (o.gold !== null) dateable++;
    if (o.predicted === null) {
      if (o.gold === null) rightNone++;
      else none++;
    }
    else if (o.predicted === o.gold) right++;
    else wrong++;
  }
  // A wrong day (including any day for an undateable page) is a false
  // positive; recall is over the pages that have a gold day.
  const precision = right + wrong === 0 ? 0 : right / (right + wrong);
  const recall = dateable === 0 ? 0 : right / dateable;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, right, wrong, none, rightNone };
}
