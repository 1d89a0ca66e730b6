/**
 * Navigation icons as inline SVG: emoji and icon fonts are not guaranteed on offline
 * office machines (they rendered as empty boxes in Chromium here).
 */
const paths: Record<string, string> = {
  map: 'M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3zM9 3v15M15 6v15',
  facilities: 'M4 21V5h16v16M9 21v-5h6v5M12 8v5M9.5 10.5h5',
  tasks: 'M9 6h11M9 12h11M9 18h11M3.5 6l1.5 1.5L7.5 5M3.5 12l1.5 1.5 2.5-2.5M3.5 18l1.5 1.5 2.5-2.5',
  data: 'M3 4h18v16H3zM3 9h18M3 14h18M9 4v16M15 4v16',
  scenarios: 'M3 20h18M5 16l4-5 4 3 6-8M19 6h-4M19 6v4',
  wall: 'M2 4h20v13H2zM8 21h8M12 17v4',
  briefing: 'M6 2h9l4 4v16H6zM15 2v4h4M9 11h7M9 15h7M9 19h4',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-1-3-2 .5-1.5-1.5.5-2-3-1-1 2h-2l-1-2-3 1 .5 2L6 7.5 4 7l-1 3 2 1v2l-2 1 1 3 2-.5L7.5 18 7 20l3 1 1-2h2l1 2 3-1-.5-2 1.5-1.5 2 .5 1-3-2-1z',
};

export function Icon({ name, size = 20 }: { name: keyof typeof paths | string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d={paths[name] ?? ''} />
    </svg>
  );
}
