import { useTranslation } from 'react-i18next';

/** Screens built in later issues say here what they will show. */
export function PlaceholderPage({ pageKey }: { pageKey: 'map' | 'facilities' | 'tasks' | 'scenarios' | 'wall' }) {
  const { t } = useTranslation();
  return (
    <section className="page" data-testid={`page-${pageKey}`}>
      <h1>{t(`pages.${pageKey}.title`)}</h1>
      <div className="card placeholder">
        <p>{t(`pages.${pageKey}.placeholder`)}</p>
        <p className="muted">{t('common.comingSoon')}</p>
      </div>
    </section>
  );
}
