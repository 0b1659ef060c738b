/**
 * Which mentions a manual split moves in one stored article. Splitting the
 * alias "Tobias Renn" off an entity must take every mention of that person in
 * the articles that name him — the surname-only "Renn" and "Renn's" too — not
 * only the mentions spelled exactly like the alias. The article's own entity
 * table says which mentions belong together; a mention only moves when its
 * words are part of the alias (or its canonical name is the alias), so a store
 * that wrote corpus ids into the document (where a wrong merge already joined
 * two people) still moves only the split-off person's mentions.
 */
import type { Article } from '../model/types.js';

const words = (s: string): string[] => s.toLowerCase().replace(/['’]s$/u, '').split(/\s+/u).filter((w) => w.length > 0);

function partOf(mention: string[], alias: string[]): boolean {
  if (mention.length === 0 || mention.length > alias.length) return false;
  for (let i = 0; i + mention.length <= alias.length; i++) if (mention.every((w, j) => alias[i + j] === w)) return true;
  return false;
}

export function mentionsOfAlias(article: Pick<Article, 'entities' | 'entityTable'>, alias: string): { start: number; end: number }[] {
  const key = alias.trim().toLowerCase();
  const aliasWords = words(alias);
  const locals = new Set<string>();
  for (const m of article.entities) if (m.text.toLowerCase() === key) locals.add(m.entityId);
  for (const e of article.entityTable ?? []) {
    if (e.name.toLowerCase() === key || e.aliases.some((a) => a.toLowerCase() === key)) locals.add(e.id);
  }
  return article.entities
    .filter((m) => locals.has(m.entityId) && (m.name.toLowerCase() === key || partOf(words(m.text), aliasWords)))
    .map((m) => ({ start: m.start, end: m.end }));
}
