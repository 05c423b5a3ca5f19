/**
 * Installing battsim from git (`npm install git+https://…/battsim.git`): npm clones it, installs its dev dependencies
 * and runs `prepare`, not `prepack`, before packing it, so `prepare` must build dist/. In a checkout's own `npm ci` it
 * must not: the checkout runs its sources. scripts/prepare.js tells the two apart by npm's INIT_CWD.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shouldBuild } from '../../scripts/prepare.js';
import { REPO_ROOT } from '../support/battsim-process.ts';

describe('npm prepare', () => {
  it('is the script npm runs for a git install', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toBe('node scripts/prepare.js');
  });

  // Paths of any machine: a project, and the clone npm makes of a git dependency in its cache.
  const project = join(tmpdir(), 'my-integration');
  const clone = join(tmpdir(), '.npm', '_cacache', 'tmp', 'git-cloneAbc123');

  it('builds when npm was run in another project: a git install, where the clone is not where npm started', () => {
    expect(shouldBuild(project, `${clone}/`)).toBe(true);
  });

  it('builds when npm says nothing of where it started', () => {
    expect(shouldBuild(undefined, clone)).toBe(true);
    expect(shouldBuild('', clone)).toBe(true);
  });

  it("does not build in a checkout's own npm ci, run at the package's root (with or without a trailing slash)", () => {
    expect(shouldBuild(clone, `${clone}/`)).toBe(false);
    expect(shouldBuild(REPO_ROOT)).toBe(false);
  });

  it('is in the image before each npm ci, which runs it', () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    for (const stage of stages) {
      const copy = stage.indexOf('COPY scripts/prepare.js ./scripts/prepare.js');
      expect(copy, stage.split('\n')[0]).toBeGreaterThan(-1);
      expect(copy).toBeLessThan(stage.indexOf('RUN npm ci'));
    }
  });
});
