/** The README's TypeScript examples, for the TypeScript consumer to type-check against the packed package. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/battsim-process.ts';

/** Every ```ts block of README.md, in order. */
export function readmeTypeScriptExamples(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}
