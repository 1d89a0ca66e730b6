import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { vi } from './vi';
import { en } from './en';

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
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export default i18next;
