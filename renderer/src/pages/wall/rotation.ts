import { useEffect, useState } from 'react';
import { nextPanelIndex } from './derive';

/**
 * The panel rotation: one timeout per panel (so a fake clock in tests, or a changed interval,
 * simply schedules the next one). Returns the index of the panel on screen.
 */
export function useRotation(count: number, intervalMs: number): number {
  const [index, setIndex] = useState(0);
  const current = count > 0 ? Math.min(index, count - 1) : 0;
  useEffect(() => {
    if (count <= 1) return;
    const timer = setTimeout(() => setIndex(nextPanelIndex(current, count)), intervalMs);
    return () => clearTimeout(timer);
  }, [current, count, intervalMs]);
  return current;
}
