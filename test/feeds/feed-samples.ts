/** Small feeds written for the tests (our own text). */
export const rss2 = (items: { id: string; link: string; title: string; date?: string }[], title = 'Caucasus Wire'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${title}</title><link>https://wire.example/</link><language>en</language>
${items
  .map(
    (i) => `<item><title>${i.title}</title><link>${i.link}</link><guid isPermaLink="false">${i.id}</guid>
<pubDate>${i.date ?? 'Thu, 27 May 2021 09:24:00 GMT'}</pubDate><description><![CDATA[<p>${i.title} &amp; more</p>]]></description></item>`,
  )
  .join('\n')}
</channel></rss>`;

export const RSS1 = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/"><title>RDF News</title><link>https://rdf.example/</link><dc:language>hy</dc:language></channel>
  <item rdf:about="https://rdf.example/a1"><title>Talks in Yerevan</title><link>https://rdf.example/a1</link><dc:date>2022-03-01T10:00:00Z</dc:date></item>
  <item rdf:about="https://rdf.example/a2"><title>Border &#8220;commission&#8221;</title><link>/a2</link></item>
</rdf:RDF>`;

export const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<!-- a comment before the root -->
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">
  <title type="text">Atom Outlet</title>
  <link rel="self" href="https://atom.example/feed.xml"/>
  <link rel="alternate" href="https://atom.example/"/>
  <entry><id>tag:atom.example,2021:1</id><title type="html">Zakharova &amp;amp; the briefing</title>
    <link rel="alternate" href="/news/1"/><published>2021-05-27T12:00:00+03:00</published><summary>Briefing.</summary></entry>
  <entry><id>tag:atom.example,2021:2</id><title>Second</title><link href="https://atom.example/news/2"/><updated>2021-05-28T08:00:00Z</updated></entry>
</feed>`;

export const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON Outlet',
  home_page_url: 'https://json.example/',
  items: [
    { id: 'j1', url: 'https://json.example/j1', title: 'JSON item', date_published: '2023-01-02T03:04:05Z', content_text: 'Body' },
    { id: 'j2', url: '/j2', title: 'Relative' },
  ],
});

export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://x.example/</link></item></channel></rss>`;

export const MALFORMED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><title>x</titl></item></channel>`;
