/**
 * Rules that recognise single lines of page chrome by what they say.
 *
 * Each rule is a row: a bounded, anchored pattern (or a token test) and the
 * reason recorded when a line is dropped. Layout rules (lists of headlines,
 * repeated captions) live in `layout-rules.ts`; this table is only wording.
 */
import type { BoilerplateReason } from '../../model/types.js';
import { lookupAgency } from '../dateline/known-agencies.js';
import { RELATIVE_TIME_LINE } from './date-line-parser.js';

/** The rule id of the line that opens a comment section. */
export const COMMENTS_START = 'comments-start';

export interface LineRule {
  id: string;
  reason: BoilerplateReason;
  /** Longest line the rule applies to; longer lines are prose, whatever they say. */
  maxLength: number;
  test: (line: string) => boolean;
}

const re = (pattern: RegExp) => (line: string) => pattern.test(line);

/** Headings that open a block of links to other articles. */
export const RELATED_HEADING =
  /^(?:related(?: articles| stories| news| posts| content| coverage| reading)?|read (?:also|more|next)|also read|see also|more (?:from|on|stories|news|in)\b.{0,40}|most (?:popular|read|viewed|shared|commented|recent)(?: (?:in|on|from|this|today|now)\b.{0,30})?|related links|useful links|editor[’'‘`]?s?[’'‘`]? (?:picks?|choice)|recommended(?: for you| stories| articles)?|trending(?: now| stories)?|you (?:may|might) (?:also )?(?:like|be interested in)|popular(?: now| stories| articles)?|top stories|don[’']t miss|in other news|further reading|more headlines|other news)\s?:?$/i;

/** The same headings in the other languages of this field's news (Russian first), so a list is found without English. */
export const RELATED_HEADING_OTHER =
  /^(?:читайте также|смотрите также|по теме|похожие (?:новости|материалы|статьи)|популярное|самое (?:читаемое|популярное)|другие новости|новости партн[её]ров|рекомендуем|leia (?:também|mais)|veja também|você pode gostar|lea también|te puede interesar|noticias relacionadas|(?:à )?lire aussi|sur le même sujet|das könnte sie auch interessieren|mehr zum thema|lesen sie auch)\s?[:.…]{0,3}$/i;

/** Headings of a site-wide news list ("Latest news") or navigation. */
export const NAV_HEADING =
  /^(?:all news|latest(?: news| stories| articles| updates)?|news feed|newsfeed|home|menu|news|top news|breaking news|more news|back to top|skip to (?:main )?content|search|sections?|categories|main menu|navigation|news in brief|live updates)\s?:?$/i;

/** The first line of a donation or membership appeal. */
export const APPEAL_START =
  /^(?:rely on .{1,60}\? we rely on you too|do you (?:rely on|value|appreciate|enjoy) .{1,60}\?|\S.{0,40} needs your (?:help|support)|a word to our (?:loyal )?readers|support \S.{0,40} so (?:we|that) |support (?:independent|our|quality|local|free) (?:journalism|media|reporting|press)|(?:please )?(?:donate|support us)\b|become a (?:member|supporter|patron|subscriber)|we need your (?:help|support)|help us (?:keep|get|stay|continue|remain)|if you (?:value|like|enjoyed|appreciate) (?:our|this|what)|your (?:support|donation|contribution) (?:matters|helps|keeps|makes)|(?:you've|you have) read \d{1,3} (?:free )?articles|(?:independent|quality|good|local|real|honest) journalism (?:needs|depends on|costs|is expensive|is not free|isn[’']t free)|this (?:article|story|reporting) (?:was made possible|is funded) by (?:readers|members|our))/i;

/** A call to action that closes an appeal block. */
export const APPEAL_CTA =
  /^(?:become a (?:member|supporter|patron|subscriber)|donate(?: now| today| here)?|support us(?: now| today)?|subscribe(?: now| today| here)?|join (?:us|now|today|the club)|sign up(?: now| today)?|give (?:now|today)|contribute(?: now| today)?|make a donation)[.!]?$/i;

/** Words that keep an appeal going between its opening line and its call to action. */
export const APPEAL_VOCABULARY = /\b(?:donat\w{0,6}|members?(?:hip)?|subscri\w{0,8}|reader-funded|reader-supported|support us|our journalism|grants?|paywall|contribut\w{0,6})\b/i;

const SHARE_WORDS = new Set([
  'share', 'shares', 'tweet', 'print', 'email', 'e-mail', 'mail', 'copy', 'link', 'facebook', 'twitter', 'x',
  'whatsapp', 'telegram', 'linkedin', 'vk', 'vkontakte', 'reddit', 'pinterest', 'messenger', 'viber',
  'this', 'article', 'story', 'on', 'via', 'save', 'bookmark', 'comment', 'comments', 'follow', 'us', 'odnoklassniki', 'ok',
  // Other languages' share bars.
  'поделиться', 'вконтакте', 'одноклассники', 'твитнуть', 'compartilhar', 'compartir', 'partager', 'teilen', 'baixar', 'pint',
]);

/** `Share | Tweet | Print`, `Facebook Twitter Telegram`: every token a share word, at least one a verb or network. */
function isShareLine(line: string): boolean {
  const tokens = line.toLowerCase().split(/[\s|·•,/:]+/).filter((t) => t.length > 0);
  if (tokens.length === 0 || tokens.length > 12) return false;
  if (!tokens.every((t) => SHARE_WORDS.has(t))) return false;
  return tokens.some((t) => t !== 'this' && t !== 'article' && t !== 'story' && t !== 'on' && t !== 'us' && t !== 'via');
}

/**
 * `Home | Politics | Economy`, `News • Sports • Weather`, `Home   World   Sport` (a rendered menu keeps
 * the gaps between its links): three or more short items between separators.
 */
function isMenuLine(line: string): boolean {
  const items = line.split(/\s?[|•·»›]\s?|\s\/\s|\s{3,}|\t/).map((t) => t.trim()).filter((t) => t.length > 0);
  return items.length >= 3 && items.every((t) => t.split(' ').length <= 3 && t.length <= 30 && !/[.!?]$/.test(t));
}

/** Contact blocks: a phone or fax label together with an e-mail address. */
function isContactLine(line: string): boolean {
  return /\b(?:tel(?:ephone)?|phone|fax)\s?[:.]/i.test(line) && /[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{2,20}/.test(line);
}

/**
 * A teaser scraped as one line: a Title Case headline glued to its summary
 * (`Customers Leave Without Paying Bill At SteakhouseA party of six left…`).
 * The glue (lower case straight into upper case) after three or more
 * capitalised words is what markup removal leaves where a block ended.
 */
function isGluedTeaser(line: string): boolean {
  const tokens = line.split(' ', 20);
  let capitalised = 0;
  for (const token of tokens) {
    if (!/^[\p{Lu}\p{N}$‘'"“(]/u.test(token)) return false;
    if (capitalised >= 3 && /\p{Ll}[\p{Lu}](?:\p{Ll}|$)/u.test(token.slice(1))) return true;
    capitalised++;
  }
  return false;
}

// `[Image: …]`, `[Photo: …]`: the placeholder a scraper leaves for a picture counts as its caption.
const CAPTION = /(?:^|[\s(.[])(?:official photo|photo(?:graph)?s?\s?(?:by|:|credit|©)|file photo|photo\)|image(?:s)?:|\(photo|getty images|shutterstock|epa-efe|©|credit:|illustrative (?:photo|image)|pictured:)/i;

export const LINE_RULES: readonly LineRule[] = [
  { id: 'logo', reason: 'logo', maxLength: 60, test: re(/^(?:[\p{L}\p{N}.&' -]{0,40} )?logo$/iu) },
  { id: 'related-heading', reason: 'related', maxLength: 80, test: (l) => RELATED_HEADING.test(l) || RELATED_HEADING_OTHER.test(l) },
  { id: 'related-inline', reason: 'related', maxLength: 250, test: re(/^(?:read (?:also|more|next)|see (?:also|more)|also read|related(?: article| story)?|more on this|watch|listen)\s?:\s?\S|^also on \S{2,40}\s\S/i) },
  { id: 'nav-heading', reason: 'nav', maxLength: 40, test: re(NAV_HEADING) },
  { id: 'share', reason: 'share', maxLength: 120, test: isShareLine },
  { id: 'share-prompt', reason: 'share', maxLength: 120, test: re(/^(?:share (?:this|on)|like this (?:story|article|post)\?|follow (?:us|\S{1,30})(?: on\b)|follow us|join (?:us|our) (?:on )?(?:telegram|whatsapp|facebook|twitter|channel)|subscribe to (?:our|the) (?:telegram|youtube|channel|newsletter))\b/i) },
  { id: 'menu', reason: 'nav', maxLength: 200, test: isMenuLine },
  { id: 'glued-teaser', reason: 'related', maxLength: 600, test: isGluedTeaser },
  { id: 'appeal-cta', reason: 'appeal', maxLength: 60, test: re(APPEAL_CTA) },
  { id: 'copyright', reason: 'footer', maxLength: 300, test: re(/^(?:©|\(c\)\s?\d{4}|copyright\b|all rights reserved|privacy policy|terms of (?:use|service)|cookie (?:policy|settings)|about us\s?$|contact us\s?$|advertis(?:e|ing)(?: with us)?\s?$)/i) },
  { id: 'contact', reason: 'footer', maxLength: 2000, test: isContactLine },
  { id: 'mailing-footer', reason: 'footer', maxLength: 300, test: re(/^(?:you are receiving this|you received this|to unsubscribe|unsubscribe\b|view (?:this (?:email|newsletter) )?in (?:your )?browser|manage (?:your )?(?:preferences|subscription)|forward(?:ed)? this (?:email|newsletter))/i) },
  { id: 'cookie', reason: 'other', maxLength: 1500, test: re(/^(?:we use cookies|this (?:site|website) uses cookies|by (?:using|continuing to use) this (?:site|website))/i) },
  { id: 'advert', reason: 'other', maxLength: 40, test: re(/^(?:advertisement|advert|sponsored(?: content)?|ad|ads|promoted|paid content)\s?:?$/i) },
  // Where readers' comments begin; what follows is discussion, not the article (see COMMENTS_START).
  { id: COMMENTS_START, reason: 'other', maxLength: 200, test: re(/^(?:(?:\d{1,5} )?(?:comments?|responses?|replies|reactions?|thoughts)(?: (?:to|on) .{1,150})?|leave a (?:comment|reply)(?: \S{1,20}){0,3}|show comments|add (?:a )?comment|join the (?:discussion|conversation)|discussion|comments are closed)\s?:?$/i) },
  { id: 'relative-time', reason: 'date', maxLength: 70, test: re(RELATIVE_TIME_LINE) },
  { id: 'form-field', reason: 'other', maxLength: 200, test: re(/^(?:(?:your )?(?:name|e-?mail(?: address)?|website|url|comment|message|password|username)\s?\*?:?$|your e-?mail address will not be published|required fields are marked|save my name,? e-?mail|notify me of (?:follow-up comments|new posts))/i) },
  { id: 'comment-author', reason: 'other', maxLength: 60, test: re(/^\S{1,40}(?: \S{1,20})? (?:says|said|wrote|writes|replied):$/i) },
  { id: 'tags', reason: 'nav', maxLength: 300, test: re(/^(?:tags|topics|keywords|filed under)\s?:/i) },
  { id: 'caption', reason: 'caption', maxLength: 200, test: re(CAPTION) },
];

/** The first rule matching the line, if any. */
export function matchLineRule(line: string): LineRule | null {
  for (const rule of LINE_RULES) {
    if (line.length <= rule.maxLength && rule.test(line)) return rule;
  }
  return null;
}

// `Text: Jane Doe` and `Words: Jane Doe` (Nordic and magazine style) need their colon; `By` does not.
const BYLINE_LABEL = /^(?:(?:by|authors?|written by|words by|reporting by|text by|posted by)\s?:?|(?:text|words|byline)\s?:)\s(.{2,100})$/i;
const NAME_WORD = /^(?:\p{Lu}[\p{L}.'’-]{0,30}|and|&|de|van|von|der|al|bin)$/u;

/** `By Jane Doe`, `Author: Jane Doe | Staff`, `By A. Smith and B. Jones` → the name(s); null when the rest is not names. */
export function parseBylineLine(line: string): string | null {
  if (line.length > 120) return null;
  const m = BYLINE_LABEL.exec(line.trim());
  if (m === null) return null;
  // Whatever follows a separator is a role or a date (`| Staff writer`, `— 4 June`).
  // Whatever follows a separator, or ` on ` / `, ` before a date, is a role or a date (`| Staff`, `on November 19, 2019`).
  const names = (m[1] ?? '').split(/\s?[|;•·—–]\s?|\s-\s|\s(?:on|at)\s(?=\p{Lu}|\d)|,\s(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s\d)/iu)[0]?.trim() ?? '';
  const words = names.replace(/,/g, ' ').split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0 || words.length > 10 || !words.every((w) => NAME_WORD.test(w))) return null;
  // `By Jane Doe, Associated Press`: the agency is a credit, not an author.
  const parts = names.replace(/,$/, '').split(/,\s?/);
  const lastPart = parts.at(-1);
  if (parts.length > 1 && lastPart !== undefined && lookupAgency(lastPart.replace(/^the\s/i, '')) !== null) parts.pop();
  return parts.join(', ');
}
