import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { franc } from 'franc';
import { describe, expect, it } from 'vitest';
import { ONLY, detectLanguage, francOnly } from '../../src/extract/text/language-detect.js';
import { extractHtml } from '../../src/extract/html/html-extractor.js';

const SHARED = path.resolve(import.meta.dirname, '../../../shared');
const SEEDS = path.join(SHARED, 'corpus/seeds');
const DATES = path.join(SHARED, 'bench/dates/mediacloud-2020/pages');
/** The shared data sit beside the checkout; a bare clone (CI) has only the texts below and the demo corpus. */
const HAVE_SHARED = existsSync(SEEDS) && existsSync(DATES);
const DEMO = path.resolve(import.meta.dirname, '../../demo/corpus');

/** Texts in many languages and scripts: the seeds, the article texts of the multilingual date pages, and odd inputs. */
function samples(): string[] {
  const out = [
    'Ереван, 4 июня. /ТАСС/. Россия готова оказать содействие в делимитации армяно-азербайджанской границы.',
    'Міністерство закордонних справ України заявило, що переговори тривають.',
    'وزارة الخارجية أعلنت اليوم أن المحادثات ستستمر الأسبوع المقبل في العاصمة',
    '外交部发言人今天表示，双方将继续就边界问题进行磋商。',
    '外務省の報道官は本日、協議を続けると述べた。',
    '외교부 대변인은 오늘 협상이 계속될 것이라고 말했다.',
    'Το υπουργείο Εξωτερικών ανακοίνωσε σήμερα ότι οι συνομιλίες θα συνεχιστούν.',
    'משרד החוץ הודיע היום כי השיחות יימשכו בשבוע הבא בבירה',
    'Η'.repeat(30),
    '1234567890 1234567890 1234567890',
    '!!!! ???? .... ,,,, ---- ____ ====',
    'short text',
    'the the the the the the the the the the',
    'Dışişleri Bakanlığı bugün yaptığı açıklamada görüşmelerin süreceğini bildirdi.',
  ];
  // The project's own demo articles (English), then, when present, the seeds and the multilingual date pages.
  for (const f of readdirSync(DEMO).sort()) out.push(readFileSync(path.join(DEMO, f), 'utf8'));
  if (HAVE_SHARED) {
    for (const f of readdirSync(SEEDS).sort()) out.push(readFileSync(path.join(SEEDS, f), 'utf8'));
    for (const f of readdirSync(DATES).sort().slice(0, 120)) {
      const r = extractHtml(gunzipSync(readFileSync(path.join(DATES, f))).toString('utf8'), { source: f });
      if (r.ok) out.push(r.value.text);
    }
  }
  // Prefixes of every length band franc treats differently (below the minimum, around it, past its 2048 cut).
  const long = out.slice(14).join('\n');
  for (const n of [19, 20, 21, 60, 300, 2047, 2048, 2049, 5000]) out.push(long.slice(0, n));
  return out;
}

describe('language detection', () => {
  it('gives franc\'s answer on every sample, in many languages and scripts', () => {
    const texts = samples();
    expect(texts.length).toBeGreaterThan(HAVE_SHARED ? 100 : 40);
    const answers = new Set<string>();
    for (const t of texts) {
      const expected = franc(t, { minLength: 20, only: [...ONLY] });
      expect(francOnly(t), t.slice(0, 80)).toBe(expected);
      answers.add(expected);
    }
    // The comparison must have covered several languages and the undetermined case.
    expect(answers.size).toBeGreaterThan(HAVE_SHARED ? 8 : 6);
    expect(answers.has('und')).toBe(true);
  });

  it('reports ISO 639-1 codes', () => {
    expect(detectLanguage('The foreign ministry said on Thursday that the talks would continue next week in the capital.')).toBe('en');
    expect(detectLanguage('Россия готова оказать содействие в делимитации армяно-азербайджанской границы, заявили в МИД.')).toBe('ru');
    expect(detectLanguage('too short')).toBeNull();
  });
});

describe('script counts in one pass', () => {
  it('equal franc\'s per-script match counts, and give way (null) to them when the text holds a surrogate', async () => {
    const { expressions } = await import('franc/expressions.js');
    const { scriptMatchCounts } = await import('../../src/extract/text/language-detect.js');
    const names = Object.keys(expressions);
    // Every BMP code unit outside the surrogates once, in blocks, plus the sample texts.
    const texts: string[] = [];
    let block = '';
    for (let u = 0; u < 0x10000; u++) {
      if (u >= 0xd800 && u <= 0xdfff) continue;
      block += String.fromCharCode(u);
      if (block.length === 512) {
        texts.push(block);
        block = '';
      }
    }
    texts.push(block, ...samples().map((t) => t.slice(0, 2048)));
    let compared = 0;
    for (const t of texts) {
      const counts = scriptMatchCounts(t);
      if (/[\ud800-\udfff]/.test(t)) {
        expect(counts).toBeNull();
        continue;
      }
      expect(counts).not.toBeNull();
      names.forEach((name, i) => expect(counts![i], `${name} in ${JSON.stringify(t.slice(0, 40))}`).toBe(t.match(expressions[name]!)?.length ?? 0));
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
    expect(scriptMatchCounts('emoji \ud83d\ude00 here')).toBeNull();
  });
});
