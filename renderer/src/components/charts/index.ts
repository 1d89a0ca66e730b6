/** Small dependency-free SVG charts (sparkline, line chart, meter) for any screen. */
export { Sparkline } from './Sparkline';
export { LineChart, type LineSeries, type LineBand, type LineMarker } from './LineChart';
export { Meter } from './Meter';
export { niceStep, niceTicks, spreadIndexes, gappedPath, bandPaths } from './scale';
