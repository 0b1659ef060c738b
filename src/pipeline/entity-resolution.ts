/**
 * Corpus entities: each document entity of an article linked to a stored
 * corpus entity (or a new one), honouring manual merges and splits. Decided
 * once per article on the ingest service's thread; the store writes the result.
 */
import { createHash } from 'node:crypto';
import { EntityMatcher, entityMatchKey, type MatchableEntity } from '../enrich/entities/entity-merge.js';
import type { Entity, EntityRole } from '../model/types.js';
import type { CorpusEntity, IngestBundle, Store } from '../store/store-port.js';
import { uniq } from '../util/uniq.js';

const hash = (s: string, n = 12) => createHash('sha256').update(s).digest('hex').slice(0, n);

export function roleText(r: EntityRole): string {
  return [r.role, r.affiliation ? `, ${r.affiliation}` : '', r.postedTo ? ` (to ${r.postedTo})` : ''].join('');
}

function asMatchable(e: CorpusEntity): MatchableEntity {
  return { id: e.id, name: e.name, type: e.type, aliases: e.aliases, roles: e.roles.map((r) => ({ role: r, evidence: '' })) };
}

/** Links each document entity to a corpus entity (or a new one), honouring manual merges and splits. */
export async function resolveCorpusEntities(store: Store, table: Entity[]): Promise<IngestBundle['entities']> {
  const keyed = table.map((e) => ({ e, keys: uniq([e.name, ...e.aliases].map((n) => entityMatchKey(n, e.type))) }));
  const corpus = await store.entitiesByKeys(keyed.flatMap((k) => k.keys));
  const overrides = await store.entityOverrides();
  const mergedInto = new Map(overrides.filter((o) => o.action === 'merge').map((o) => [o.other, o.entityId]));
  const splits = overrides.filter((o) => o.action === 'split');
  const out: IngestBundle['entities'] = [];
  const byId = new Map(corpus.map((c) => [c.id, c]));
  // Each entity is compared only with the corpus entities that could reach the merge threshold (same decision as matchEntity).
  const matcher = new EntityMatcher(corpus.map(asMatchable));
  for (const { e, keys } of keyed) {
    const match = matcher.match({ id: e.id, name: e.name, type: e.type, aliases: e.aliases, roles: e.roles });
    let target = match ? byId.get(match.entityId) : undefined;
    let reason = match ? match.explanation : 'new entity';
    let id = target?.id ?? `${e.type.toLowerCase()}-${hash(keys[0] ?? e.name)}`;
    for (let hops = 0; mergedInto.has(id) && hops < 10; hops++) {
      id = mergedInto.get(id)!;
      reason = `manual merge into ${id}`;
      target = byId.get(id) ?? (await keptEntity(store, id)) ?? target;
      if (target !== undefined) byId.set(target.id, target);
    }
    const split = splits.find((s) => s.entityId === id && (s.other === e.name || e.aliases.includes(s.other)));
    if (split) {
      id = `${split.entityId}~${split.other.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}`;
      reason = `manual split of "${split.other}" from ${split.entityId}`;
      target = undefined;
    }
    const base: CorpusEntity = target ?? { id, name: e.name, type: e.type, matchKey: keys[0] ?? e.name, aliases: [], roles: [] };
    // A longer full name becomes the display name, unless a person chose this entity by hand.
    const manual = reason.startsWith('manual merge');
    const longer = !manual && e.name.length > base.name.length && e.type === 'PERSON' ? e.name : base.name;
    const entity: CorpusEntity = {
      ...base,
      id,
      name: longer,
      aliases: uniq([...base.aliases, base.name, e.name, ...e.aliases]).filter((n) => n !== longer),
      roles: uniq([...base.roles, ...e.roles.map(roleText)]),
    };
    byId.set(id, entity);
    out.push({ localId: e.id, entity, reason });
  }
  return out;
}

/** The entity a manual merge kept, when the article's names did not look it up by key. */
async function keptEntity(store: Store, id: string): Promise<CorpusEntity | undefined> {
  const e = await store.getEntity(id);
  if (e === null || e.id !== id) return undefined;
  return { id: e.id, name: e.name, type: e.type, matchKey: entityMatchKey(e.name, e.type), aliases: e.aliases, roles: e.roles };
}
