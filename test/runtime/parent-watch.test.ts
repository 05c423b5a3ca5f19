/**
 * Stopping with the process that started battsim through a package manager (simulator/runtime/parent-watch.ts): the
 * watch fires once the parent pid changes, never before, never twice, and only where a package manager started it.
 * test/cli/signals.test.ts checks the same through a real `npm exec`.
 */
import { describe, expect, it } from 'vitest';
import { PARENT_CHECK_MS, shouldWatchParent, watchParent, type ParentProbe } from '../../simulator/runtime/parent-watch.ts';

/** A parent pid and a check timer moved by hand. */
function handProbe(ppid: number): ParentProbe & { parent: number; tick(): void; readonly periods: number[]; stopped: boolean } {
  let check: (() => void) | null = null;
  const probe = {
    parent: ppid,
    periods: [] as number[],
    stopped: false,
    ppid: () => probe.parent,
    every: (fn: () => void, ms: number) => {
      check = fn;
      probe.periods.push(ms);
      return () => {
        check = null;
        probe.stopped = true;
      };
    },
    tick: () => check?.(),
  };
  return probe;
}

describe('watching the parent', () => {
  it('stays quiet while the parent is the one it started with', () => {
    const probe = handProbe(4242);
    const exits: number[] = [];
    watchParent((p) => exits.push(p), probe);
    for (let i = 0; i < 5; i++) probe.tick();
    expect(exits).toEqual([]);
    expect(probe.periods).toEqual([PARENT_CHECK_MS]);
  });

  it('calls back once, with the parent it started with, when the system has re-parented the process, and stops checking', () => {
    const probe = handProbe(4242);
    const exits: number[] = [];
    watchParent((p) => exits.push(p), probe);
    probe.tick();
    probe.parent = 1;
    probe.tick();
    probe.tick();
    expect(exits).toEqual([4242]);
    expect(probe.stopped).toBe(true);
  });

  it('is re-parented to a subreaper as well as to init', () => {
    const probe = handProbe(4242);
    const exits: number[] = [];
    watchParent((p) => exits.push(p), probe);
    probe.parent = 77;
    probe.tick();
    expect(exits).toEqual([4242]);
  });

  it('does not call back once stopped', () => {
    const probe = handProbe(4242);
    const exits: number[] = [];
    const stop = watchParent((p) => exits.push(p), probe);
    stop();
    probe.parent = 1;
    probe.tick();
    expect(exits).toEqual([]);
  });
});

describe('when battsim watches its parent', () => {
  it('does when npm, npx, yarn or pnpm started it (they set npm_execpath)', () => {
    expect(shouldWatchParent({ npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' })).toBe(true);
  });

  it('does not when started any other way: node, the bin, a container, a shell', () => {
    expect(shouldWatchParent({})).toBe(false);
    expect(shouldWatchParent({ npm_execpath: '' })).toBe(false);
  });

  it('does not with BATTSIM_OUTLIVE_PARENT=1, for a script that means to leave it running', () => {
    expect(shouldWatchParent({ npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js', BATTSIM_OUTLIVE_PARENT: '1' })).toBe(false);
    expect(shouldWatchParent({ npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js', BATTSIM_OUTLIVE_PARENT: '0' })).toBe(true);
  });
});
