/** The demo corpus's plain-text articles (real-looking news copy, with its near-copies and rewrites), in name order. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const demoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo/corpus');

export const demoTexts: readonly string[] = readdirSync(demoDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(path.join(demoDir, f), 'utf8'));
