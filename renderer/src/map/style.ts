import type { ExpressionSpecification, LayerSpecification, StyleSpecification, FontFacesSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { CLASS_TABLES, LEVEL_COLOURS, LEVEL_TEXT_COLOURS, NO_DATA_COLOUR } from '../../../shared/metrics';
import { classFillExpression, CLASS_STATE, type MapMetricId } from './metrics';
import { occupancyStops, OPEN_END } from './features';
import { BOLD_FONT, LABEL_FONT } from './fonts';

/**
 * The map's OFFLINE style. Nothing is fetched from the Internet: no basemap data is shipped,
 * so the ground is one neutral colour with the city outline (a thick casing drawn under the
 * district fills shows only along the city's outer edge); districts come from the shipped
 * boundaries, labels are drawn from the bundled Be Vietnam Pro files (`font-faces`) — no glyph
 * or tile server. An online raster basemap is an opt-in extra (settings), drawn under the fills.
 */

export type MapTheme = 'light' | 'dark';

const THEME = {
  light: { ground: '#E6E8E1', casing: '#4B5563', line: '#FFFFFF', label: '#17202B', halo: '#FFFFFF', select: '#111827' },
  dark: { ground: '#151C24', casing: '#9FB0C2', line: '#0B0F14', label: '#EEF2F6', halo: '#0B0F14', select: '#FFFFFF' },
} as const;

export const SOURCES = {
  districts: 'districts',
  wards: 'wards',
  districtLabels: 'district-labels',
  wardLabels: 'ward-labels',
  zones: 'zones',
  facilities: 'facilities',
  tasks: 'tasks',
  basemap: 'basemap',
} as const;

/** Layer ids grouped by what a toggle switches. */
export const LAYER_GROUPS = {
  districts: ['district-fill', 'district-line', 'district-highlight', 'district-label', 'district-level-1', 'district-level-2', 'district-level-3', 'district-level-4'],
  wards: ['ward-fill', 'ward-line', 'ward-highlight', 'ward-label'],
  zones: ['zone-fill', 'zone-line'],
  facilities: ['facility-cluster', 'facility-cluster-count', 'facility-point'],
  tasks: ['task-pin', 'task-mark'],
  basemap: ['basemap'],
} as const;
export type LayerGroup = keyof typeof LAYER_GROUPS;

/** Global-state key the day-dependent filters read (`setGlobalStateProperty('day', …)`). */
export const DAY_STATE = 'day';
const day: ExpressionSpecification = ['global-state', DAY_STATE];

const ZONE_COLOURS = { lockdown: '#B2182B', quarantine: '#E66101', cordon: '#5E3C99' } as const;
const TASK_COLOUR = '#1D4ED8';
const OVERDUE_COLOUR = '#B3261E';

/** Overdue = has a due date before the day shown (the pins are open tasks only). */
export const overdueExpression: ExpressionSpecification = ['all', ['!=', ['get', 'dueDate'], ''], ['<', ['get', 'dueDate'], day]];

export interface BasemapOptions {
  url: string;
  attribution: string;
  maxZoom: number;
}

export interface StyleInput {
  theme: MapTheme;
  metric: MapMetricId;
  fontFaces: FontFacesSpecification;
  districts: FeatureCollection;
  districtLabels: FeatureCollection;
  attribution: { districts: string; facilities: string };
  basemap?: BasemapOptions | null;
  initialDay: string;
}

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
const stateFlag = (key: string): ExpressionSpecification => ['boolean', ['feature-state', key], false];

export function buildStyle(input: StyleInput): StyleSpecification {
  const c = THEME[input.theme];
  const fill = classFillExpression(input.metric);
  const withBasemap = !!input.basemap;
  const sources: StyleSpecification['sources'] = {
    [SOURCES.districts]: { type: 'geojson', data: input.districts, promoteId: 'code', attribution: input.attribution.districts },
    [SOURCES.wards]: { type: 'geojson', data: empty, promoteId: 'code' },
    [SOURCES.districtLabels]: { type: 'geojson', data: input.districtLabels, promoteId: 'code' },
    [SOURCES.wardLabels]: { type: 'geojson', data: empty, promoteId: 'code' },
    [SOURCES.zones]: { type: 'geojson', data: empty, promoteId: 'id' },
    [SOURCES.facilities]: {
      type: 'geojson',
      data: empty,
      attribution: input.attribution.facilities,
      // Many markers at city zoom: grouped, each group coloured by its combined occupancy.
      cluster: true,
      clusterRadius: 38,
      clusterMaxZoom: 11,
      clusterProperties: { occSum: ['+', ['get', 'occKnown']], capSum: ['+', ['get', 'capKnown']], capacitySum: ['+', ['get', 'capacity']] },
    },
    [SOURCES.tasks]: { type: 'geojson', data: empty, promoteId: 'id' },
  };
  if (input.basemap) {
    sources[SOURCES.basemap] = {
      type: 'raster',
      tiles: [input.basemap.url],
      tileSize: 256,
      maxzoom: input.basemap.maxZoom,
      attribution: input.basemap.attribution,
    };
  }

  const occStops = occupancyStops();
  const occColour = (valueExpr: ExpressionSpecification): ExpressionSpecification =>
    ['case', ['<', valueExpr, 0], NO_DATA_COLOUR, ['step', valueExpr, CLASS_TABLES.occupancy.colours[0]!, ...occStops]] as ExpressionSpecification;

  const layers: LayerSpecification[] = [
    { id: 'ground', type: 'background', paint: { 'background-color': c.ground } },
    ...(input.basemap ? [{ id: 'basemap', type: 'raster', source: SOURCES.basemap, paint: { 'raster-opacity': 0.9 } } as LayerSpecification] : []),
    // City outline: the casing is covered by the fills everywhere except outside the outer edge.
    { id: 'city-casing', type: 'line', source: SOURCES.districts, paint: { 'line-color': c.casing, 'line-width': 5, 'line-opacity': withBasemap ? 0.6 : 1 } },
    {
      id: 'district-fill',
      type: 'fill',
      source: SOURCES.districts,
      paint: { 'fill-color': fill, 'fill-opacity': withBasemap ? 0.7 : 1, 'fill-color-transition': { duration: 0 } },
    },
    {
      id: 'ward-fill',
      type: 'fill',
      source: SOURCES.wards,
      layout: { visibility: 'none' },
      paint: { 'fill-color': fill, 'fill-opacity': withBasemap ? 0.7 : 1, 'fill-color-transition': { duration: 0 } },
    },
    { id: 'ward-line', type: 'line', source: SOURCES.wards, layout: { visibility: 'none' }, paint: { 'line-color': c.line, 'line-width': 0.5, 'line-opacity': 0.8 } },
    { id: 'district-line', type: 'line', source: SOURCES.districts, paint: { 'line-color': c.line, 'line-width': 1.2 } },
    {
      id: 'zone-fill',
      type: 'fill',
      source: SOURCES.zones,
      filter: ['all', ['<=', ['get', 'startDate'], day], ['>=', ['coalesce', ['get', 'endDate'], OPEN_END], day]],
      paint: { 'fill-color': ['match', ['get', 'kind'], 'lockdown', ZONE_COLOURS.lockdown, 'quarantine', ZONE_COLOURS.quarantine, ZONE_COLOURS.cordon], 'fill-opacity': 0.45 },
    },
    {
      id: 'zone-line',
      type: 'line',
      source: SOURCES.zones,
      filter: ['all', ['<=', ['get', 'startDate'], day], ['>=', ['coalesce', ['get', 'endDate'], OPEN_END], day]],
      paint: {
        'line-color': ['match', ['get', 'kind'], 'lockdown', ZONE_COLOURS.lockdown, 'quarantine', ZONE_COLOURS.quarantine, ZONE_COLOURS.cordon],
        'line-width': 2,
        'line-dasharray': [2, 1],
      },
    },
    {
      id: 'district-highlight',
      type: 'line',
      source: SOURCES.districts,
      paint: {
        'line-color': c.select,
        'line-width': ['case', stateFlag('selected'), 4, stateFlag('hover'), 2.5, 0],
        'line-opacity': ['case', ['any', stateFlag('selected'), stateFlag('hover')], 1, 0],
      },
    },
    {
      id: 'ward-highlight',
      type: 'line',
      source: SOURCES.wards,
      layout: { visibility: 'none' },
      paint: { 'line-color': c.select, 'line-width': ['case', stateFlag('hover'), 2.5, 0] },
    },
    {
      id: 'facility-cluster',
      type: 'circle',
      source: SOURCES.facilities,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': occColour(['case', ['>', ['get', 'capSum'], 0], ['/', ['*', ['get', 'occSum'], 100], ['get', 'capSum']], -1]),
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'capacitySum']], 0, 9, 80, 20],
        'circle-stroke-color': '#1F2937',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'facility-cluster-count',
      type: 'symbol',
      source: SOURCES.facilities,
      filter: ['has', 'point_count'],
      // Never hides a district name: the count sits on its own circle.
      layout: { 'text-field': ['to-string', ['get', 'point_count']], 'text-font': [BOLD_FONT], 'text-size': 12, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#111111', 'text-halo-color': '#FFFFFF', 'text-halo-width': 1.2 },
    },
    {
      id: 'facility-point',
      type: 'circle',
      source: SOURCES.facilities,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': occColour(['get', 'occupancyPct']),
        // Area ∝ capacity: radius grows with the square root of the beds.
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'capacity']], 0, 4, 40, 14],
        'circle-stroke-color': '#1F2937',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: 'task-pin',
      type: 'circle',
      source: SOURCES.tasks,
      filter: ['<=', ['get', 'createdDay'], day],
      paint: {
        'circle-color': ['case', overdueExpression, OVERDUE_COLOUR, TASK_COLOUR],
        'circle-radius': ['case', overdueExpression, 9, 7],
        'circle-stroke-color': '#FFFFFF',
        'circle-stroke-width': ['case', overdueExpression, 3, 2],
      },
    },
    {
      id: 'task-mark',
      type: 'symbol',
      source: SOURCES.tasks,
      filter: ['<=', ['get', 'createdDay'], day],
      layout: { 'text-field': ['case', overdueExpression, '!', ''], 'text-font': [BOLD_FONT], 'text-size': 11, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#FFFFFF' },
    },
    {
      id: 'district-label',
      type: 'symbol',
      source: SOURCES.districtLabels,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [LABEL_FONT],
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, 10, 10, 12.5, 12, 15],
        'text-max-width': 7,
        'text-padding': 1,
      },
      paint: { 'text-color': c.label, 'text-halo-color': c.halo, 'text-halo-width': 1.6 },
    },
    // The epidemic level as a number under the name, so the level reads without relying on
    // the green/orange hues (colour-blind viewers). Four fixed texts; feature-state picks one.
    ...([1, 2, 3, 4] as const).map(
      (n): LayerSpecification => ({
        id: `district-level-${n}`,
        type: 'symbol',
        source: SOURCES.districtLabels,
        layout: {
          visibility: input.metric === 'level' ? 'visible' : 'none',
          'text-field': String(n),
          'text-font': [BOLD_FONT],
          'text-size': 13,
          'text-offset': [0, 1.3],
          'text-allow-overlap': true,
          'text-ignore-placement': true,
        },
        paint: {
          'text-color': LEVEL_TEXT_COLOURS[n],
          'text-halo-color': LEVEL_COLOURS[n],
          'text-halo-width': 3,
          'text-opacity': ['case', ['==', ['feature-state', CLASS_STATE], n - 1], 1, 0],
        },
      }),
    ),
    {
      id: 'ward-label',
      type: 'symbol',
      source: SOURCES.wardLabels,
      minzoom: 11.5,
      layout: { visibility: 'none', 'text-field': ['get', 'name'], 'text-font': [LABEL_FONT], 'text-size': 11, 'text-max-width': 6 },
      paint: { 'text-color': c.label, 'text-halo-color': c.halo, 'text-halo-width': 1.4 },
    },
  ];

  return {
    version: 8,
    name: 'Sa Bàn — offline',
    state: { [DAY_STATE]: { default: input.initialDay } },
    'font-faces': input.fontFaces,
    sources,
    layers,
  };
}
