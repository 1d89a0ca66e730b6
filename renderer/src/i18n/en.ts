import type { Messages } from './vi';

export const en: Messages = {
  app: { name: 'Sa Bàn', tagline: 'Epidemic situation board — Hà Nội' },
  nav: {
    map: 'Map',
    facilities: 'Facilities',
    tasks: 'Tasks',
    data: 'Data',
    scenarios: 'Scenarios',
    wall: 'Wall display',
    briefing: 'Daily briefing',
    settings: 'Settings',
    about: 'About',
  },
  status: {
    freshness: 'Data up to {{date}}',
    noData: 'No data yet',
    lastChange: 'Last change {{time}}',
    connected: 'Connected',
    disconnected: 'Disconnected — retrying',
    desktop: 'Desktop app',
    web: 'Web mode',
    demo: 'DEMO DATA',
  },
  firstRun: {
    title: 'Getting started with Sa Bàn',
    body: 'The store is empty. Load demo data (labelled DEMO on every screen) to explore, or start with an empty store to enter real figures.',
    demo: 'Load demo data (DEMO)',
    empty: 'Start with an empty store',
    working: 'Preparing data…',
  },
  pages: {
    map: {
      title: 'Situation map',
      placeholder:
        'Case density of the 30 districts (and 579 wards once their boundaries are imported): new cases per 100,000 over 7 days, trend, epidemic level 1–4; facilities coloured by load, lockdown zones, tasks pinned to places; a time slider to replay any day.',
    },
    facilities: {
      title: 'Facilities',
      placeholder: 'Load of hospitals, treatment facilities and mobile health stations by treatment tier 1/2/3: beds, ICU, oxygen outlets; alerts before a facility overflows.',
    },
    tasks: {
      title: 'Tasks',
      placeholder: 'Tasks from directives (e.g. 101/KH-UBND): unit, responsible head, due date, follow-up log; overdue tasks impossible to miss.',
    },
    data: {
      title: 'Data',
      placeholder: 'Keyboard-first daily entry, CSV/XLSX import from district spreadsheets (with a dry run), templates and exports.',
      units: 'Administrative units',
      districts: '{{count}} districts',
      wards: '{{count}} wards and communes',
      population: 'Population (2019 census)',
      wardCount: 'Wards',
      code: 'Code',
      name: 'Name',
    },
    scenarios: {
      title: 'Scenarios',
      placeholder: '"What if new cases reach 2,000 or 3,000 a day": beds, ICU beds and oxygen outlets per tier, and the day capacity runs out; a 14-day case forecast.',
    },
    wall: {
      title: 'Wall display',
      placeholder: 'Full-screen mode for the command room: rotating panels, text legible from 5 metres, live updates when data changes.',
    },
    settings: {
      title: 'Settings',
      placeholder: 'Language, theme, alert thresholds, epidemic-level thresholds (defaults to review are marked), backups and sync.',
      language: 'Language',
      theme: 'Theme',
      light: 'Light (desk work)',
      dark: 'Dark (wall display)',
    },
    about: {
      title: 'About and data sources',
      body: "Sa Bàn is the situation board for a city's epidemic emergency operations centre. It works without the Internet.",
      sources: 'Data sources',
      version: 'Version {{version}}',
    },
  },
  common: { loading: 'Loading…', error: 'Error: {{message}}', comingSoon: 'Coming in later steps' },
};
