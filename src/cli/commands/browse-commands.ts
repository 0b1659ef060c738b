/** Read-only listings over the store. Every listing has --json. */
import { Command } from 'commander';
import type { EntityType } from '../../model/types.js';
import { dbOption, formatTable, parseLimit, printJsonLine, UsageError, withStore } from '../context.js';

const day = (d: string | null) => (d ? d.slice(0, 10) : '—');

function listing(program: Command, name: string, description: string): Command {
  return dbOption(program.command(name).description(description).option('--json', 'machine-readable output (one JSON object per line)'));
}

export function register(program: Command): void {
  listing(program, 'stories', 'List events ("stories"): the articles about one happening, newest first')
    .option('--limit <n>', 'how many', parseLimit, 30)
    .option('--sort <order>', 'latest | most-covered', 'latest')
    .option('--outlet <name>', 'only events an outlet covered')
    .option('--entity <name>', 'only events mentioning an entity')
    .option('--from <date>', 'events ending on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'events starting on or before this date')
    .action(async (opts: { db?: string; json?: boolean; limit: number; sort: string; outlet?: string; entity?: string; from?: string; to?: string }) => {
      if (opts.sort !== 'latest' && opts.sort !== 'most-covered') throw new UsageError('--sort must be latest or most-covered');
      await withStore(opts.db, async (store) => {
        const events = await store.listEvents({
          limit: opts.limit,
          sort: opts.sort as 'latest' | 'most-covered',
          ...(opts.outlet ? { outlet: opts.outlet } : {}),
          ...(opts.entity ? { entity: opts.entity } : {}),
          ...(opts.from ? { from: opts.from } : {}),
          ...(opts.to ? { to: opts.to } : {}),
        });
        if (opts.json) return events.forEach(printJsonLine);
        console.log(formatTable(['event', 'dates', 'articles', 'outlets', 'label'], events.map((e) => [e.id, `${day(e.firstDate)} → ${day(e.lastDate)}`, e.articleCount, e.outlets.join(', '), e.label])));
      });
    });

  listing(program, 'storylines', 'List story lines: events linked over months and years')
    .option('--limit <n>', 'how many', parseLimit, 30)
    .action(async (opts: { db?: string; json?: boolean; limit: number }) => {
      await withStore(opts.db, async (store) => {
        const lines = await store.listStorylines({ limit: opts.limit });
        if (opts.json) return lines.forEach(printJsonLine);
        console.log(formatTable(['story line', 'dates', 'events', 'articles', 'label'], lines.map((s) => [s.id, `${day(s.firstDate)} → ${day(s.lastDate)}`, s.eventCount, s.articleCount, s.label])));
      });
    });

  listing(program, 'story', 'Show one event (or a story line, by its sl- id): timeline, outlets, who said what')
    .argument('<id>', 'an event id (ev-…) or story line id (sl-…)')
    .option('--why', 'explain why each article is in the event, and every merge')
    .action(async (id: string, opts: { db?: string; json?: boolean; why?: boolean }) => {
      await withStore(opts.db, async (store) => {
        if (id.startsWith('sl-')) {
          const sl = await store.getStoryline(id);
          if (!sl) throw new UsageError(`no story line ${id}`);
          if (opts.json) return printJsonLine(sl);
          console.log(`${sl.label}\n${day(sl.firstDate)} → ${day(sl.lastDate)} · ${sl.eventCount} events · ${sl.articleCount} articles\n`);
          console.log(formatTable(['event', 'dates', 'articles', 'label'], sl.events.map((e) => [e.id, `${day(e.firstDate)} → ${day(e.lastDate)}`, e.articleCount, e.label])));
          return;
        }
        const ev = await store.getEvent(id);
        if (!ev) throw new UsageError(`no event ${id} (list them with: storyline stories)`);
        const said = await store.listStatements({ eventId: ev.id, limit: 500 });
        if (opts.json) return printJsonLine({ ...ev, statements: said });
        console.log(`${ev.label}\n${day(ev.firstDate)} → ${day(ev.lastDate)} · story line ${ev.storylineId ?? '—'}\n\n${ev.summary}\n`);
        console.log('Timeline');
        console.log(formatTable(['date', 'outlet', 'provenance', 'article', 'title'], ev.articles.map((a) => [a.publishedAt ?? 'undated', a.outlet, a.provenance + (a.provenanceOf ? ` of ${a.provenanceOf}` : ''), a.id, a.title])));
        if (said.length > 0) {
          console.log('\nWho said what');
          console.log(formatTable(['speaker', 'stance', 'outlets', 'statement'], said.map((s) => [s.speaker, s.stance, [...new Set(s.renderings.map((r) => r.outlet ?? '?'))].join(', '), s.text]), 90));
        }
        if (opts.why) {
          console.log('\nWhy each article is here');
          for (const m of ev.membership) console.log(`  ${m.articleId}: ${m.reason}`);
          console.log('\nHistory');
          for (const h of ev.history) console.log(`  ${h.at} ${h.action}: ${h.detail}`);
          if (ev.provenance.length > 0) {
            console.log('\nProvenance');
            for (const e of ev.provenance) console.log(`  ${e.from} → ${e.to} ${e.kind} (${e.score.toFixed(2)}): ${e.evidence}`);
          }
        }
      });
    });

  listing(program, 'search', 'Full-text search over titles and article text')
    .argument('<query...>', 'words (all must occur); end a word with * for a prefix match')
    .option('--limit <n>', 'how many', parseLimit, 20)
    .option('--outlet <name>', 'only this outlet')
    .action(async (words: string[], opts: { db?: string; json?: boolean; limit: number; outlet?: string }) => {
      await withStore(opts.db, async (store) => {
        const r = await store.search(words.join(' '), { limit: opts.limit, ...(opts.outlet ? { outlet: opts.outlet } : {}) });
        if (opts.json) return r.hits.forEach(printJsonLine);
        console.log(`${r.total} matching articles`);
        for (const h of r.hits) console.log(`\n${h.article.id}  ${h.article.title ?? '(no title)'} — ${h.article.outlet ?? '?'}, ${day(h.article.publishedAt)}\n  ${h.snippet}`);
      });
    });

  listing(program, 'quotes', 'List statements: one line per statement, however many outlets carried it')
    .option('--speaker <name>', 'only this speaker (any of their names)')
    .option('--limit <n>', 'how many', parseLimit, 100)
    .action(async (opts: { db?: string; json?: boolean; speaker?: string; limit: number }) => {
      await withStore(opts.db, async (store) => {
        const rows = await store.listStatements({ limit: opts.limit, ...(opts.speaker ? { speaker: opts.speaker } : {}) });
        if (opts.json) return rows.forEach(printJsonLine);
        console.log(
          formatTable(
            ['first', 'speaker', 'kind', 'stance', 'outlets', 'statement'],
            rows.map((s) => [day(s.firstDate), s.speaker, s.kind, s.stance, [...new Set(s.renderings.map((r) => r.outlet ?? '?'))].join(', '), s.text]),
            80,
          ),
        );
      });
    });

  listing(program, 'entities', 'List entities (people, organisations, places, other) by coverage')
    .option('--type <type>', 'PERSON | ORG | LOC | MISC')
    .option('--query <text>', 'names containing this text')
    .option('--limit <n>', 'how many', parseLimit, 50)
    .action(async (opts: { db?: string; json?: boolean; type?: string; query?: string; limit: number }) => {
      const type = opts.type?.toUpperCase();
      if (type && !['PERSON', 'ORG', 'LOC', 'MISC'].includes(type)) throw new UsageError('--type must be PERSON, ORG, LOC or MISC');
      await withStore(opts.db, async (store) => {
        const rows = await store.listEntities({ limit: opts.limit, ...(type ? { type: type as EntityType } : {}), ...(opts.query ? { query: opts.query } : {}) });
        if (opts.json) return rows.forEach(printJsonLine);
        console.log(formatTable(['entity', 'type', 'articles', 'mentions', 'name', 'roles'], rows.map((e) => [e.id, e.type, e.articleCount, e.mentionCount, e.name, e.roles.join('; ')])));
      });
    });

  listing(program, 'entity', 'Show one entity: roles, aliases, merges, articles, statements')
    .argument('<name-or-id>', 'a name, alias or entity id')
    .action(async (name: string, opts: { db?: string; json?: boolean }) => {
      await withStore(opts.db, async (store) => {
        const e = await store.getEntity(name);
        if (!e) throw new UsageError(`no entity matches "${name}"`);
        if (opts.json) return printJsonLine(e);
        console.log(`${e.name} (${e.type}) — ${e.id}\nroles: ${e.roles.join('; ') || '—'}\naliases: ${e.aliases.join(', ') || '—'}\n${e.articleCount} articles, ${e.mentionCount} mentions`);
        for (const m of e.mergedFrom) console.log(`merged from ${m.id} "${m.name}": ${m.reason}`);
        console.log('\nArticles');
        console.log(formatTable(['date', 'outlet', 'title'], e.articles.map((a) => [day(a.publishedAt), a.outlet, a.title])));
        if (e.statements.length > 0) {
          console.log('\nStatements');
          console.log(formatTable(['first', 'stance', 'statement'], e.statements.map((s) => [day(s.firstDate), s.stance, s.text]), 90));
        }
      });
    });

  listing(program, 'rejections', 'List inputs that were refused, with their reason codes')
    .option('--limit <n>', 'how many', parseLimit, 100)
    .action(async (opts: { db?: string; json?: boolean; limit: number }) => {
      await withStore(opts.db, async (store) => {
        const rows = await store.listRejections({ limit: opts.limit });
        if (opts.json) return rows.forEach(printJsonLine);
        console.log(formatTable(['source', 'reason', 'detail'], rows.map((r) => [r.source, r.reason, r.detail])));
      });
    });

  dbOption(program.command('entity-merge').description('Merge one entity into another by hand (kept across re-ingestion)'))
    .argument('<keep-id>', 'the entity that stays')
    .argument('<merge-id>', 'the entity merged into it')
    .option('--note <text>', 'why', 'merged by hand')
    .action(async (keep: string, merge: string, opts: { db?: string; note: string }) => {
      await withStore(opts.db, async (store) => {
        await store.mergeEntities(keep, merge, opts.note);
        console.log(`merged ${merge} into ${keep}`);
      });
    });

  dbOption(program.command('entity-split').description('Split an alias off an entity by hand (kept across re-ingestion)'))
    .argument('<entity-id>', 'the entity to split')
    .argument('<alias>', 'the name that refers to someone else')
    .option('--note <text>', 'why', 'split by hand')
    .action(async (id: string, alias: string, opts: { db?: string; note: string }) => {
      await withStore(opts.db, async (store) => {
        const newId = await store.splitEntity(id, alias, opts.note);
        console.log(`split "${alias}" from ${id} into ${newId}`);
      });
    });
}
