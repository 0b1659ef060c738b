/** The page shell shared by every view: header with search, main, footer. */
import { html, type HtmlValue, type SafeHtml } from '../html-template.js';
import { EXPORT_TARGETS } from '../../export/export-records.js';

export interface PageContext {
  /** Asset URLs with a content hash, so they can be cached forever. */
  cssHref: string;
  jsHref: string;
  now: Date;
  /** The current search query, echoed into the header search box. */
  query?: string;
}

export interface PageParts {
  title: string;
  body: HtmlValue;
  /** Which nav item is current. */
  section?: 'front' | 'search' | 'outlets' | 'entities' | 'other';
  description?: string;
}

export function renderPage(ctx: PageContext, parts: PageParts): string {
  const nav = (href: string, label: string, key: PageParts['section']): SafeHtml =>
    html`<a href="${href}"${parts.section === key ? html` aria-current="page"` : ''}>${label}</a>`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${parts.title} · Storyline</title>
${parts.description ? html`<meta name="description" content="${parts.description}">` : ''}
<link rel="stylesheet" href="${ctx.cssHref}">
<script src="${ctx.jsHref}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap header-inner">
    <a class="brand" href="/">Storyline</a>
    <nav class="site-nav" aria-label="Main">
      ${nav('/', 'Front page', 'front')}
      ${nav('/outlets', 'Outlets', 'outlets')}
      ${nav('/entities', 'Entities', 'entities')}
    </nav>
    <form class="search-form" role="search" action="/search" method="get">
      <label class="visually-hidden" for="site-q">Search articles</label>
      <input id="site-q" type="search" name="q" value="${ctx.query ?? ''}" placeholder="Search articles…" maxlength="500">
      <button type="submit">Search</button>
    </form>
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
${parts.body}
</main>
<footer class="site-footer">
  <div class="wrap">Storyline · rendered ${ctx.now.toISOString().slice(0, 16).replace('T', ' ')} UTC · works offline · export everything:
    ${EXPORT_TARGETS.map((k, i) => html`${i > 0 ? ', ' : ''}${k} (<a href="/api/export/${k}" download>JSON lines</a>, <a href="/api/export/${k}?format=csv" download>CSV</a>)`)}</div>
</footer>
</body>
</html>
`;
  return page.value;
}
