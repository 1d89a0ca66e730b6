import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { formatNumber, type Lang } from '../../../../shared/format';

/** For now: the administrative units the store holds (the entry grid and import come next). */
export function DataPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const districts = useOp('units.list', { level: 'district' });
  const wards = useOp('units.list', { level: 'ward' });
  const wardCount = useMemo(() => {
    const m = new Map<string, number>();
    for (const w of wards.data ?? []) m.set(w.parentCode ?? '', (m.get(w.parentCode ?? '') ?? 0) + 1);
    return m;
  }, [wards.data]);

  return (
    <section className="page" data-testid="page-data">
      <h1>{t('pages.data.title')}</h1>
      <p className="lead">{t('pages.data.placeholder')}</p>
      <div className="card">
        <h2>{t('pages.data.units')}</h2>
        {districts.isLoading && <p>{t('common.loading')}</p>}
        {districts.error && <p className="error">{t('common.error', { message: districts.error.message })}</p>}
        {districts.data && (
          <>
            <p className="muted">
              {t('pages.data.districts', { count: districts.data.length })} · {t('pages.data.wards', { count: wards.data?.length ?? 0 })}
            </p>
            <table className="grid" data-testid="units-table">
              <thead>
                <tr>
                  <th>{t('pages.data.code')}</th>
                  <th>{t('pages.data.name')}</th>
                  <th className="num">{t('pages.data.population')}</th>
                  <th className="num">{t('pages.data.wardCount')}</th>
                </tr>
              </thead>
              <tbody>
                {districts.data.map((d) => (
                  <tr key={d.code}>
                    <td>{d.code}</td>
                    <td>{d.fullName}</td>
                    <td className="num">{formatNumber(d.population, lang)}</td>
                    <td className="num">{formatNumber(wardCount.get(d.code) ?? 0, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
