import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n';
import { useTheme } from '../../theme';
import { LevelThresholds } from './LevelThresholds';
import { Operators } from './Operators';
import { WallSettings } from './WallSettings';
import { SyncSettings } from '../../sync/SyncSettings';

export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const [theme, setTheme] = useTheme();
  return (
    <section className="page" data-testid="page-settings">
      <h1>{t('pages.settings.title')}</h1>
      <p className="lead">{t('pages.settings.placeholder')}</p>
      <div className="card form">
        <label>
          {t('pages.settings.language')}
          <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as 'vi' | 'en')} data-testid="language-select">
            <option value="vi">Tiếng Việt</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>
          {t('pages.settings.theme')}
          <select value={theme} onChange={(e) => setTheme(e.target.value as 'light' | 'dark')} data-testid="theme-select">
            <option value="light">{t('pages.settings.light')}</option>
            <option value="dark">{t('pages.settings.dark')}</option>
          </select>
        </label>
      </div>
      <Operators />
      <LevelThresholds />
      <WallSettings />
      <SyncSettings />
    </section>
  );
}
