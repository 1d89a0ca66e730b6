import { useTranslation } from 'react-i18next';
import { addDays, daysBetween } from '../../../../shared/metrics';
import { formatDate } from '../../../../shared/format';

export const SPEEDS = [1, 2, 4] as const;

export interface TimeSliderProps {
  first: string;
  last: string;
  day: string;
  playing: boolean;
  speed: number;
  waiting: boolean;
  onDay(day: string): void;
  onPlay(playing: boolean): void;
  onSpeed(speed: number): void;
}

/**
 * The time slider over the whole history: a native range input (arrow keys, Home/End,
 * PageUp/PageDown for free), play/pause replay, one-day steps, and the day always written
 * out as dd/MM/yyyy.
 */
export function TimeSlider(p: TimeSliderProps) {
  const { t } = useTranslation();
  const max = Math.max(0, daysBetween(p.first, p.last));
  const value = Math.min(max, Math.max(0, daysBetween(p.first, p.day)));
  const label = formatDate(p.day);
  return (
    <div className="time-slider" data-testid="time-slider">
      <button
        type="button"
        className="play"
        onClick={() => p.onPlay(!p.playing)}
        aria-pressed={p.playing}
        aria-label={p.playing ? t('map.pause') : t('map.play')}
        title={p.playing ? t('map.pause') : t('map.play')}
        data-testid="map-play"
      >
        {p.playing ? '❚❚' : '▶'}
      </button>
      <button type="button" onClick={() => p.onDay(addDays(p.day, -1))} disabled={value <= 0} aria-label={t('map.prevDay')} title={t('map.prevDay')}>
        ‹
      </button>
      <div className="slider-track">
        <input
          type="range"
          min={0}
          max={max}
          step={1}
          value={value}
          onChange={(e) => p.onDay(addDays(p.first, Number(e.target.value)))}
          aria-label={t('map.day')}
          aria-valuetext={label}
          aria-describedby="map-slider-hint"
          data-testid="map-slider"
        />
        <div className="slider-ends" aria-hidden>
          <span>{formatDate(p.first)}</span>
          <span>{formatDate(p.last)}</span>
        </div>
        <span id="map-slider-hint" className="visually-hidden">
          {t('map.sliderHint')}
        </span>
      </div>
      <button type="button" onClick={() => p.onDay(addDays(p.day, 1))} disabled={value >= max} aria-label={t('map.nextDay')} title={t('map.nextDay')}>
        ›
      </button>
      <output className="slider-date" data-testid="map-day" aria-live={p.playing ? 'off' : 'polite'} aria-busy={p.waiting}>
        {label}
      </output>
      <label className="speed">
        <span className="visually-hidden">{t('map.speed')}</span>
        <select value={p.speed} onChange={(e) => p.onSpeed(Number(e.target.value))} aria-label={t('map.speed')}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
