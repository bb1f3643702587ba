import { INITIAL_PLAYER_SNAPSHOT, type PlayerSnapshot } from './playerSnapshot.js';
import { nextPlayerState, type PlayerInput } from './playerState.js';

/**
 * The player's snapshot and its subscribers. The UI reads it through `getSnapshot` and
 * `subscribe` (React's useSyncExternalStore); the controller writes it. Changes can be held
 * back and announced once (`hold` / `release`), which the first load uses: each render of
 * the page costs CPU the first frame is waiting for.
 */
export class PlayerStore {
  private snapshot: PlayerSnapshot = INITIAL_PLAYER_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private holding = false;
  private held = false;
  private closed = false;

  /** Current state; the same object until something changes. */
  readonly getSnapshot = (): PlayerSnapshot => this.snapshot;

  /** Calls `listener` after every change; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get current(): PlayerSnapshot {
    return this.snapshot;
  }

  update(patch: Partial<PlayerSnapshot>): void {
    if (this.closed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    if (this.holding) this.held = true;
    else this.notify();
  }

  /** Moves the state machine (`playerState.ts`) by `input`, with any other changes at once. */
  transition(input: PlayerInput, patch: Partial<PlayerSnapshot> = {}): void {
    this.update({ ...patch, state: nextPlayerState(this.snapshot.state, input) });
  }

  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    if (this.held) this.notify();
    this.held = false;
  }

  /** No more changes or announcements. */
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
