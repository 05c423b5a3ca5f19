/**
 * Sites for bench/site-scale.ts in a process of their own, so that the RSS is theirs:
 * `node --import tsx bench/site-scale-child.ts <devices>`. Homes of one meter and three Sessys in NOM (the last
 * home smaller), or one Sessy alone for 1 device; 0 starts nothing but loads the same modules (the process's floor).
 * Prints one JSON line listing every device (URL, path Home Assistant polls, Authorization), then answers each
 * line on stdin with {"rssBytes": …}; exits when stdin closes.
 */
import { createInterface } from 'node:readline';
import { startSite, type RunningSite } from '../simulator/runtime/site/start-site.ts';
import '../simulator/http/sessy/index.ts';
import '../simulator/http/sessy-meter/index.ts';

const devices = Number(process.argv[2] ?? '1');

function homesOf(n: number): unknown[] {
  if (n === 0) return [];
  if (n === 1) return [{ sessys: [{ name: 's', strategy: 'POWER_STRATEGY_API' }] }];
  const homes: unknown[] = [];
  const home = (size: number, i: number) => ({ seed: i, meter: {}, sessys: Array.from({ length: size - 1 }, (_, k) => ({ name: `s${k + 1}`, phase: (k % 3) + 1 })) });
  let left = n;
  for (let i = 0; left > 0; i++) {
    const size = left >= 4 ? 4 : left;
    homes.push(size === 1 ? { seed: i, sessys: [{ name: 's', strategy: 'POWER_STRATEGY_API' }] } : home(size, i));
    left -= size;
  }
  return homes;
}

const sites: RunningSite[] = [];
for (const home of homesOf(devices)) sites.push(await startSite(home, { speed: 1 }));
const auth = (c: { user: string; password: string } | null): string | null => (c ? `Basic ${Buffer.from(`${c.user}:${c.password}`).toString('base64')}` : null);
const list = sites.flatMap((s) => s.devices.map((d) => ({ url: d.url, path: d.kind === 'sessy-meter' ? '/api/v2/p1/details' : '/api/v1/power/status', authorization: auth(d.credentials) })));
process.stdout.write(`${JSON.stringify({ devices: list })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', () => process.stdout.write(`${JSON.stringify({ rssBytes: process.memoryUsage().rss, posts: sites.reduce((n, s) => n + ((s.state().nom as { posts: number } | null)?.posts ?? 0), 0) })}\n`));
lines.on('close', () => void Promise.all(sites.map((s) => s.close())).then(() => process.exit(0)));
