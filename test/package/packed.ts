/**
 * The packed package, as a user gets it: `npm pack` of the built repository (npm test builds first), and a
 * directory where `node_modules/battsim` is the tarball's contents while battsim's dependencies and the test tools
 * come from the repository's own node_modules (one level up, through a symlink), so no install runs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/battsim-process.ts';

export interface PackedBattsim {
  /** The .tgz file. */
  readonly tarball: string;
  /** Every path in it, relative to the package root. */
  readonly files: readonly string[];
}

/** Packs the repository once (without running prepack: dist/ must be built). */
export function packBattsim(): PackedBattsim {
  if (!existsSync(join(REPO_ROOT, 'dist', 'simulator', 'index.js'))) {
    throw new Error('Failed to pack battsim: dist/ is missing. Run `npm run build` first (`npm test` does).');
  }
  const destination = mkdtempSync(join(tmpdir(), 'battsim-pack-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], { cwd: REPO_ROOT, encoding: 'utf8' });
  const [result] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(destination, result!.filename), files: result!.files.map((f) => f.path) };
}

/**
 * A directory with `app/node_modules/battsim` extracted from the tarball and copies of the given consumer folders
 * under `app/`; returns the path of `app`.
 */
export function consumerWorkspace(tarball: string, consumers: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'battsim-consumers-'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  const app = join(root, 'app');
  const modules = join(app, 'node_modules');
  mkdirSync(modules, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', modules]);
  renameSync(join(modules, 'package'), join(modules, 'battsim'));
  for (const name of consumers) cpSync(join(REPO_ROOT, 'test', 'consumers', name), join(app, name), { recursive: true });
  return app;
}

/** Folder names under test/consumers/ that are projects. */
export function consumerNames(): string[] {
  return readdirSync(join(REPO_ROOT, 'test', 'consumers'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}
