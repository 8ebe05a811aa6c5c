/**
 * The engine's state as seats see it: named slices, each replaced whole when it changes. Changes made in
 * one turn of the event loop are coalesced into one patch, so a burst of updates costs one emit while a
 * single change (a pin) still goes out on the very next tick.
 */
import { EventEmitter } from 'node:events';

export class StateStore<S extends object> extends EventEmitter<{ patch: [Partial<S>] }> {
  private state: S;
  private pending: Partial<S> | null = null;

  constructor(initial: S) {
    super();
    this.state = initial;
  }

  get(): S {
    return this.state;
  }

  slice<K extends keyof S>(key: K): S[K] {
    return this.state[key];
  }

  set<K extends keyof S>(key: K, value: S[K]): void {
    if (this.state[key] === value) return;
    this.state = { ...this.state, [key]: value };
    if (!this.pending) {
      this.pending = {};
      setImmediate(() => this.flush());
    }
    this.pending[key] = value;
  }

  /** Emits what changed now instead of at the end of this tick. */
  flush(): void {
    const patch = this.pending;
    this.pending = null;
    if (patch) this.emit('patch', patch);
  }
}
