#!/usr/bin/env node
// The storyline command runs the TypeScript sources directly through tsx's
// loader: one source of truth, no build step, models and assets found
// beside the sources.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
