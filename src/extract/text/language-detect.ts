/**
 * Language of an article text via franc, reported as ISO 639-1 where one exists.
 *
 * franc knows hundreds of languages and, on short news text, sometimes picks a
 * close minor one (Scots for English); restricting it to the languages news in
 * this field is written in keeps the answer stable.
 */
import { franc } from 'franc';

/** ISO 639-3 (as franc reports) → ISO 639-1. */
const ISO_639_1: Readonly<Record<string, string>> = {
  eng: 'en', rus: 'ru', ukr: 'uk', bel: 'be', hye: 'hy', azj: 'az', azb: 'az', kat: 'ka', kaz: 'kk',
  uzn: 'uz', tur: 'tr', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', pol: 'pl',
  ces: 'cs', slk: 'sk', ron: 'ro', bul: 'bg', srp: 'sr', hrv: 'hr', bos: 'bs', slv: 'sl', hun: 'hu',
  ell: 'el', swe: 'sv', nob: 'nb', nno: 'nn', dan: 'da', fin: 'fi', est: 'et', lvs: 'lv', lit: 'lt',
  arb: 'ar', pes: 'fa', heb: 'he', urd: 'ur', hin: 'hi', ben: 'bn', cmn: 'zh', jpn: 'ja', kor: 'ko',
  vie: 'vi', ind: 'id', zlm: 'ms', tha: 'th', cat: 'ca', glg: 'gl', eus: 'eu', swh: 'sw', tgl: 'tl', afr: 'af',
};

const ONLY = Object.keys(ISO_639_1);

/** ISO 639-1 code of the text's language, or null when the text is too short or unclear. */
export function detectLanguage(text: string): string | null {
  // franc reads the first couple of thousand characters well enough; more only costs time.
  const sample = text.slice(0, 2000);
  const code = franc(sample, { minLength: 20, only: ONLY });
  if (code === 'und') return null;
  return ISO_639_1[code] ?? code;
}
