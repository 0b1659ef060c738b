import { describe, expect, it } from 'vitest';
import {
  detectCreditedAgency,
  normalisePlaceCase,
  parseDateline,
} from '../../src/extract/dateline/dateline-parser.js';
import { KNOWN_AGENCIES, lookupAgency } from '../../src/extract/dateline/known-agencies.js';

type Expect = { place: string | null; agency: string | null; day: string | null; text: string; region?: string | null };

const leads: Array<[string, Expect]> = [
  ['YEREVAN, June 4. /TASS/. Moscow has increased the number', { place: 'Yerevan', agency: 'TASS', day: '--06-04', text: 'YEREVAN, June 4. /TASS/.' }],
  ['(AP) HONOLULU - A volcano erupted', { place: 'Honolulu', agency: 'AP', day: null, text: '(AP) HONOLULU -' }],
  ['BAKU, Azerbaijan, May 27 (Trend) - Azerbaijan said', { place: 'Baku', region: 'Azerbaijan', agency: 'Trend', day: '--05-27', text: 'BAKU, Azerbaijan, May 27 (Trend) -' }],
  ['BAKU, Azerbaijan, May 27 (Trend). Azerbaijan said', { place: 'Baku', agency: 'Trend', day: '--05-27', text: 'BAKU, Azerbaijan, May 27 (Trend).' }],
  ['MOSCOW (Reuters) - Russia said on Friday', { place: 'Moscow', agency: 'Reuters', day: null, text: 'MOSCOW (Reuters) -' }],
  ['WASHINGTON — The Senate voted', { place: 'Washington', agency: null, day: null, text: 'WASHINGTON —' }],
  ['WASHINGTON—The Senate voted', { place: 'Washington', agency: null, day: null, text: 'WASHINGTON—' }],
  ['MOSCOW. June 4 (Interfax) - Russia', { place: 'Moscow', agency: 'Interfax', day: '--06-04', text: 'MOSCOW. June 4 (Interfax) -' }],
  ['МОСКВА, 4 июня. /ТАСС/. Россия готова', { place: 'Москва', agency: 'TASS', day: '--06-04', text: 'МОСКВА, 4 июня. /ТАСС/.' }],
  ['МОСКВА, 4 июн — РИА Новости. Россия', { place: 'Москва', agency: 'RIA Novosti', day: '--06-04', text: 'МОСКВА, 4 июн — РИА Новости.' }],
  ['YEREVAN, MAY 27, ARMENPRESS. The Prime Minister', { place: 'Yerevan', agency: 'Armenpress', day: '--05-27', text: 'YEREVAN, MAY 27, ARMENPRESS.' }],
  ['BEIJING, June 4 (Xinhua) -- China said', { place: 'Beijing', agency: 'Xinhua', day: '--06-04', text: 'BEIJING, June 4 (Xinhua) --' }],
  ['(CNN) — The president said', { place: null, agency: 'CNN', day: null, text: '(CNN) —' }],
  ['KYIV, Ukraine (AP) — Russian forces', { place: 'Kyiv', region: 'Ukraine', agency: 'AP', day: null, text: 'KYIV, Ukraine (AP) —' }],
  ['RIO DE JANEIRO (AP) — Brazil', { place: 'Rio de Janeiro', agency: 'AP', day: null, text: 'RIO DE JANEIRO (AP) —' }],
  ['ST. PETERSBURG, June 4, 2021 /TASS/. Putin said', { place: 'St. Petersburg', agency: 'TASS', day: '2021-06-04', text: 'ST. PETERSBURG, June 4, 2021 /TASS/.' }],
  ['Baku, May 27 (APA). Azerbaijan said', { place: 'Baku', agency: 'APA', day: '--05-27', text: 'Baku, May 27 (APA).' }],
  ['NEW YORK, Sept. 12 — Stocks fell', { place: 'New York', agency: null, day: '--09-12', text: 'NEW YORK, Sept. 12 —' }],
  ['ANKARA, 3 March 2024 (Anadolu) - Turkey', { place: 'Ankara', agency: 'Anadolu', day: '2024-03-03', text: 'ANKARA, 3 March 2024 (Anadolu) -' }],
  ['TBILISI (Interpressnews) - Georgia', { place: 'Tbilisi', agency: 'Interpressnews', day: null, text: 'TBILISI (Interpressnews) -' }],
  ['WINSTON-SALEM, N.C. (AP) — A man', { place: 'Winston-Salem', region: 'N.C.', agency: 'AP', day: null, text: 'WINSTON-SALEM, N.C. (AP) —' }],
  ['ST. JOSEPH, Mich. (AP) — Michigan health authorities', { place: 'St. Joseph', region: 'Mich.', agency: 'AP', day: null, text: 'ST. JOSEPH, Mich. (AP) —' }],
  ['PARIS (AFP) - France said', { place: 'Paris', agency: 'AFP', day: null, text: 'PARIS (AFP) -' }],
  // An unknown agency is kept as written when the shape is unmistakable.
  ['GYUMRI, June 4 /Shant News/. The mayor', { place: 'Gyumri', agency: 'Shant News', day: '--06-04', text: 'GYUMRI, June 4 /Shant News/.' }],
];

describe('parseDateline: leading datelines', () => {
  for (const [input, want] of leads) {
    it(`parses ${JSON.stringify(want.text)}`, () => {
      const d = parseDateline(input);
      expect(d).not.toBeNull();
      expect(d?.place).toBe(want.place);
      expect(d?.agency).toBe(want.agency);
      expect(d?.day).toBe(want.day);
      expect(d?.text).toBe(want.text);
      if (want.region !== undefined) expect(d?.region).toBe(want.region);
      expect(d?.position).toBe('lead');
      // Offsets index the given text.
      expect(input.slice(d?.start ?? -1, d?.end ?? -1)).toBe(want.text);
    });
  }

  it('skips leading whitespace and reports offsets into the given text', () => {
    const input = '\n  YEREVAN, June 4. /TASS/. Moscow has increased';
    const d = parseDateline(input);
    expect(d?.start).toBe(3);
    expect(input.slice(d?.start, d?.end)).toBe('YEREVAN, June 4. /TASS/.');
  });

  it('never invents a year', () => {
    expect(parseDateline('YEREVAN, June 4. /TASS/. Text')?.day).toBe('--06-04');
  });

  it('rejects impossible days', () => {
    expect(parseDateline('YEREVAN, February 30 (Armenpress) - Text')?.day ?? null).toBeNull();
  });
});

describe('parseDateline: trailing credits', () => {
  it('finds "— Armenpress." closing the text', () => {
    const input = 'The talks ended without a deal. — Armenpress.';
    const d = parseDateline(input);
    expect(d?.agency).toBe('Armenpress');
    expect(d?.position).toBe('trailing');
    expect(d?.place).toBeNull();
    expect(input.slice(d?.start, d?.end)).toBe('— Armenpress.');
  });
  it('finds "- TASS" and "/Xinhua/" at the end', () => {
    expect(parseDateline('Sentence one. Sentence two - TASS')?.agency).toBe('TASS');
    expect(parseDateline('Sentence one. /Xinhua/')?.agency).toBe('Xinhua');
  });
  it('does not take an ordinary dash clause at the end as a credit', () => {
    expect(parseDateline('He left early — and quietly.')).toBeNull();
  });
});

describe('parseDateline: ordinary openings are not datelines', () => {
  const ordinary = [
    'Moscow has increased the number of Russian border troops deployed to Armenia.',
    'Russia is ready to help the process of delimitation and demarcation of borders.',
    'NATO — the Western alliance — said on Tuesday it would respond.',
    'BREAKING NEWS — Putin arrives in China.',
    'On May 27, Azerbaijan said that six Armenian troops had been captured.',
    'US President Joe Biden said the talks were useful.',
    'The EU — and its member states — agreed on the package.',
    'According to Sergey Kopyrkin, Russia significantly contributed.',
    'Zakharova (pictured) said the issue was closed.',
    'A defence official told Armenpress.',
    "LONDON, Britain's economy shrank in the first quarter.",
    'Armenia-Azerbaijan conflict',
    'EU leaders met in Brussels — again — on Friday.',
    'In June 2024, the ministry said it would act.',
    'Russian Foreign Ministry Spokesperson Maria Zakharova. Official photo.',
    '',
    '   ',
  ];
  for (const input of ordinary) {
    it(`returns null for ${JSON.stringify(input.slice(0, 40))}`, () => {
      expect(parseDateline(input)).toBeNull();
    });
  }
});

describe('parseDateline: hostile input stays fast', () => {
  // Accuracy, not time, is asserted; these only must finish (a backtracking regex would hang the run).
  it('handles long runs of capitals, dashes, slashes and parentheses', () => {
    const inputs = [
      'A'.repeat(100_000),
      'YEREVAN '.repeat(20_000),
      '/'.repeat(100_000),
      '('.repeat(50_000) + 'AP',
      'MOSCOW, June 4 ' + '-'.repeat(100_000),
      'X, '.repeat(30_000),
      ' — '.repeat(30_000) + 'Armenpress.',
    ];
    for (const input of inputs) expect(() => parseDateline(input)).not.toThrow();
  });
});

describe('normalisePlaceCase', () => {
  it('title-cases all-caps names and keeps particles and mixed case', () => {
    expect(normalisePlaceCase('YEREVAN')).toBe('Yerevan');
    expect(normalisePlaceCase("N'DJAMENA")).toBe("N'Djamena");
    expect(normalisePlaceCase('RIO DE JANEIRO')).toBe('Rio de Janeiro');
    expect(normalisePlaceCase('Baku')).toBe('Baku');
  });
});

describe('known agencies', () => {
  it('maps aliases to one canonical name', () => {
    expect(lookupAgency('ITAR-TASS')?.name).toBe('TASS');
    expect(lookupAgency('ТАСС')?.name).toBe('TASS');
    expect(lookupAgency('Associated Press')?.name).toBe('AP');
    expect(lookupAgency('agence france-presse')?.name).toBe('AFP');
    expect(lookupAgency('Nobody Press')).toBeNull();
  });
  it('has no alias claimed by two agencies', () => {
    const seen = new Map<string, string>();
    for (const a of KNOWN_AGENCIES) {
      for (const alias of a.aliases) {
        const key = alias.toLowerCase();
        expect(seen.get(key) ?? a.name).toBe(a.name);
        seen.set(key, a.name);
      }
    }
  });
});

describe('detectCreditedAgency', () => {
  it('uses the dateline credit', () => {
    expect(detectCreditedAgency('YEREVAN, June 4. /TASS/. Moscow said')?.agency).toBe('TASS');
  });
  it('finds a slash credit after a byline', () => {
    const c = detectCreditedAgency('By Staff Writer\nMoscow, June 4 /TASS/ Russia said');
    expect(c?.agency).toBe('TASS');
    expect(c?.form).toBe('slash');
  });
  it('finds a closing credit', () => {
    expect(detectCreditedAgency('Text of the story. — Armenpress.')?.form).toBe('trailing');
  });
  it('does not treat a mention ("told Armenpress", "a trend") as a credit', () => {
    expect(detectCreditedAgency('A defence official told Armenpress. The trend is clear.')).toBeNull();
  });
});
