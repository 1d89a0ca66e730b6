import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutationOp, useOp } from '../../api/hooks';
import type { UserRole } from '../../../../shared/domain';

/** Who is operating this workstation: recorded on every change it makes. */
export function Operators() {
  const { t } = useTranslation();
  const users = useOp('users.list', {});
  const current = useOp('session.current', {});
  const switchUser = useMutationOp('session.switch');
  const create = useMutationOp('users.create');
  const [name, setName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<UserRole>('operator');

  return (
    <div className="card" data-testid="operators">
      <h2>{t('settings.operators.title')}</h2>
      <p className="muted">
        {t('settings.operators.current')}: <strong data-testid="current-operator">{current.data?.displayName ?? t('settings.operators.none')}</strong>
      </p>
      <ul className="plain">
        {(users.data ?? []).map((u) => (
          <li key={u.id}>
            {u.displayName} <span className="muted">({u.username}, {t(`settings.roles.${u.role}`)})</span>{' '}
            {current.data?.id !== u.id && (
              <button className="small" onClick={() => switchUser.mutate({ userId: u.id })}>
                {t('settings.operators.use')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ username, displayName: name, role, districtCodes: [], active: true }, { onSuccess: () => (setName(''), setUsername('')) });
        }}
      >
        <input placeholder={t('settings.operators.displayName')} value={name} onChange={(e) => setName(e.target.value)} required />
        <input placeholder={t('settings.operators.username')} value={username} onChange={(e) => setUsername(e.target.value)} required />
        <select value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
          {(['admin', 'operator', 'viewer', 'district_reporter'] as const).map((r) => (
            <option key={r} value={r}>
              {t(`settings.roles.${r}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t('settings.operators.add')}</button>
      </form>
      {(create.error || switchUser.error) && <p className="error">{(create.error ?? switchUser.error)!.message}</p>}
    </div>
  );
}
