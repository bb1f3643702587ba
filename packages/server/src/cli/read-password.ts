import { createInterface } from 'node:readline';

/**
 * A password for `gosight users add|passwd`: GOSIGHT_PASSWORD if set (scripts), else
 * asked on the terminal without echo, else the first line of standard input.
 */
export async function readPassword(prompt: string): Promise<string> {
  const fromEnv = process.env.GOSIGHT_PASSWORD;
  if (fromEnv) return fromEnv;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
  if (process.stdin.isTTY) {
    // Echo nothing of what is typed after the prompt.
    const out = rl as unknown as { _writeToOutput(s: string): void; output: NodeJS.WritableStream };
    let prompted = false;
    out._writeToOutput = (s: string) => {
      if (!prompted) { out.output.write(s); prompted = true; }
    };
  }
  try {
    return await new Promise<string>((resolve) => rl.question(prompt, resolve));
  } finally {
    rl.close();
    if (process.stdin.isTTY) process.stdout.write('\n');
  }
}
