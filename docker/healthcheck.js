// The image's HEALTHCHECK: healthy when every TCP port battsim listens on answers HTTP, with any status (a simulated
// device may answer 5xx on purpose: an injected fault, a replay's 501 for what it did not record), for whatever
// command the container runs (both emulators, one, the meter, a site of several, a replay). It finds the
// ports in /proc: the listening sockets that battsim's process holds (pid 1 in the container: the entrypoint execs
// node; another pid as the first argument). A port that speaks TLS (Homevolt's --https) is asked over HTTPS without
// checking the self-signed certificate. Plain node, no dependency. Exit code 0 healthy, 1 not.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pathToFileURL } from 'node:url';

/** Below the HEALTHCHECK's --timeout (3 s), with room for node to start. */
const TIMEOUT_MS = 2000;

/** The inodes of the sockets the process holds. */
function socketInodes(pid) {
  const inodes = new Set();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // The descriptor closed while we read the list.
    }
  }
  return inodes;
}

/** An address of /proc/net/tcp{,6} (hex, 32-bit words in host order) as text; the wildcard as loopback. */
function addressOf(hex) {
  const words = hex.match(/.{8}/g).map((w) => w.match(/../g).reverse().join(''));
  if (words.length === 1) {
    const ip = words[0].match(/../g).map((b) => Number.parseInt(b, 16)).join('.');
    return ip === '0.0.0.0' ? '127.0.0.1' : ip;
  }
  const groups = words.join('').match(/.{4}/g).map((g) => Number.parseInt(g, 16).toString(16));
  const ip = groups.join(':');
  return /^(0:){7}0$/.test(ip) ? '::1' : ip.startsWith('0:0:0:0:0:ffff:') ? addressOf(words[3]) : ip;
}

/** Where the process listens: [{ host, port }] from the kernel's TCP tables. */
function listeningOf(pid, tables = ['/proc/net/tcp', '/proc/net/tcp6']) {
  const inodes = socketInodes(pid);
  const found = [];
  for (const table of tables) {
    let text;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[1] local address:port, f[3] state (0A: LISTEN), f[9] inode.
      if (f.length < 10 || f[3] !== '0A' || !inodes.has(f[9])) continue;
      const [address, port] = f[1].split(':');
      found.push({ host: addressOf(address), port: Number.parseInt(port, 16) });
    }
  }
  return found;
}

/** Resolves with the status of GET / on the port, over HTTP or else HTTPS; rejects if neither answers in time. */
function statusOf({ host, port }, secure = false) {
  return new Promise((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)({ host, port, path: '/', timeout: TIMEOUT_MS, rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    let timedOut = false;
    request.on('timeout', () => {
      timedOut = true;
      request.destroy(new Error('timed out'));
    });
    // A TLS port closes on plain HTTP at once: ask it over HTTPS. One that says nothing in time is not healthy.
    request.on('error', (e) => (secure || timedOut ? reject(e) : statusOf({ host, port }, true).then(resolve, reject)));
    request.end();
  });
}

async function healthy(pid) {
  const ports = listeningOf(pid);
  if (ports.length === 0) return false;
  const answers = await Promise.all(ports.map((p) => statusOf(p).then(() => true, () => false)));
  return answers.every(Boolean);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = (await healthy(process.argv[2] ?? '1').catch(() => false)) ? 0 : 1;
}
