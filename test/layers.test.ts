/**
 * The direction of imports (STYLE: core <- devices <- engine <- control <- http <- runtime): a layer imports only
 * the layers below it, so that each can be read and tested without those above. Checked on the source text:
 * every static `from '…'` and dynamic `import('…')` of a relative path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What each folder may import besides itself. A folder not listed here may not be imported by a listed one. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  'simulator/core': [],
  'simulator/devices': ['simulator/core'],
  'simulator/replay': ['simulator/core'],
  'simulator/engine': ['simulator/core', 'simulator/devices'],
  'simulator/control': ['simulator/core', 'simulator/devices', 'simulator/engine'],
  'simulator/http': ['simulator/core', 'simulator/devices', 'simulator/engine', 'simulator/control', 'simulator/replay', 'openapi'],
  'simulator/runtime': ['simulator/core', 'simulator/devices', 'simulator/engine', 'simulator/control', 'simulator/replay', 'simulator/http'],
  // Clients are shipped on their own (battsim/clients) and copied into integrations: nothing of the simulator.
  clients: ['openapi'],
  // A contract must not pass by reading the emulator's insides: clients and plain HTTP only.
  contracts: ['clients', 'openapi'],
};

function layerOf(file: string): string | undefined {
  const rel = relative(ROOT, file).split('\\').join('/');
  return Object.keys(MAY_IMPORT)
    .filter((layer) => rel.startsWith(`${layer}/`))
    .sort((a, b) => b.length - a.length)[0];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Relative specifiers a file imports, statically or dynamically (type-only imports count too), as TypeScript reads them. */
function importsOf(text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((name) => name.startsWith('./') || name.startsWith('../'));
}

/** Every import of a file in one listed layer that reaches a folder it may not import: `file -> target`. */
function violations(): string[] {
  const found: string[] = [];
  for (const top of ['simulator', 'clients', 'contracts']) {
    for (const file of sourceFiles(join(ROOT, top))) {
      const layer = layerOf(file);
      if (layer === undefined) continue;
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const target = relative(ROOT, resolve(dirname(file), spec)).split('\\').join('/');
        if (target.startsWith(`${layer}/`)) continue;
        if (MAY_IMPORT[layer]!.some((allowed) => target === allowed || target.startsWith(`${allowed}/`))) continue;
        found.push(`${relative(ROOT, file)} -> ${target}`);
      }
    }
  }
  return found;
}

describe('the layers of the source tree', () => {
  it('import only downward: no file imports a layer above its own or beside it', () => {
    expect(violations()).toEqual([]);
  });

  it('finds static, type-only and dynamic imports alike', () => {
    const text = "import { a } from '../runtime/x.ts';\nimport type { B } from '../runtime/y.ts';\nconst c = await import('../runtime/z.ts');\nimport '../runtime/w.ts';\nconst d = `import { e } from '../runtime/v.ts'`;";
    expect(importsOf(text)).toEqual(['../runtime/x.ts', '../runtime/y.ts', '../runtime/z.ts', '../runtime/w.ts']);
  });
});
