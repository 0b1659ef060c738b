/**
 * Month names for languages chrono-node does not cover, so that "20
 * septembrie 2020", "7 października 2020", "24 نيسان 2020" or "2020. október
 * 7." are read. Only full dates (day, month name, year) are matched; nothing
 * relative ("yesterday") and no year is ever filled in.
 */
import { isoDay, type DayValue } from './date-values.js';

const TABLE: ReadonlyArray<readonly string[]> = [
  // ro
  ['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'],
  // pl (genitive, as in dates)
  ['stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca', 'sierpnia', 'września', 'października', 'listopada', 'grudnia'],
  // tr
  ['ocak', 'şubat', 'mart', 'nisan', 'mayıs', 'haziran', 'temmuz', 'ağustos', 'eylül', 'ekim', 'kasım', 'aralık'],
  // cs (genitive)
  ['ledna', 'února', 'března', 'dubna', 'května', 'června', 'července', 'srpna', 'září', 'října', 'listopadu', 'prosince'],
  // hu
  ['január', 'február', 'március', 'április', 'május', 'június', 'július', 'augusztus', 'szeptember', 'október', 'november', 'december'],
  // hr / bs
  ['siječnja', 'veljače', 'ožujka', 'travnja', 'svibnja', 'lipnja', 'srpnja', 'kolovoza', 'rujna', 'listopada', 'studenoga', 'prosinca'],
  // sr / bs latin, sl
  ['januar', 'februar', 'mart', 'april', 'maj', 'jun', 'jul', 'avgust', 'septembar', 'oktobar', 'novembar', 'decembar'],
  ['januara', 'februara', 'marta', 'aprila', 'maja', 'juna', 'jula', 'augusta', 'septembra', 'oktobra', 'novembra', 'decembra'],
  // bg, mk, sr cyrillic
  ['януари', 'февруари', 'март', 'април', 'май', 'юни', 'юли', 'август', 'септември', 'октомври', 'ноември', 'декември'],
  ['јануари', 'февруари', 'март', 'април', 'мај', 'јуни', 'јули', 'август', 'септември', 'октомври', 'ноември', 'декември'],
  // el (genitive)
  ['ιανουαρίου', 'φεβρουαρίου', 'μαρτίου', 'απριλίου', 'μαΐου', 'ιουνίου', 'ιουλίου', 'αυγούστου', 'σεπτεμβρίου', 'οκτωβρίου', 'νοεμβρίου', 'δεκεμβρίου'],
  // ar (Egypt/Gulf) and ar (Levant)
  ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
  ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'],
  // da / no
  ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  // sq
  ['janar', 'shkurt', 'mars', 'prill', 'maj', 'qershor', 'korrik', 'gusht', 'shtator', 'tetor', 'nëntor', 'dhjetor'],
  // lt (genitive), lv
  ['sausio', 'vasario', 'kovo', 'balandžio', 'gegužės', 'birželio', 'liepos', 'rugpjūčio', 'rugsėjo', 'spalio', 'lapkričio', 'gruodžio'],
  ['janvāris', 'februāris', 'marts', 'aprīlis', 'maijs', 'jūnijs', 'jūlijs', 'augusts', 'septembris', 'oktobris', 'novembris', 'decembris'],
  // az
  ['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avqust', 'sentyabr', 'oktyabr', 'noyabr', 'dekabr'],
  // fa (Gregorian months as written in Persian news)
  ['ژانویه', 'فوریه', 'مارس', 'آوریل', 'مه', 'ژوئن', 'ژوئیه', 'اوت', 'سپتامبر', 'اکتبر', 'نوامبر', 'دسامبر'],
  // ar alternative spellings
  ['يناير', 'فبراير', 'مارس', 'ابريل', 'ماي', 'يونيه', 'يوليه', 'اغسطس', 'سبتمبر', 'اكتوبر', 'نوفمبر', 'ديسمبر'],
];

const MONTH = new Map<string, number>();
for (const row of TABLE) row.forEach((name, i) => { if (!MONTH.has(name)) MONTH.set(name, i + 1); });

/** Arabic-Indic and Persian digits to ASCII, one for one (offsets are kept). */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

// Bounded word lengths keep these linear; `(?: ... )?` holds one optional
// second word for two-word months ("تشرين الأول") or "نيسان / أبريل".
const DAY_MONTH_YEAR = /(?<![\d])(\d{1,2})\.?\s{0,3}(?:de\s{1,2})?(\p{L}{2,12}(?:\s\p{L}{2,8})?)\.?(?:\s{0,2}\/\s{0,2}\p{L}{2,12})?,?\s{1,3}(?:de\s{1,2})?(\d{4})(?![\d])/gu;
const YEAR_MONTH_DAY = /(?<![\d])(\d{4})\.?\s{1,3}(\p{L}{3,12})\s{1,3}(\d{1,2})(?![\d])/gu;

function lookup(word: string): number | undefined {
  const w = word.toLowerCase();
  return MONTH.get(w) ?? MONTH.get(w.split(/\s/)[0] ?? '');
}

export function datesWithMonthNames(text: string): DayValue[] {
  const out: DayValue[] = [];
  const t = asciiDigits(text);
  for (const re of [DAY_MONTH_YEAR, YEAR_MONTH_DAY]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t)) !== null && out.length < 50) {
      const yearFirst = re === YEAR_MONTH_DAY;
      const month = lookup(m[2]!);
      if (month === undefined) continue;
      const iso = yearFirst ? isoDay(Number(m[1]), month, Number(m[3])) : isoDay(Number(m[3]), month, Number(m[1]));
      if (iso !== null) out.push({ iso, index: m.index, length: m[0].length });
    }
  }
  return out;
}
