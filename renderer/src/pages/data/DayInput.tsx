import { useEffect, useState } from 'react';
import { formatDate, parseDisplayDate } from '../../../../shared/format';

/**
 * A day typed as dd/MM/yyyy. Not <input type="date">: its display follows the machine's
 * locale (Chromium showed 12/08/2021 for 8 December), and the command room reads days
 * first. Commits on Enter or when leaving the field; a wrong day stays red until fixed.
 */
export function DayInput({ value, onChange, testid, label }: { value: string; onChange: (iso: string) => void; testid?: string; label?: string }) {
  const [text, setText] = useState(formatDate(value));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText(formatDate(value));
    setBad(false);
  }, [value]);
  const commit = () => {
    const iso = parseDisplayDate(text);
    if (!iso) return setBad(true);
    setBad(false);
    if (iso !== value) onChange(iso);
  };
  return (
    <input
      className="day-input"
      value={text}
      placeholder="dd/mm/yyyy"
      inputMode="numeric"
      aria-label={label}
      aria-invalid={bad ? true : undefined}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
      }}
      data-testid={testid}
    />
  );
}
