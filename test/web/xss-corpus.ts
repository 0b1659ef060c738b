/**
 * Hostile articles for the XSS tests: script payloads in every field a page
 * shows — titles, bodies, bylines, URLs, outlets, entities, places, quotes,
 * removed boilerplate, raw content, event and story line labels, rejections.
 * Every payload, if it ever ran, would set `window.__pwned` or open a dialog.
 */
import type { CorpusSpec } from './fake-corpus.js';
import { SAMPLE_CORPUS } from './fake-corpus.js';

export const PAYLOADS = {
  script: '<script>window.__pwned=1;alert(1)</script>',
  img: '<img src=x onerror="window.__pwned=2;alert(2)">',
  svg: '<svg onload="window.__pwned=3"><script>window.__pwned=3</script></svg>',
  titleBreak: '</title><script>window.__pwned=4</script><title>',
  attrBreak: '" autofocus onfocus="window.__pwned=5" x="',
  singleQuote: "' onmouseover='window.__pwned=6' '",
  styleBreak: '</style><script>window.__pwned=7</script>',
  textareaBreak: '</textarea><script>window.__pwned=8</script>',
  iframe: '<iframe src="javascript:window.top.__pwned=9"></iframe>',
  template: '${window.__pwned=10}{{constructor.constructor("window.__pwned=10")()}}',
} as const;

export const HOSTILE_URLS = [
  'javascript:window.__pwned=11',
  'JaVaScRiPt:window.__pwned=12',
  ' javascript:window.__pwned=13',
  'java\tscript:window.__pwned=14',
  'data:text/html,<script>window.__pwned=15</script>',
  'vbscript:msgbox(1)',
  '//evil.example/x',
  'https://ok.example/a?q="><script>window.__pwned=16</script>',
];

const ALL = Object.values(PAYLOADS).join(' ');

const BODY = `${PAYLOADS.script} Officials said the border was calm. ${PAYLOADS.img}

"${PAYLOADS.svg} We are watching closely," said ${PAYLOADS.attrBreak}Evil Speaker.

Visit ${HOSTILE_URLS[0]} or ${HOSTILE_URLS[4]} for more. ${PAYLOADS.iframe} ${PAYLOADS.template}`;

export function xssCorpus(): CorpusSpec {
  const evil = `Evil Outlet ${PAYLOADS.img}`;
  return {
    storylines: [...SAMPLE_CORPUS.storylines, { id: 'sl-xss', label: `Hostile story line ${PAYLOADS.script}${PAYLOADS.titleBreak}` }],
    events: [...SAMPLE_CORPUS.events, { id: 'ev-xss', storylineId: 'sl-xss', label: `Hostile event ${PAYLOADS.titleBreak}${PAYLOADS.svg}`, summary: `Summary ${PAYLOADS.img}${PAYLOADS.styleBreak}${PAYLOADS.textareaBreak}` }],
    entities: [...SAMPLE_CORPUS.entities, { name: `Evil Speaker ${PAYLOADS.script}`, type: 'PERSON', roles: [`role ${PAYLOADS.img}`] }],
    articles: [
      ...SAMPLE_CORPUS.articles,
      ...HOSTILE_URLS.map((url, i) => ({
        id: `x-${i}`, eventId: 'ev-xss', outlet: i % 2 === 0 ? evil : `Other ${PAYLOADS.singleQuote}`, url,
        title: `${PAYLOADS.titleBreak} Hostile title ${i} ${PAYLOADS.script}`,
        byline: `By ${PAYLOADS.attrBreak}${PAYLOADS.img}`,
        publishedAt: `2025-03-0${(i % 3) + 1}T10:00`,
        text: BODY,
        provenance: i === 0 ? ('original' as const) : ('rewrite' as const),
        ...(i === 0 ? {} : { provenanceOf: 'x-0', evidence: `evidence ${PAYLOADS.svg}` }),
        entities: [{ text: 'Evil Speaker', name: `Evil Speaker ${PAYLOADS.script}`, type: 'PERSON' as const }],
        places: [{ text: 'border', name: `Place ${PAYLOADS.img}`, lat: 41, lon: 45, country: `<b>${PAYLOADS.script}</b>` }],
        quotes: [{ text: `"${PAYLOADS.svg} We are watching closely,"`, speaker: `Evil Speaker ${PAYLOADS.script}`, speakerText: 'Evil Speaker', cue: 'said', stance: 'neutral' as const, kind: 'direct' as const, statementId: 'st-xss' }],
        removed: [{ text: `Latest ${PAYLOADS.iframe}${PAYLOADS.script}`, reason: 'sidebar-list' as const }],
        dateline: { text: PAYLOADS.script, place: PAYLOADS.img, agency: PAYLOADS.svg, day: null },
        raw: `<html><head><title>${ALL}</title><script>window.__pwned=99</script></head><body onload="window.__pwned=98">${BODY}</body></html>`,
      })),
    ],
    rejections: [...SAMPLE_CORPUS.rejections, { source: `inbox/${PAYLOADS.img}.txt`, reason: 'too-short', detail: PAYLOADS.script, at: '2025-03-03T09:00:00Z' }],
  };
}

/** Every page that shows hostile content. */
export const XSS_PAGES = [
  '/', '/?outlet=' + encodeURIComponent(`Evil Outlet ${PAYLOADS.img}`), '/search?q=' + encodeURIComponent('Hostile title script'),
  '/search?q=' + encodeURIComponent(PAYLOADS.script), '/event/ev-xss', '/storyline/sl-xss',
  '/entity/' + encodeURIComponent(`Evil Speaker ${PAYLOADS.script}`), '/place/' + encodeURIComponent(`Place ${PAYLOADS.img}`),
  '/outlet/' + encodeURIComponent(`Evil Outlet ${PAYLOADS.img}`), '/outlets', '/entities', '/rejections',
  ...HOSTILE_URLS.map((_, i) => `/article/x-${i}`),
];
