import { useTranslation } from 'react-i18next';
import { paramDoc } from '../../../../shared/scenarios';

/** The evidence mark of a default parameter ("cần rà soát" …) with its source as a tooltip. */
export function ReviewMark({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const doc = paramDoc(id);
  if (!doc || doc.status === 'CONFIRMED') return null;
  const source = i18n.language === 'en' ? doc.sourceEn : doc.sourceVi;
  return (
    <span className={`status st-${doc.status.toLowerCase()} review-mark`} title={source} data-testid={`review-${id}`}>
      {t(`scenarios.evidence.${doc.status}`)}
    </span>
  );
}
