import { useTranslation } from 'react-i18next';
import { useMutationOp } from '../api/hooks';

/** First run with an empty store: demo data (labelled DEMO everywhere) or an empty store. */
export function FirstRun() {
  const { t } = useTranslation();
  const init = useMutationOp('app.initStore');
  return (
    <section className="card first-run" aria-labelledby="first-run-title">
      <h1 id="first-run-title">{t('firstRun.title')}</h1>
      <p>{t('firstRun.body')}</p>
      {init.isPending ? (
        <p role="status">{t('firstRun.working')}</p>
      ) : (
        <div className="button-row">
          <button className="primary" onClick={() => init.mutate({ mode: 'demo' })} data-testid="init-demo">
            {t('firstRun.demo')}
          </button>
          <button onClick={() => init.mutate({ mode: 'empty' })} data-testid="init-empty">
            {t('firstRun.empty')}
          </button>
        </div>
      )}
      {init.error && <p className="error">{t('common.error', { message: init.error.message })}</p>}
    </section>
  );
}
