import { useCallback, useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'saban.theme';

/** Light for desk work, dark for the wall; `forced` wins (the wall page is always dark). */
export function useTheme(forced?: Theme): [Theme, (t: Theme) => void] {
  const [saved, setSaved] = useState<Theme>(() => (localStorage.getItem(KEY) === 'dark' ? 'dark' : 'light'));
  const set = useCallback((t: Theme) => {
    localStorage.setItem(KEY, t);
    setSaved(t);
    window.dispatchEvent(new Event('saban-theme'));
  }, []);
  useEffect(() => {
    const sync = () => setSaved(localStorage.getItem(KEY) === 'dark' ? 'dark' : 'light');
    window.addEventListener('saban-theme', sync);
    return () => window.removeEventListener('saban-theme', sync);
  }, []);
  return [forced ?? saved, set];
}
