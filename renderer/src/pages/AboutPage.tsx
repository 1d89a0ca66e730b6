import { useTranslation } from 'react-i18next';
import { useOp } from '../api/hooks';
import { ATTRIBUTIONS } from '../../../shared/reference/attribution';

/** About / data sources: the attributions the shipped data's licences require, offline. */
export function AboutPage() {
  const { t, i18n } = useTranslation();
  const info = useOp('app.info', {});
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <section className="page" data-testid="page-about">
      <h1>{t('pages.about.title')}</h1>
      <p className="lead">{t('pages.about.body')}</p>
      {info.data && <p className="muted">{t('pages.about.version', { version: info.data.version })}</p>}
      <div className="card">
        <h2>{t('pages.about.sources')}</h2>
        <ul className="attributions" data-testid="attributions">
          {ATTRIBUTIONS.map((a) => (
            <li key={a.id}>
              <strong>{a.subject[lang]}</strong>
              <div>{a.text[lang]}</div>
              <div className="muted">
                {a.license} · {a.url}
              </div>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
