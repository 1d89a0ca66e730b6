import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { vi } from './vi';
import { en } from './en';
import * as mapMessages from '../pages/map/messages';
import * as facilitiesMessages from '../pages/facilities/messages';
import * as tasksMessages from '../pages/tasks/messages';
import * as dataMessages from '../pages/data/messages';
import * as settingsMessages from '../pages/settings/messages';
import * as scenariosMessages from '../pages/scenarios/messages';
import * as wallMessages from '../pages/wall/messages';
import * as briefingMessages from '../pages/briefing/messages';
import * as syncMessages from '../sync/messages';

/** Each screen keeps its own strings (pages/<area>/messages.ts), merged here under its area key. */
const areas = { map: mapMessages, facilities: facilitiesMessages, tasks: tasksMessages, data: dataMessages, settings: settingsMessages, scenarios: scenariosMessages, wall: wallMessages, briefing: briefingMessages, sync: syncMessages };
const bundle = (lang: 'vi' | 'en') => ({
  ...(lang === 'vi' ? vi : en),
  ...Object.fromEntries(Object.entries(areas).map(([k, m]) => [k, m[lang]])),
});

const STORAGE_KEY = 'saban.lang';

export function initialLanguage(): 'vi' | 'en' {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  const fromUrl = new URLSearchParams(location.search).get('lang');
  const lang = fromUrl ?? saved;
  return lang === 'en' ? 'en' : 'vi'; // Vietnamese first
}

export function setLanguage(lang: 'vi' | 'en') {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: bundle('vi') }, en: { translation: bundle('en') } },
  lng: initialLanguage(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export default i18next;
