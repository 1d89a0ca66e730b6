export { resourcesDir, dataDir, referenceFile } from './paths';
export { loadAdminUnits, loadDistrictBoundaries, loadOsmHospitals } from './loaders';
export type { DistrictFeature, DistrictFeatureCollection, OsmHospital } from '../../../shared/reference/types';
