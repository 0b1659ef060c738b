import type { CueStance } from '../../model/types.js';
import { LEARNED_CUES } from './learned-cues.js';

/**
 * The reporting-verb lexicon: every cue word the extractor recognises, with
 * the stance it conveys. One table so that stance decisions are reviewable in
 * one place. Forms are listed explicitly (no stemming) because irregular
 * reporting verbs (said, told, wrote) are the most frequent ones.
 */

export interface CueEntry {
  lemma: string;
  stance: CueStance;
  /** True for verbs of belief or perception, which PolNeAR counts but a speech index may not want. */
  belief?: boolean;
  /** True when the verb normally takes a person object before the content ("told reporters that"). */
  takesObject?: boolean;
}

type Row = [lemma: string, forms: string, stance: CueStance, flags?: 'belief' | 'object'];

const ROWS: Row[] = [
  // neutral speech
  ['say', 'say says said saying', 'neutral'],
  ['tell', 'tell tells told telling', 'neutral', 'object'],
  ['add', 'add adds added adding', 'neutral'],
  ['note', 'note notes noted noting', 'neutral'],
  ['state', 'stated stating', 'neutral'],
  ['explain', 'explain explains explained explaining', 'neutral'],
  ['comment', 'commented commenting', 'neutral'],
  ['remark', 'remarked remarking', 'neutral'],
  ['mention', 'mentioned mentioning', 'neutral'],
  ['observe', 'observed observing', 'neutral'],
  ['report', 'reported reports reporting', 'neutral'],
  ['announce', 'announce announces announced announcing', 'neutral'],
  ['write', 'write writes wrote writing', 'neutral'],
  ['tweet', 'tweeted tweets tweeting', 'neutral'],
  ['post', 'posted', 'neutral'],
  ['reply', 'replied replies replying', 'neutral'],
  ['respond', 'responded responds responding', 'neutral'],
  ['answer', 'answered', 'neutral'],
  ['recall', 'recalled recalls recalling', 'neutral'],
  ['continue', 'continued continues', 'neutral'],
  ['describe', 'described describes describing', 'neutral'],
  ['characterise', 'characterised characterized characterises characterizes characterising characterizing', 'neutral'],
  ['call', 'called calling', 'neutral'],
  ['suggest', 'suggest suggested suggests suggesting', 'neutral'],
  ['indicate', 'indicated indicates indicating', 'neutral'],
  ['point out', 'pointed', 'neutral'],
  ['ask', 'ask asks asked asking', 'neutral', 'object'],
  ['agree', 'agreed agrees', 'neutral'],
  ['acknowledge', 'acknowledged acknowledges acknowledging', 'neutral'],
  ['admit', 'admitted admits admitting', 'neutral'],
  ['confirm', 'confirmed confirms confirming', 'neutral'],
  ['reveal', 'revealed reveals revealing', 'neutral'],
  ['disclose', 'disclosed', 'neutral'],
  ['thank', 'thanked thanks thanking', 'neutral'],
  ['conclude', 'concluded concludes', 'neutral'],
  ['argue', 'argued argues arguing', 'neutral'],
  ['urge', 'urged urges urging', 'neutral'],
  ['appeal', 'appealed', 'neutral'],
  ['propose', 'proposed proposes', 'neutral'],
  ['predict', 'predicted predicts predicting', 'neutral'],
  ['estimate', 'estimated estimates', 'neutral'],
  ['complain', 'complained complains complaining', 'neutral'],
  ['concede', 'conceded concedes', 'neutral'],
  ['explain', 'explains', 'neutral'],
  ['inform', 'informed informs', 'neutral', 'object'],
  ['joke', 'joked jokes', 'neutral'],
  ['quip', 'quipped', 'neutral'],
  ['boast', 'boasted boasts', 'neutral'],
  ['recount', 'recounted', 'neutral'],
  ['testify', 'testified', 'neutral'],
  ['read', 'reads', 'neutral'],
  ['criticise', 'criticised criticized criticizes criticises', 'neutral'],
  ['accuse', 'accused accuses accusing', 'contested', 'object'],
  ['exclaim', 'exclaimed exclaims exclaiming', 'emphatic'],
  ['confess', 'confessed confesses confessing', 'neutral'],
  ['shout', 'shouted shouts shouting', 'emphatic'],
  ['yell', 'yelled yells yelling', 'emphatic'],
  ['scream', 'screamed screams', 'emphatic'],
  ['retort', 'retorted retorts', 'neutral'],
  ['chant', 'chanted chants chanting', 'neutral'],
  ['echo', 'echoed echoes echoing', 'neutral'],
  ['whisper', 'whispered whispers', 'neutral'],
  ['mutter', 'muttered mutters', 'neutral'],
  ['sigh', 'sighed', 'neutral'],
  ['laugh', 'laughed', 'neutral'],
  ['snap', 'snapped', 'neutral'],
  ['bark', 'barked', 'emphatic'],
  ['interject', 'interjected', 'neutral'],
  ['counter', 'countered counters', 'neutral'],
  ['shoot back', 'shot fired', 'neutral'],
  ['wonder', 'wondered wonders', 'neutral'],
  ['demand', 'demanded demands demanding', 'emphatic'],
  ['plead', 'pleaded pleads', 'neutral'],
  ['muse', 'mused', 'neutral'],
  ['marvel', 'marveled marvelled', 'neutral'],
  ['gush', 'gushed', 'neutral'],
  ['lament', 'lamented laments lamenting', 'neutral'],
  ['opine', 'opined', 'neutral'],
  ['proclaim', 'proclaimed proclaims', 'emphatic'],
  ['elaborate', 'elaborated', 'neutral'],
  ['clarify', 'clarified', 'neutral'],
  ['remind', 'reminded reminds', 'neutral', 'object'],
  ['reason', 'reasoned', 'neutral'],
  ['email', 'emailed', 'neutral'],
  ['text', 'texted', 'neutral'],
  ['blast', 'blasted blasts', 'contested'],
  ['slam', 'slammed slams', 'contested'],
  ['mock', 'mocked mocks mocking', 'contested'],
  ['praise', 'praised praises praising', 'neutral'],
  ['hail', 'hailed hails', 'neutral'],
  ['label', 'labeled labelled labeling labelling', 'neutral'],
  ['quote', 'quoted quotes quoting', 'neutral'],
  ['point out', 'points', 'neutral'],
  ['go on', 'goes went', 'neutral'],
  ['offer', 'offered', 'neutral'],
  ['recommend', 'recommended recommends', 'neutral'],
  ['advise', 'advised advises', 'neutral'],
  ['order', 'ordered', 'neutral'],
  ['instruct', 'instructed', 'neutral'],
  ['brag', 'bragged brags', 'neutral'],
  ['tease', 'teased', 'neutral'],
  ['grumble', 'grumbled', 'neutral'],
  ['protest', 'protested', 'contested'],
  ['object', 'objected', 'contested'],
  ['charge', 'charged', 'contested'],
  ['speculate', 'speculated', 'neutral'],
  ['summarize', 'summarized summarised', 'neutral'],
  ['speak', 'spoke speaks speaking', 'neutral'],
  // emphatic
  ['stress', 'stressed stresses stressing', 'emphatic'],
  ['emphasise', 'emphasised emphasized emphasises emphasizes emphasising emphasizing', 'emphatic'],
  ['underscore', 'underscored underscores underscoring', 'emphatic'],
  ['underline', 'underlined underlines underlining', 'emphatic'],
  ['insist', 'insist insisted insists insisting', 'emphatic'],
  ['highlight', 'highlighted highlights highlighting', 'emphatic'],
  ['assert', 'asserted asserts asserting', 'emphatic'],
  ['affirm', 'affirmed reaffirmed affirms reaffirms', 'emphatic'],
  ['reiterate', 'reiterated reiterates reiterating', 'emphatic'],
  ['declare', 'declared declares declaring', 'emphatic'],
  // contested: the reporter keeps a distance from the claim
  ['claim', 'claimed claims claiming', 'contested'],
  ['allege', 'alleged alleges alleging', 'contested'],
  ['contend', 'contended contends', 'contested'],
  ['purport', 'purported purports', 'contested'],
  // denial
  ['deny', 'denied denies denying deny', 'denial'],
  ['dismiss', 'dismissed dismisses dismissing', 'denial'],
  ['reject', 'rejected rejects rejecting', 'denial'],
  ['refute', 'refuted refutes refuting', 'denial'],
  ['rebuff', 'rebuffed', 'denial'],
  ['disavow', 'disavowed', 'denial'],
  // refusal: "declined to comment" (the content is the refused act)
  ['decline', 'declined declines declining', 'refusal'],
  ['refuse', 'refused refuses refusing', 'refusal'],
  // promise
  ['promise', 'promised promises promising', 'promise'],
  ['pledge', 'pledged pledges pledging', 'promise'],
  ['vow', 'vowed vows vowing', 'promise'],
  ['guarantee', 'guaranteed', 'promise'],
  ['assure', 'assured assures assuring', 'promise', 'object'],
  // warning
  ['warn', 'warned warns warning', 'warning'],
  ['caution', 'cautioned cautions cautioning', 'warning'],
  ['threaten', 'threatened threatens threatening', 'warning'],
  // belief and perception (attributions in PolNeAR's sense)
  ['believe', 'believe believes believed', 'neutral', 'belief'],
  ['think', 'think thinks thought', 'neutral', 'belief'],
  ['feel', 'feel feels felt', 'neutral', 'belief'],
  ['hope', 'hopes hoped', 'neutral', 'belief'],
  ['expect', 'expect expects expected expecting', 'neutral', 'belief'],
  ['fear', 'fears feared', 'neutral', 'belief'],
  ['worry', 'worried worries', 'neutral', 'belief'],
  ['know', 'knows knew', 'neutral', 'belief'],
  ['show', 'show shows showed showing', 'neutral', 'belief'],
  // stances towards someone or something (PolNeAR counts them as attributions; flagged as belief)
  ['support', 'supports supported supporting', 'neutral', 'belief'],
  ['endorse', 'endorse endorses endorsed endorsing', 'neutral', 'belief'],
  ['oppose', 'oppose opposes opposed opposing', 'neutral', 'belief'],
  ['want', 'want wants wanted', 'neutral', 'belief'],
  ['plan', 'planned', 'neutral', 'belief'],
  ['seek', 'seek seeks sought seeking', 'neutral', 'belief'],
  ['defend', 'defended defends defending', 'neutral', 'belief'],
  ['cite', 'cites cited citing', 'neutral', 'belief'],
  ['see', 'sees', 'neutral', 'belief'],
  ['view', 'viewed', 'neutral', 'belief'],
  ['attack', 'attacked attacking', 'contested', 'belief'],
  ['question', 'questioned questioning', 'contested', 'belief'],
  ['denounce', 'denounced denounces denouncing', 'contested', 'belief'],
  ['condemn', 'condemned condemns condemning', 'contested', 'belief'],
  ['decry', 'decried decries', 'contested', 'belief'],
  ['blame', 'blamed blames blaming', 'contested', 'belief'],
  ['welcome', 'welcomed welcomes', 'neutral', 'belief'],
  ['discuss', 'discussed discusses discussing', 'neutral', 'belief'],
  ['compare', 'compared compares comparing', 'neutral', 'belief'],
  ['express', 'expressed expresses expressing', 'neutral', 'belief'],
  ['refer', 'referring referred', 'neutral', 'belief'],
  ['find', 'found finds', 'neutral', 'belief'],
];

const FORMS = new Map<string, CueEntry>();
for (const [lemma, forms, stance, flag] of ROWS) {
  const entry: CueEntry = { lemma, stance };
  if (flag === 'belief') entry.belief = true;
  if (flag === 'object') entry.takesObject = true;
  for (const f of forms.split(' ')) if (!FORMS.has(f)) FORMS.set(f, entry);
}

/** Forms that are cues only with their particle: "pointed out", "shot back", "went on". */
const PARTICLES: Record<string, string> = { pointed: 'out', points: 'out', shot: 'back', fired: 'back', goes: 'on', went: 'on' };

/** Whether the word at hand is a cue given the next word (phrasal verbs need their particle). */
export function particleOk(form: string, next: string | undefined): boolean {
  const p = PARTICLES[form];
  return p === undefined || next === p;
}

/** The hand-written table only (the learner uses it to skip what is already known). */
export function handCueEntry(form: string): CueEntry | undefined {
  return FORMS.get(form);
}

/** The learned cue words as a set (own keys of LEARNED_CUES: the same answers as `Object.hasOwn`, a cheaper look-up). */
const LEARNED_FORMS: ReadonlySet<string> = new Set(Object.keys(LEARNED_CUES));

/**
 * Which (first letter, second letter, length) shapes the cue forms have, for forms that start with two ASCII
 * lower-case letters (lengths above 31 share the last slot): a word of another shape is no cue form, whatever
 * its case, so it is answered without lower-casing it or looking it up.
 */
const CUE_SHAPES = new Uint8Array(26 * 26 * 32);
function cueShape(form: string): number {
  const a = form.charCodeAt(0) - 0x61;
  const b = form.charCodeAt(1) - 0x61;
  // (NaN for a one-letter form: no shape.)
  return a >= 0 && a < 26 && b >= 0 && b < 26 ? (a * 26 + b) * 32 + Math.min(form.length, 31) : -1;
}
for (const f of [...FORMS.keys(), ...LEARNED_FORMS]) {
  const i = cueShape(f);
  if (i >= 0) CUE_SHAPES[i] = 1;
}

/**
 * Whether the ASCII letters and digits at [start, end) of text could be a cue form (false: certainly not; a
 * pre-test that reads the text in place). Cue forms are lower-case ASCII words of two letters or more.
 */
export function mayBeCueForm(text: string, start: number, end: number): boolean {
  const a = text.charCodeAt(start) - 0x61;
  if (a < 0 || a >= 26) return false;
  if (end - start < 2) return cueEntry(text.slice(start, end)) !== undefined;
  const b = text.charCodeAt(start + 1) - 0x61;
  if (b < 0 || b >= 26) return cueEntry(text.slice(start, end)) !== undefined;
  return CUE_SHAPES[(a * 26 + b) * 32 + Math.min(end - start, 31)] === 1 && cueEntry(text.slice(start, end)) !== undefined;
}

/** The lexicon entry for a lowercase word form, if it is a cue. */
export function cueEntry(form: string): CueEntry | undefined {
  // Only lowercase words are verbs here: "Hopes" in a title-case headline is not a cue.
  // (An ASCII capital first is answered without lower-casing the word, and so is a word of no cue form's shape.)
  const c = form.charCodeAt(0);
  if (c >= 0x41 && c <= 0x5a) return undefined;
  const shape = cueShape(form);
  if ((shape >= 0 && CUE_SHAPES[shape] === 0) || form !== form.toLowerCase()) return undefined;
  const known = FORMS.get(form);
  if (known) return known;
  // Words learned from PolNeAR train: attributions, but not necessarily speech, so flagged as belief.
  return LEARNED_FORMS.has(form) ? { lemma: form, stance: 'neutral', belief: true } : undefined;
}

/**
 * Phrases in the cue or the content that override the verb's stance: a quote
 * whose words deny ("does not correspond to reality") is a denial whatever the
 * reporting verb; "does not comment" is a refusal. Matched case-insensitively.
 */
export const STANCE_PHRASES: { pattern: RegExp; stance: CueStance }[] = [
  { pattern: /\b(?:declin\w{0,3}|refus\w{0,3}) to (?:comment|say|discuss|answer|elaborate|respond)\b/i, stance: 'refusal' },
  { pattern: /\b(?:does|do|did|would|will|could) not (?:comment|respond to (?:a )?request)/i, stance: 'refusal' },
  { pattern: /\b(?:doesn't|don't|didn't|won't|wouldn't) comment\b/i, stance: 'refusal' },
  { pattern: /\bno comment\b/i, stance: 'refusal' },
  { pattern: /\b(?:does|do|did) not correspond to (?:the )?reality\b/i, stance: 'denial' },
  { pattern: /\b(?:is|are|was|were) (?:simply |absolutely |completely )?(?:not true|untrue|false|baseless|groundless|unfounded)\b/i, stance: 'denial' },
];

export function phraseStance(text: string): CueStance | null {
  for (const { pattern, stance } of STANCE_PHRASES) if (pattern.test(text)) return stance;
  return null;
}
