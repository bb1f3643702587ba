/** A promise with its settle functions, for something that happens once later (the first frame). */
export interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

export function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Failures are reported elsewhere; whoever awaits the promise sees the rejection itself.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
