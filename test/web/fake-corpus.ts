/**
 * Invented sample news for the web tests: three story lines, six events, five
 * outlets. Written for this project; names of people and outlets are fictional.
 */
import type { BoilerplateReason, CueStance, EntityType } from '../../src/model/types.js';
import type { ProvenanceKind } from '../../src/store/store-port.js';

export interface QuoteSpec {
  /** An exact substring of the text. */
  text: string;
  speaker: string | null;
  /** How the speaker is named in this article (substring), when not the canonical name. */
  speakerText?: string;
  cue: string;
  stance: CueStance;
  kind: 'direct' | 'indirect' | 'mixed';
  statementId: string;
  anonymous?: boolean;
  via?: string;
}

export interface ArticleSpec {
  id: string;
  eventId: string;
  outlet: string;
  url: string;
  title: string;
  byline?: string;
  publishedAt: string | null;
  dateConfidence?: 'high' | 'medium' | 'low' | 'none';
  text: string;
  provenance: ProvenanceKind;
  provenanceOf?: string;
  evidence?: string;
  entities: { text: string; name: string; type: EntityType }[];
  places: { text: string; name: string; lat: number; lon: number; country: string }[];
  quotes: QuoteSpec[];
  removed?: { text: string; reason: BoilerplateReason }[];
  dateline?: { text: string; place: string; agency: string | null; day: string | null };
  raw?: string;
}

export interface EventSpec {
  id: string;
  storylineId: string | null;
  label: string;
  summary: string;
}

export interface StorylineSpec {
  id: string;
  label: string;
}

export interface EntitySpec {
  name: string;
  type: EntityType;
  roles: string[];
}

export interface CorpusSpec {
  storylines: StorylineSpec[];
  events: EventSpec[];
  articles: ArticleSpec[];
  entities: EntitySpec[];
  rejections: { source: string; reason: 'empty-input' | 'binary-content' | 'too-short'; detail: string | null; at: string }[];
}

const YEREVAN = { name: 'Yerevan', lat: 40.1811, lon: 44.5136, country: 'AM' };
const BAKU = { name: 'Baku', lat: 40.4093, lon: 49.8671, country: 'AZ' };
const MOSCOW = { name: 'Moscow', lat: 55.7558, lon: 37.6173, country: 'RU' };
const IJEVAN = { name: 'Ijevan', lat: 40.8756, lon: 45.1492, country: 'AM' };
const CONSTANTA = { name: 'Constanța', lat: 44.1733, lon: 28.6383, country: 'RO' };
const TBILISI = { name: 'Tbilisi', lat: 41.7151, lon: 44.8271, country: 'GE' };

const VORONOVA = 'Irina Voronova';
const BELOV = 'Pavel Belov';
const HARUTYUN = 'Lilit Harutyunyan';
const RUSSIA_MFA = 'Russian Foreign Ministry';

const E1_TEXT = `MOSCOW, May 27. /Caspian Wire/. Russia is ready to help Armenia and Azerbaijan settle the incident on their border, Russian Foreign Ministry spokesperson Irina Voronova said on Thursday.

"We call on both sides to show restraint and to return to the negotiating table," Voronova told a briefing in Moscow.

She denied reports that Russian border guards had withdrawn from positions near Ijevan, calling them "information that does not correspond to reality".`;

const E1_COPY = `Russia is ready to help Armenia and Azerbaijan settle the incident on their border, Russian Foreign Ministry spokesperson Irina Voronova said on Thursday, the Caspian Wire agency reported.

"We call on both sides to show restraint and to return to the negotiating table," Voronova told a briefing in Moscow.`;

const E1_REWRITE = `Moscow has offered to mediate after the latest flare-up on the Armenian–Azerbaijani frontier. According to the ministry's spokeswoman Voronova, both capitals should exercise restraint and resume talks. Reports of a Russian pull-back near Ijevan were dismissed as untrue.`;

const E2_TEXT = `YEREVAN, June 4. /Caspian Wire/. Russia is ready to assist in the demarcation of the Armenian–Azerbaijani border, Ambassador Pavel Belov said in a statement from the embassy in Yerevan.

"Our specialists and maps are at the disposal of both parties," Belov said.

Governor Lilit Harutyunyan of Tavush warned that villagers near Ijevan "cannot wait another season" for clarity.`;

const E2_OTHER = `The Russian embassy in Yerevan has again offered to help demarcate the border, a proposal that officials in Baku have so far met with silence.

Ambassador Pavel Belov said Russia's specialists and maps were at the disposal of both parties. Governor Lilit Harutyunyan said residents "cannot wait another season".

A defence official told the Highland Herald that no new talks were scheduled.`;

const E3_TEXT = `Russia's Foreign Ministry on Sunday rejected reports that it plans to reduce its presence along the Armenia–Azerbaijan border.

"There are no such plans and there have never been," spokesperson Irina Voronova said, adding that Moscow remains "the guarantor of stability in the region".

Officials in Baku declined to comment.`;

const E3_OTHER = `Moscow denied on Sunday that it would scale back its border mission. Foreign Ministry spokesperson Irina Voronova said there were no such plans and warned against "provocative speculation" in Yerevan and Baku.`;

const E4_TEXT = `CONSTANȚA — Dockworkers at the port of Constanța walked off the job on Monday, halting grain shipments, union leader Mihai Stoica said.

"We will stay out until the pay offer reflects what this work costs our families," Stoica told reporters at the gates.

The port authority said it regretted the action.`;

const E4_OTHER = `Grain exports through Constanța stopped on Monday as dockworkers began an open-ended strike. Union leader Mihai Stoica said members would stay out "until the pay offer reflects what this work costs our families".`;

const E5_TEXT = `The strike at Constanța ended on Friday after the port authority and the dockworkers' union agreed a 9 percent wage rise, union leader Mihai Stoica said.

"This is a fair deal and we will be back at work tomorrow," Stoica said.`;

const E5_OTHER = `Work resumes at Constanța on Saturday. Union leader Mihai Stoica called the 9 percent agreement "a fair deal".`;

const E6_TEXT = `TBILISI — Glaciers feeding the Aragvi river have lost a fifth of their area since 2000, a study by the Tbilisi Institute of Geography found.

"The loss is accelerating and the valleys will feel it within a decade," lead author Nino Kapanadze said.`;

const E6_OTHER = `A new survey from the Tbilisi Institute of Geography says Aragvi glaciers shrank by about 20 percent since 2000. Nino Kapanadze warned the valleys "will feel it within a decade".`;

const SIDEBAR: { text: string; reason: BoilerplateReason }[] = [
  { text: 'Latest news\nGrain prices steady in Odesa 12:04\nNew ferry line opens 11:30', reason: 'sidebar-list' },
  { text: 'Support independent journalism. Become a member today.', reason: 'appeal' },
  { text: 'Related Articles\nBorder talks stall again\nWhat the treaty says', reason: 'related' },
];

export const SAMPLE_CORPUS: CorpusSpec = {
  storylines: [
    { id: 'sl-border', label: 'Russia and the Armenia–Azerbaijan border, 2021–2025' },
    { id: 'sl-port', label: 'Dockworkers’ strike at Constanța' },
    { id: 'sl-glacier', label: 'Shrinking glaciers in the Caucasus' },
  ],
  events: [
    { id: 'ev-2021-briefing', storylineId: 'sl-border', label: 'Voronova briefing on the border incident', summary: 'Russia offers help after a border incident and denies a pull-back near Ijevan.' },
    { id: 'ev-2024-demarcation', storylineId: 'sl-border', label: 'Embassy offers help with demarcation', summary: 'The Russian embassy in Yerevan offers specialists and maps to demarcate the border.' },
    { id: 'ev-2025-denial', storylineId: 'sl-border', label: 'Moscow denies border drawdown', summary: 'The Foreign Ministry rejects reports of a reduced presence on the border.' },
    { id: 'ev-strike-start', storylineId: 'sl-port', label: 'Dockworkers walk out at Constanța', summary: 'A strike halts grain shipments through the port.' },
    { id: 'ev-strike-end', storylineId: 'sl-port', label: 'Strike ends with a wage deal', summary: 'A 9 percent rise ends the dockworkers’ strike.' },
    { id: 'ev-glacier-study', storylineId: 'sl-glacier', label: 'Study: Aragvi glaciers lost a fifth of their area', summary: 'Researchers in Tbilisi measure glacier loss since 2000.' },
  ],
  entities: [
    { name: VORONOVA, type: 'PERSON', roles: ['spokesperson, Russian Foreign Ministry'] },
    { name: BELOV, type: 'PERSON', roles: ['ambassador, Russia (posted to Yerevan)'] },
    { name: HARUTYUN, type: 'PERSON', roles: ['governor, Tavush'] },
    { name: 'Mihai Stoica', type: 'PERSON', roles: ['union leader'] },
    { name: 'Nino Kapanadze', type: 'PERSON', roles: ['lead author, Tbilisi Institute of Geography'] },
    { name: RUSSIA_MFA, type: 'ORG', roles: [] },
    { name: 'Tbilisi Institute of Geography', type: 'ORG', roles: [] },
  ],
  articles: [
    {
      id: 'a-cw-2021', eventId: 'ev-2021-briefing', outlet: 'Caspian Wire', url: 'https://caspianwire.example/news/2021/05/27/border', title: 'Russia ready to help settle border incident — Voronova',
      byline: 'Caspian Wire staff', publishedAt: '2021-05-27T09:24', text: E1_TEXT, provenance: 'original',
      dateline: { text: 'MOSCOW, May 27. /Caspian Wire/.', place: 'Moscow', agency: 'Caspian Wire', day: '--05-27' },
      entities: [{ text: 'Russian Foreign Ministry', name: RUSSIA_MFA, type: 'ORG' }, { text: 'Irina Voronova', name: VORONOVA, type: 'PERSON' }, { text: 'Voronova', name: VORONOVA, type: 'PERSON' }],
      places: [{ text: 'Moscow', ...MOSCOW }, { text: 'Ijevan', ...IJEVAN }],
      quotes: [
        { text: '"We call on both sides to show restraint and to return to the negotiating table,"', speaker: VORONOVA, speakerText: 'Voronova', cue: 'told', stance: 'neutral', kind: 'direct', statementId: 'st-restraint' },
        { text: 'denied reports that Russian border guards had withdrawn from positions near Ijevan', speaker: VORONOVA, speakerText: 'She', cue: 'denied', stance: 'denial', kind: 'indirect', statementId: 'st-no-withdrawal' },
      ],
      removed: SIDEBAR.slice(0, 1),
    },
    {
      id: 'a-kd-2021', eventId: 'ev-2021-briefing', outlet: 'Kavkaz Daily', url: 'https://kavkazdaily.example/2021/05/27/russia-border', title: 'Russia ready to help settle border incident',
      publishedAt: '2021-05-27T11:02', text: E1_COPY, provenance: 'wire', provenanceOf: 'a-cw-2021', evidence: 'We call on both sides to show restraint and to return to the negotiating table',
      entities: [{ text: 'Russian Foreign Ministry', name: RUSSIA_MFA, type: 'ORG' }, { text: 'Irina Voronova', name: VORONOVA, type: 'PERSON' }, { text: 'Voronova', name: VORONOVA, type: 'PERSON' }],
      places: [{ text: 'Moscow', ...MOSCOW }],
      quotes: [{ text: '"We call on both sides to show restraint and to return to the negotiating table,"', speaker: VORONOVA, speakerText: 'Voronova', cue: 'told', stance: 'neutral', kind: 'direct', statementId: 'st-restraint' }],
      removed: SIDEBAR.slice(1),
    },
    {
      id: 'a-ad-2021', eventId: 'ev-2021-briefing', outlet: 'Anon Digest', url: 'http://anondigest.example/p?id=881', title: 'Moscow offers to mediate on the frontier',
      publishedAt: '2021-05-28', dateConfidence: 'medium', text: E1_REWRITE, provenance: 'rewrite', provenanceOf: 'a-cw-2021', evidence: 'paraphrase of 3 of 3 sentences',
      entities: [{ text: 'Voronova', name: VORONOVA, type: 'PERSON' }],
      places: [{ text: 'Moscow', ...MOSCOW }, { text: 'Ijevan', ...IJEVAN }],
      quotes: [{ text: 'both capitals should exercise restraint and resume talks', speaker: VORONOVA, speakerText: 'Voronova', cue: 'According to', stance: 'neutral', kind: 'indirect', statementId: 'st-restraint' }],
    },
    {
      id: 'a-cw-2024', eventId: 'ev-2024-demarcation', outlet: 'Caspian Wire', url: 'https://caspianwire.example/news/2024/06/04/demarcation', title: 'Russia ready to assist in border demarcation, ambassador says',
      publishedAt: '2024-06-04', dateConfidence: 'medium', text: E2_TEXT, provenance: 'original',
      dateline: { text: 'YEREVAN, June 4. /Caspian Wire/.', place: 'Yerevan', agency: 'Caspian Wire', day: '--06-04' },
      entities: [{ text: 'Pavel Belov', name: BELOV, type: 'PERSON' }, { text: 'Belov', name: BELOV, type: 'PERSON' }, { text: 'Lilit Harutyunyan', name: HARUTYUN, type: 'PERSON' }],
      places: [{ text: 'Yerevan', ...YEREVAN }, { text: 'Ijevan', ...IJEVAN }],
      quotes: [
        { text: '"Our specialists and maps are at the disposal of both parties,"', speaker: BELOV, speakerText: 'Belov', cue: 'said', stance: 'neutral', kind: 'direct', statementId: 'st-maps' },
        { text: '"cannot wait another season"', speaker: HARUTYUN, speakerText: 'Lilit Harutyunyan', cue: 'warned', stance: 'warning', kind: 'mixed', statementId: 'st-season' },
      ],
    },
    {
      id: 'a-hh-2024', eventId: 'ev-2024-demarcation', outlet: 'Highland Herald', url: 'https://highlandherald.example/2024/06/05/embassy-border', title: 'Embassy renews offer to map the border', byline: 'Ani Petrosyan',
      publishedAt: '2024-06-05T08:15', text: E2_OTHER, provenance: 'original',
      entities: [{ text: 'Pavel Belov', name: BELOV, type: 'PERSON' }, { text: 'Lilit Harutyunyan', name: HARUTYUN, type: 'PERSON' }],
      places: [{ text: 'Yerevan', ...YEREVAN }, { text: 'Baku', ...BAKU }],
      quotes: [
        { text: "Russia's specialists and maps were at the disposal of both parties", speaker: BELOV, speakerText: 'Ambassador Pavel Belov', cue: 'said', stance: 'neutral', kind: 'indirect', statementId: 'st-maps' },
        { text: '"cannot wait another season"', speaker: HARUTYUN, speakerText: 'Governor Lilit Harutyunyan', cue: 'said', stance: 'neutral', kind: 'mixed', statementId: 'st-season' },
        { text: 'no new talks were scheduled', speaker: null, speakerText: 'A defence official', cue: 'told', stance: 'neutral', kind: 'indirect', statementId: 'st-no-talks', anonymous: true, via: 'Highland Herald' },
      ],
      removed: SIDEBAR.slice(1, 3),
    },
    {
      id: 'a-bl-2025', eventId: 'ev-2025-denial', outlet: 'Baku Ledger', url: 'https://bakuledger.example/en/2025/03/02/moscow-border', title: 'Moscow rejects talk of border drawdown',
      publishedAt: '2025-03-02T14:40', text: E3_TEXT, provenance: 'original',
      entities: [{ text: 'Irina Voronova', name: VORONOVA, type: 'PERSON' }],
      places: [{ text: 'Baku', ...BAKU }, { text: 'Moscow', ...MOSCOW }],
      quotes: [
        { text: '"There are no such plans and there have never been,"', speaker: VORONOVA, speakerText: 'Irina Voronova', cue: 'said', stance: 'denial', kind: 'direct', statementId: 'st-no-plans' },
        { text: '"the guarantor of stability in the region"', speaker: VORONOVA, speakerText: 'Irina Voronova', cue: 'adding', stance: 'emphatic', kind: 'mixed', statementId: 'st-guarantor' },
      ],
    },
    {
      id: 'a-kd-2025', eventId: 'ev-2025-denial', outlet: 'Kavkaz Daily', url: 'https://kavkazdaily.example/2025/03/02/drawdown', title: 'Russia denies plan to scale back border mission',
      publishedAt: '2025-03-02T17:05', text: E3_OTHER, provenance: 'near-copy', provenanceOf: 'a-bl-2025', evidence: 'no such plans',
      entities: [{ text: 'Irina Voronova', name: VORONOVA, type: 'PERSON' }],
      places: [{ text: 'Moscow', ...MOSCOW }, { text: 'Yerevan', ...YEREVAN }, { text: 'Baku', ...BAKU }],
      quotes: [
        { text: 'there were no such plans', speaker: VORONOVA, speakerText: 'Irina Voronova', cue: 'said', stance: 'denial', kind: 'indirect', statementId: 'st-no-plans' },
        { text: '"provocative speculation"', speaker: VORONOVA, speakerText: 'Irina Voronova', cue: 'warned', stance: 'warning', kind: 'mixed', statementId: 'st-speculation' },
      ],
    },
    {
      id: 'a-bs-strike1', eventId: 'ev-strike-start', outlet: 'Black Sea Times', url: 'https://blackseatimes.example/2024/09/16/strike', title: 'Dockworkers strike halts grain shipments at Constanța', byline: 'Radu Ionescu',
      publishedAt: '2024-09-16T10:00', text: E4_TEXT, provenance: 'original',
      entities: [{ text: 'Mihai Stoica', name: 'Mihai Stoica', type: 'PERSON' }, { text: 'Stoica', name: 'Mihai Stoica', type: 'PERSON' }],
      places: [{ text: 'Constanța', ...CONSTANTA }],
      quotes: [{ text: '"We will stay out until the pay offer reflects what this work costs our families,"', speaker: 'Mihai Stoica', speakerText: 'Stoica', cue: 'told', stance: 'promise', kind: 'direct', statementId: 'st-stay-out' }],
    },
    {
      id: 'a-kd-strike1', eventId: 'ev-strike-start', outlet: 'Kavkaz Daily', url: 'https://kavkazdaily.example/2024/09/16/constanta', title: 'Constanța grain exports stop as strike begins',
      publishedAt: '2024-09-16T15:30', text: E4_OTHER, provenance: 'rewrite', provenanceOf: 'a-bs-strike1', evidence: 'until the pay offer reflects what this work costs our families',
      entities: [{ text: 'Mihai Stoica', name: 'Mihai Stoica', type: 'PERSON' }],
      places: [{ text: 'Constanța', ...CONSTANTA }],
      quotes: [{ text: '"until the pay offer reflects what this work costs our families"', speaker: 'Mihai Stoica', speakerText: 'Mihai Stoica', cue: 'said', stance: 'neutral', kind: 'mixed', statementId: 'st-stay-out' }],
    },
    {
      id: 'a-bs-strike2', eventId: 'ev-strike-end', outlet: 'Black Sea Times', url: 'https://blackseatimes.example/2024/10/04/deal', title: 'Constanța strike ends with 9 percent wage deal',
      publishedAt: '2024-10-04T18:20', text: E5_TEXT, provenance: 'original',
      entities: [{ text: 'Mihai Stoica', name: 'Mihai Stoica', type: 'PERSON' }, { text: 'Stoica', name: 'Mihai Stoica', type: 'PERSON' }],
      places: [{ text: 'Constanța', ...CONSTANTA }],
      quotes: [{ text: '"This is a fair deal and we will be back at work tomorrow,"', speaker: 'Mihai Stoica', speakerText: 'Stoica', cue: 'said', stance: 'neutral', kind: 'direct', statementId: 'st-fair-deal' }],
    },
    {
      id: 'a-hh-strike2', eventId: 'ev-strike-end', outlet: 'Highland Herald', url: 'https://highlandherald.example/2024/10/05/constanta-deal', title: 'Work resumes at Constanța',
      publishedAt: '2024-10-05T07:00', text: E5_OTHER, provenance: 'original',
      entities: [{ text: 'Mihai Stoica', name: 'Mihai Stoica', type: 'PERSON' }],
      places: [{ text: 'Constanța', ...CONSTANTA }],
      quotes: [{ text: '"a fair deal"', speaker: 'Mihai Stoica', speakerText: 'Mihai Stoica', cue: 'called', stance: 'neutral', kind: 'mixed', statementId: 'st-fair-deal' }],
    },
    {
      id: 'a-hh-glacier', eventId: 'ev-glacier-study', outlet: 'Highland Herald', url: 'https://highlandherald.example/2023/08/10/glaciers', title: 'Aragvi glaciers lost a fifth of their area, study finds', byline: 'Tamar Beridze',
      publishedAt: '2023-08-10T09:00', text: E6_TEXT, provenance: 'original',
      entities: [{ text: 'Tbilisi Institute of Geography', name: 'Tbilisi Institute of Geography', type: 'ORG' }, { text: 'Nino Kapanadze', name: 'Nino Kapanadze', type: 'PERSON' }],
      places: [{ text: 'TBILISI', ...TBILISI }],
      quotes: [{ text: '"The loss is accelerating and the valleys will feel it within a decade,"', speaker: 'Nino Kapanadze', speakerText: 'Nino Kapanadze', cue: 'said', stance: 'warning', kind: 'direct', statementId: 'st-glacier' }],
    },
    {
      id: 'a-kd-glacier', eventId: 'ev-glacier-study', outlet: 'Kavkaz Daily', url: 'https://kavkazdaily.example/2023/08/11/glaciers', title: 'Caucasus glaciers shrinking fast, survey says',
      publishedAt: '2023-08-11T12:00', text: E6_OTHER, provenance: 'original',
      entities: [{ text: 'Tbilisi Institute of Geography', name: 'Tbilisi Institute of Geography', type: 'ORG' }, { text: 'Nino Kapanadze', name: 'Nino Kapanadze', type: 'PERSON' }],
      places: [{ text: 'Tbilisi', ...TBILISI }],
      quotes: [{ text: '"will feel it within a decade"', speaker: 'Nino Kapanadze', speakerText: 'Nino Kapanadze', cue: 'warned', stance: 'warning', kind: 'mixed', statementId: 'st-glacier' }],
    },
  ],
  rejections: [
    { source: 'inbox/empty.txt', reason: 'empty-input', detail: null, at: '2025-03-03T08:00:00Z' },
    { source: 'inbox/photo.jpg', reason: 'binary-content', detail: 'NUL bytes at offset 0', at: '2025-03-03T08:00:01Z' },
  ],
};
