import { describe, expect, it } from 'vitest';
import type { EntityMention } from '../../src/model/types.js';
import { mentionsOfAlias } from '../../src/store/entity-split.js';

const m = (text: string, start: number, entityId: string, name: string): EntityMention => ({ text, start, end: start + text.length, type: 'PERSON', entityId, name });

describe('mentionsOfAlias', () => {
  it('takes the surname-only and possessive mentions of the split-off person', () => {
    const entities = [m('Tobias Renn', 0, 'e1', 'Tobias Renn'), m('Ines Calder', 30, 'e2', 'Ines Calder'), m('Renn', 60, 'e1', 'Tobias Renn'), m("Renn's", 80, 'e1', 'Tobias Renn')];
    expect(mentionsOfAlias({ entities, entityTable: [] }, 'Tobias Renn').map((x) => x.start)).toEqual([0, 60, 80]);
  });

  it('leaves another person alone when the document already carries one merged id for both', () => {
    const entities = [m('Tomas Lind', 0, 'person-1', 'Elena Marsh'), m('Marsh', 40, 'person-1', 'Elena Marsh'), m('Lind', 70, 'person-1', 'Elena Marsh')];
    expect(mentionsOfAlias({ entities, entityTable: [] }, 'Tomas Lind').map((x) => x.start)).toEqual([0, 70]);
  });

  it('moves nothing in an article that does not use the alias', () => {
    const entities = [m('Lind', 0, 'e1', 'Lind')];
    expect(mentionsOfAlias({ entities, entityTable: [] }, 'Tomas Lind')).toEqual([]);
  });
});
