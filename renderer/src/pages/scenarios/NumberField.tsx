import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, type Lang } from '../../../../shared/format';
import { parseNumberText } from './numbers';

/**
 * A number typed in Vietnamese ("2.000", "0,5"). Every valid keystroke is passed on at
 * once (the planner recomputes while typing); an invalid text stays red and is not passed.
 * The text is reset only when the value changes from outside (a preset, a loaded scenario).
 */
export function NumberField({
  value,
  onChange,
  label,
  testId,
  digits = 0,
  integer = false,
  invalid = false,
  className = '',
}: {
  value: number;
  onChange: (v: number) => void;
  label: string;
  testId?: string;
  digits?: number;
  integer?: boolean;
  invalid?: boolean;
  className?: string;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const shown = (v: number) => formatNumber(v, lang, Number.isInteger(v) ? 0 : digits);
  const [text, setText] = useState(() => shown(value));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText((current) => (parseNumberText(current) === value ? current : shown(value)));
    setBad(false);
  }, [value]);
  return (
    <input
      className={`num-input ${className}`}
      type="text"
      inputMode="decimal"
      value={text}
      aria-label={label}
      title={label}
      aria-invalid={bad || invalid ? true : undefined}
      data-testid={testId}
      onChange={(e) => {
        setText(e.target.value);
        const v = parseNumberText(e.target.value);
        const ok = v !== null && (!integer || Number.isInteger(v));
        setBad(!ok);
        if (ok && v !== value) onChange(v);
      }}
      onBlur={() => {
        if (!bad) setText(shown(value));
      }}
    />
  );
}
