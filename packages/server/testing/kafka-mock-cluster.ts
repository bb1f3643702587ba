import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/**
 * TEST-ONLY: librdkafka's mock Kafka cluster, started through Debian's `kcat`. It speaks
 * the real Kafka protocol (produce, fetch, consumer groups, offset commits, rebalances)
 * on 127.0.0.1 and keeps everything in memory. Topics are created on first use.
 */
export interface KafkaMockCluster {
  bootstrap: string;
  stop(): Promise<void>;
}

export function kcatAvailable(): boolean {
  return spawnSync('sh', ['-c', 'command -v kcat'], { stdio: 'ignore' }).status === 0;
}

export async function startKafkaMockCluster(): Promise<KafkaMockCluster> {
  if (!kcatAvailable()) {
    throw new Error('kcat is not installed: the Kafka tests need it (Debian: apt-get install -y kcat; npm test installs it when run as root)');
  }
  // kcat -C waits on stdin-less consumption; -d mock prints the bootstrap address.
  const child: ChildProcess = spawn('kcat', ['-b', '127.0.0.1:1', '-C', '-X', 'test.mock.num.brokers=1', '-t', 'gosight-warmup', '-d', 'mock'], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let err = '';
  const bootstrap = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kcat mock cluster did not start:\n${err}`)), 15_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /bootstrap\.servers=([0-9.:]+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
      if (err.length > 100_000) err = err.slice(-50_000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kcat exited with ${code}:\n${err}`));
    });
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    bootstrap,
    stop: async () => {
      process.off('exit', killOnExit);
      child.kill('SIGTERM');
      await exited;
    },
  };
}
