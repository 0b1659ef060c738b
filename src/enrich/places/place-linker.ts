/**
 * Gives LOC entities the GeoNames id their mentions resolved to, so an
 * entity page can show the place on a map. Pure: returns new entities.
 */
import type { Entity, EntityMention, PlaceMention } from '../../model/types.js';
import type { PlaceDescription } from './place-descriptions.js';

/**
 * Also adds each linked description ("Armenia's southernmost region") as an alias of the entity
 * whose mention it stands for; the evidence stays on the description.
 */
export function linkPlacesToEntities(
  entities: readonly Entity[],
  mentions: readonly EntityMention[],
  places: readonly PlaceMention[],
  descriptions: readonly PlaceDescription[] = [],
): Entity[] {
  const aliases = new Map<string, string[]>();
  for (const d of descriptions) {
    const m = mentions.find((x) => x.start < d.aliasOf.end && d.aliasOf.start < x.end);
    if (!m) continue;
    aliases.set(m.entityId, [...(aliases.get(m.entityId) ?? []), d.text]);
  }
  const votes = new Map<string, Map<number, number>>();
  for (const m of mentions) {
    const p = places.find((x) => x.start < m.end && m.start < x.end && x.geonameId !== null);
    if (!p || p.geonameId === null) continue;
    const v = votes.get(m.entityId) ?? new Map<number, number>();
    v.set(p.geonameId, (v.get(p.geonameId) ?? 0) + 1);
    votes.set(m.entityId, v);
  }
  return entities.map((e0) => {
    const extra = (aliases.get(e0.id) ?? []).filter((a) => a !== e0.name && !e0.aliases.includes(a));
    const e = extra.length > 0 ? { ...e0, aliases: [...e0.aliases, ...new Set(extra)] } : e0;
    const v = votes.get(e.id);
    if (e.type !== 'LOC' || !v) return e;
    // The id most of its mentions resolved to (one name is read one way per article, so usually all).
    const [id] = [...v].sort((a, b) => b[1] - a[1])[0]!;
    return { ...e, geonameId: id };
  });
}
