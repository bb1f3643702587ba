/** Maps ingest keys to project ids. */
export interface ProjectResolver {
  /** The project id for `key`, or undefined when the key is unknown. */
  projectFor(key: string): string | undefined;
}

/** A fixed set of key → project pairs (the embedded default has one). */
export class StaticProjectKeys implements ProjectResolver {
  private readonly byKey: Map<string, string>;

  constructor(pairs: Iterable<[key: string, projectId: string]>) {
    this.byKey = new Map(pairs);
  }

  projectFor(key: string): string | undefined {
    return this.byKey.get(key);
  }
}
