import type { Store } from '../store';

export interface DemoOptions {
  seed: number;
  scale: number;
  from: string;
  to: string;
}

/** Writes the deterministic demo dataset through the one write path (system user). */
export function seedDemo(_store: Store, _opts: DemoOptions): void {
  throw new Error('seedDemo: wired up once the demo generator lands');
}
