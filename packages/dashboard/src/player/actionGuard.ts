/**
 * Orders the player's asynchronous actions. Every public action takes a new ticket; an older
 * action still waiting (for a chunk, for a paint) sees it is stale and gives up instead of
 * overriding a newer one. After `close` every ticket is stale.
 */
export class ActionGuard {
  private ticket = 0;
  private closed = false;

  /** A new ticket; every earlier one becomes stale. */
  begin(): number {
    return ++this.ticket;
  }

  isStale(ticket: number): boolean {
    return this.closed || ticket !== this.ticket;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    this.ticket += 1;
  }
}
