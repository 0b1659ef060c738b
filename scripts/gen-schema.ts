/**
 * Generates `docs/schema.json`, the JSON Schema of the data model, from
 * `src/model/types.ts`. The types are the source of truth; the schema is for
 * people and tools outside TypeScript (the `analyze --json` contract, the
 * HTTP API). `test/schema/schema.test.ts` fails when the committed file is
 * stale.
 *
 *   npx tsx scripts/gen-schema.ts           # write docs/schema.json
 *   npx tsx scripts/gen-schema.ts --check   # exit 1 when docs/schema.json is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

type JsonObject = { [key: string]: unknown };

export const SCHEMA_ID = 'https://storyline.local/schema.json';
export const SCHEMA_PATH = 'docs/schema.json';
const TYPES_PATH = 'src/model/types.ts';

/** `Brand<string, "ArticleId">` and friends: the generator names them after the generic instance. */
const BRAND_KEY = /^Brand<string,"([A-Za-z]{1,40})">$/;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Branded ids exist only for the type checker; on the wire they are plain
 * strings. The generator emits each id as a `$ref` to a definition named
 * `Brand<string,"ArticleId">`, an awkward name for readers of the schema, so
 * the id definitions are turned into plain strings and the brand entries dropped.
 */
function flattenBrands(definitions: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [name, def] of Object.entries(definitions)) {
    if (BRAND_KEY.test(name)) continue;
    const isBrandAlias = isObject(def) && typeof def.$ref === 'string' && BRAND_KEY.test(decodeURIComponent(def.$ref.replace('#/definitions/', '')));
    out[name] = isBrandAlias ? { type: 'string', description: `${name}: an opaque id, a plain string on the wire.` } : def;
  }
  return out;
}

/**
 * One line of `storyline analyze --json` (docs/analyze-contract.md). It is not
 * a TypeScript type of the model — the CLI adds `status` and `reason` to an
 * Article — so it is stated here, next to the generated definitions.
 */
const ANALYZE_LINE: JsonObject = {
  description: 'One line of `storyline analyze --json`: an Article plus status and reason, or a rejection. See docs/analyze-contract.md.',
  anyOf: [
    {
      allOf: [
        { $ref: '#/definitions/Article' },
        {
          type: 'object',
          properties: {
            status: { type: 'string', enum: ['ok', 'duplicate'] },
            reason: { anyOf: [{ $ref: '#/definitions/ReasonCode' }, { type: 'null' }] },
            duplicateOf: { type: ['string', 'null'], description: 'For `duplicate`: the source of the earlier input in the same call.' },
          },
          required: ['status', 'reason'],
        },
      ],
    },
    {
      type: 'object',
      properties: {
        source: { type: 'string' },
        status: { type: 'string', const: 'rejected' },
        reason: { $ref: '#/definitions/ReasonCode' },
        detail: { type: ['string', 'null'] },
      },
      required: ['source', 'status', 'reason'],
    },
  ],
};

/** Builds the schema object in memory; `repoRoot` holds `src/model/types.ts` and `tsconfig.json`. */
export function generateSchema(repoRoot: string): JsonObject {
  const generator = createGenerator({
    path: path.join(repoRoot, TYPES_PATH),
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
    type: '*',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    // The model file is type-checked by `npm run typecheck`; skipping here keeps generation fast
    // and independent of unrelated files that may be mid-edit.
    skipTypeCheck: true,
    additionalProperties: true,
    sortProps: false,
  });
  const raw = generator.createSchema('*') as JsonObject;
  const definitions = isObject(raw.definitions) ? raw.definitions : {};
  return {
    $schema: raw.$schema ?? 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'Storyline data model',
    $comment: `Generated from ${TYPES_PATH} by scripts/gen-schema.ts (npm run schema). Do not edit by hand.`,
    definitions: { ...flattenBrands(definitions), AnalyzeLine: ANALYZE_LINE },
  };
}

export function renderSchema(schema: JsonObject): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

function main(argv: string[]): number {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const target = path.join(repoRoot, SCHEMA_PATH);
  const text = renderSchema(generateSchema(repoRoot));
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // a missing file is stale too
    }
    if (current === text) return 0;
    console.error(`${SCHEMA_PATH} is out of date: run npx tsx scripts/gen-schema.ts`);
    return 1;
  }
  writeFileSync(target, text);
  console.log(`wrote ${SCHEMA_PATH}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
