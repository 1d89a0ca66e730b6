import type { ChangeEvent } from '../../shared/api/contract';

/** Fan-out of "these entities changed" after each commit, to IPC windows and SSE streams. */
export class ChangeBus {
  private readonly listeners = new Set<(e: ChangeEvent) => void>();
  subscribe(listener: (e: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  publish(event: ChangeEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken subscriber (closed socket, destroyed window) must not stop the others.
      }
    }
  }
  get size(): number {
    return this.listeners.size;
  }
}
