/**
 * The learned rule filter: each candidate attribution carries the rule that
 * found it and its cue lemma; the share of such candidates that matched a gold
 * attribution on PolNeAR train is its estimated precision. Kinds below the
 * threshold are dropped. Built by `npx tsx bench/quotes/train-rule-filter.ts`
 * into models/quote-rule-filter.json; when the file is missing nothing is dropped.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RuleFilter {
  /** Keep a candidate whose estimated precision is at least this. */
  threshold: number;
  /** The same for the direct-quote rules (their precision is measured against direct gold quotes). */
  directThreshold: number;
  /** Precision by rule (the back-off), with the number of train candidates. */
  rules: Record<string, { p: number; n: number }>;
  /** Precision by "rule|lemma", only for kinds seen often enough on train. */
  cues: Record<string, { p: number; n: number }>;
  /** Words that headed enough gold cues on train to be tried by the generic rule ("voted", "backed", "support"). */
  forms: string[];
}

const formSets = new WeakMap<RuleFilter, ReadonlySet<string>>();
const NO_FORMS: ReadonlySet<string> = new Set();

export function genericForms(f: RuleFilter | null): ReadonlySet<string> {
  if (f === null) return NO_FORMS;
  let set = formSets.get(f);
  if (!set) {
    set = new Set(f.forms);
    formSets.set(f, set);
  }
  return set;
}

export const DEFAULT_RULE_FILTER_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../models/quote-rule-filter.json');

let cached: RuleFilter | null | undefined;

export function loadRuleFilter(file: string): RuleFilter | null {
  if (!existsSync(file)) return null;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RuleFilter;
  if (typeof raw.threshold !== 'number' || typeof raw.directThreshold !== 'number' || typeof raw.rules !== 'object' || typeof raw.cues !== 'object' || !Array.isArray(raw.forms)) return null;
  return raw;
}

export function defaultRuleFilter(): RuleFilter | null {
  if (cached === undefined) cached = loadRuleFilter(DEFAULT_RULE_FILTER_PATH);
  return cached;
}

/** The estimated precision of a candidate kind: its own rate when known, else its rule's, else 1 (unknown kinds are kept). */
export function estimatedPrecision(f: RuleFilter, rule: string, lemma: string): number {
  return f.cues[`${rule}|${lemma}`]?.p ?? f.rules[rule]?.p ?? 1;
}

/** Rules that find quotations in quote marks; the others find reported speech and other attributions. */
export const DIRECT_RULES: ReadonlySet<string> = new Set(['direct-after', 'direct-before', 'orphan', 'orphan-unattributed']);

export function keepCandidate(f: RuleFilter, rule: string, lemma: string): boolean {
  return estimatedPrecision(f, rule, lemma) >= (DIRECT_RULES.has(rule) ? f.directThreshold : f.threshold);
}
