import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * TEST-ONLY: a single-node Ceph cluster (one monitor, one in-memory "memstore" OSD, one
 * radosgw) from Debian's Ceph 16.2 packages, so end-to-end tests talk to a real S3 server.
 * Everything runs as the current user under a fresh temp directory, binds to 127.0.0.1 on
 * free ports and uses `auth none`; nothing outlives `stop()` or the test process.
 * See /work/shared/infra/TEST-SERVICES.md ("S3: Ceph radosgw").
 */
export interface CephRgw {
  /** e.g. http://127.0.0.1:40123 (use path-style URLs: `forcePathStyle: true`). */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** PIDs of the daemons (monitor, OSD, radosgw), for tests that check nothing is left. */
  pids: number[];
  /** Stops radosgw, then the OSD, then the monitor, and removes the temp directory. */
  stop(): Promise<void>;
}

const BINARIES = ['ceph', 'monmaptool', 'ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin'];
const INSTALL_HINT = 'Debian: apt-get install -y --no-install-recommends ceph-mon ceph-osd radosgw';
const RGW_NAME = 'client.rgw.gosight';
const ACCESS_KEY = 'GOSIGHTTESTACCESSKEY';
const SECRET_KEY = 'gosight-test-secret-key-0123456789abcdef';
const STARTUP_TIMEOUT_MS = 60_000;

function onPath(bin: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

/** True if the Ceph binaries the harness needs are installed. */
export function cephAvailable(): boolean {
  return BINARIES.every(onPath);
}

/** `setpriv --pdeathsig KILL` makes a daemon die with the test process even if that is SIGKILLed. */
let pdeathsig: boolean | undefined;
function hasPdeathsig(): boolean {
  pdeathsig ??= spawnSync('setpriv', ['--pdeathsig', 'KILL', 'true'], { stdio: 'ignore' }).status === 0;
  return pdeathsig;
}

interface Daemon {
  name: string;
  child: ChildProcess;
  logFile: string;
  output: string;
  exited: Promise<void>;
  exitCode: number | null | undefined;
  exitSignal: NodeJS.Signals | null | undefined;
}

export async function startCephRgw(): Promise<CephRgw> {
  const missing = BINARIES.filter((b) => !onPath(b));
  if (missing.length > 0) {
    throw new Error(`Ceph is not installed (missing ${missing.join(', ')}): the S3 end-to-end tests need it (${INSTALL_HINT})`);
  }

  const dir = mkdtempSync(join(tmpdir(), 'gosight-ceph-'));
  for (const sub of ['run', 'log', 'mon', 'osd', 'rgw', 'crash']) mkdirSync(join(dir, sub));
  const conf = join(dir, 'ceph.conf');
  const fsid = randomUUID();
  const [monPort, rgwPort] = await freePorts(2);
  const endpoint = `http://127.0.0.1:${rgwPort}`;
  writeFileSync(conf, cephConf(dir, fsid, monPort, rgwPort));
  // Commands read only our config: no CEPH_ARGS/CEPH_CONF from the environment.
  const env: NodeJS.ProcessEnv = { ...process.env, CEPH_CONF: conf };
  delete env.CEPH_ARGS;

  const daemons: Daemon[] = [];
  let stopped = false;
  let keepDir = false;
  const killAllNow = () => {
    for (const d of daemons) if (d.exitCode === undefined && d.child.pid) try { process.kill(d.child.pid, 'SIGKILL'); } catch { /* gone */ }
    try { rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
  };
  const onSignal = (sig: NodeJS.Signals) => {
    killAllNow();
    unhook();
    // Re-raise with the default action if nobody else handles it.
    if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const unhook = () => {
    process.off('exit', killAllNow);
    for (const s of signals) process.off(s, onSignal);
  };
  process.once('exit', killAllNow);
  for (const s of signals) process.once(s, onSignal);

  const startDaemon = (name: string, args: string[]): Daemon => {
    const [cmd, argv] = hasPdeathsig() ? ['setpriv', ['--pdeathsig', 'KILL', '--', ...args]] : [args[0], args.slice(1)];
    const child = spawn(cmd, argv, { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const d: Daemon = { name, child, logFile: join(dir, 'log', `${name}.log`), output: '', exited: undefined!, exitCode: undefined, exitSignal: undefined };
    const keep = (b: Buffer) => { d.output = (d.output + b.toString()).slice(-8_000); };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    d.exited = new Promise<void>((resolve) => {
      child.once('error', (err) => { keep(Buffer.from(String(err))); d.exitCode ??= -1; resolve(); });
      child.once('exit', (code, signal) => { d.exitCode = code; d.exitSignal = signal; resolve(); });
    });
    daemons.push(d);
    return d;
  };

  const stopDaemon = async (d: Daemon, graceMs: number) => {
    if (d.exitCode !== undefined || !d.child.pid) return;
    try { process.kill(d.child.pid, 'SIGTERM'); } catch { /* gone */ }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => { timer = setTimeout(() => r('late'), graceMs); });
    if (await Promise.race([d.exited, late]) === 'late') {
      try { process.kill(d.child.pid, 'SIGKILL'); } catch { /* gone */ }
      await d.exited;
    }
    clearTimeout(timer);
  };

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Reverse start order: radosgw, then the OSD (it reports its shutdown to the monitor and
    // hangs if the monitor is gone), then the monitor.
    for (const d of [...daemons].reverse()) await stopDaemon(d, 15_000);
    unhook();
    if (keepDir) return;
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  const cephCli = (args: string[], timeoutMs = 15_000) => run('ceph', ['-c', conf, '--connect-timeout', '5', ...args], env, timeoutMs);

  try {
    await run('monmaptool', ['--create', '--clobber', '--fsid', fsid, '--addv', 'a', `[v1:127.0.0.1:${monPort}]`, join(dir, 'monmap')], env);
    await run('ceph-mon', ['-c', conf, '--mkfs', '-i', 'a', '--monmap', join(dir, 'monmap')], env, 30_000, join(dir, 'log', 'mon.a.log'));
    const mon = startDaemon('mon.a', ['ceph-mon', '-c', conf, '-i', 'a', '-f']);
    await waitFor('the monitor to answer `ceph -s`', mon, deadline, async () => { await cephCli(['-s'], 8_000); return true; });

    const osdUuid = randomUUID();
    const osdId = (await cephCli(['osd', 'new', osdUuid])).trim();
    if (!/^\d+$/.test(osdId)) throw new Error(`ceph osd new answered ${JSON.stringify(osdId)}`);
    mkdirSync(join(dir, 'osd', `osd.${osdId}`));
    await run('ceph-osd', ['-c', conf, '-i', osdId, '--mkfs', '--osd-uuid', osdUuid], env, 30_000, join(dir, 'log', `osd.${osdId}.log`));
    let osd: Daemon;
    for (let attempt = 1; ; attempt++) {
      osd = startDaemon(`osd.${osdId}`, ['ceph-osd', '-c', conf, '-i', osdId, '-f']);
      try {
        await waitFor('the OSD to be up', osd, deadline, async () => {
          const stat = JSON.parse(await cephCli(['osd', 'stat', '-f', 'json'], 8_000)) as { num_up_osds?: number };
          return (stat.num_up_osds ?? 0) >= 1;
        }, [mon]);
        break;
      } catch (err) {
        // Ceph 16.2 race (about one start in three here): the OSD can send its first monitor
        // command before it has the monmap, so with a zero fsid; the monitor answers "wrong
        // fsid" and the OSD exits. Its store is intact: start it again.
        if (attempt < 4 && osd.exitCode !== undefined && mon.exitCode === undefined && osd.output.includes('wrong fsid')) continue;
        throw err;
      }
    }

    const rgw = startDaemon(RGW_NAME, ['radosgw', '-c', conf, '-n', RGW_NAME, '-f']);
    await waitFor(`radosgw to answer HTTP on ${endpoint}`, rgw, deadline, async () => (await httpStatus(endpoint)) === 200, [mon, osd]);

    await run('radosgw-admin', [
      '-c', conf, 'user', 'create', '--uid=gosight-test', '--display-name=GoSight tests',
      `--access-key=${ACCESS_KEY}`, `--secret=${SECRET_KEY}`,
    ], env, 30_000, join(dir, 'log', 'client.admin.log'));

    return { endpoint, accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, pids: daemons.filter((d) => d.exitCode === undefined).map((d) => d.child.pid!), stop };
  } catch (err) {
    // Read the logs (in the message) before stop() removes the directory.
    const message = (err as Error).message;
    keepDir = process.env.GOSIGHT_CEPH_KEEP === '1';
    await stop().catch(() => undefined);
    throw new Error(`Ceph radosgw test harness did not start: ${message}${keepDir ? `\n(kept ${dir})` : '\n(set GOSIGHT_CEPH_KEEP=1 to keep its directory and logs)'}`, { cause: err });
  }
}

function cephConf(dir: string, fsid: string, monPort: number, rgwPort: number): string {
  return `[global]
fsid = ${fsid}
mon host = v1:127.0.0.1:${monPort}
mon initial members = a
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind msgr2 = false
ms bind ipv6 = false
auth cluster required = none
auth service required = none
auth client required = none
keyring = /dev/null
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
# Test speed: propose cluster map changes (pool creation, OSD boot) quickly.
paxos propose interval = 0.1
osd objectstore = memstore
memstore device bytes = 1073741824
osd max object name len = 460
osd max object namespace len = 64
run dir = ${dir}/run
pid file = ${dir}/run/$name.pid
admin socket = ${dir}/run/$name.asok
log file = ${dir}/log/$name.log
mon cluster log file = ${dir}/log/cluster.log
crash dir = ${dir}/crash
mon data = ${dir}/mon/$name
osd data = ${dir}/osd/$name
osd journal = ${dir}/osd/$name/journal
mgr data = ${dir}/mgr/$name
mds data = ${dir}/mds/$name

[${RGW_NAME}]
rgw frontends = beast endpoint=127.0.0.1:${rgwPort}
rgw data = ${dir}/rgw
`;
}

/** Free TCP ports on 127.0.0.1 (all held open together, so they differ). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s));
  })));
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Runs a command to completion; on failure the error has its output and the tail of `logFile`. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 15_000, logFile?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const out = `${stdout}${stderr}`.trim().slice(-4_000);
      reject(new Error(`\`${cmd} ${args.join(' ')}\` failed (${err.killed ? `killed after ${timeoutMs} ms` : `exit ${err.code}`})`
        + `${out ? `:\n${out}` : ''}${logFile ? logTail(logFile) : ''}`));
    });
  });
}

/** Polls `check` until it is true; fails early with the daemon's log tail if it (or a daemon it needs) exits. */
async function waitFor(what: string, daemon: Daemon, deadline: number, check: () => Promise<boolean>, needs: Daemon[] = []): Promise<void> {
  let lastErr = '';
  for (;;) {
    for (const d of [daemon, ...needs]) {
      if (d.exitCode !== undefined) {
        throw new Error(`waiting for ${what}: ${d.name} exited (${d.exitSignal ?? `code ${d.exitCode}`})${describe(d)}`);
      }
    }
    try {
      if (await check()) return;
      lastErr = '';
    } catch (err) {
      lastErr = (err as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastErr ? ` (last error: ${lastErr.slice(0, 2_000)})` : ''}${describe(daemon)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

function describe(d: Daemon): string {
  const out = d.output.trim();
  return `${out ? `\n--- ${d.name} stdout/stderr ---\n${out.slice(-3_000)}` : ''}${logTail(d.logFile)}`;
}

function logTail(file: string, lines = 40): string {
  if (!existsSync(file)) return `\n--- ${file}: no log ---`;
  const text = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  return `\n--- tail of ${file} ---\n${text.slice(-6_000)}`;
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', reject);
    req.end();
  });
}
