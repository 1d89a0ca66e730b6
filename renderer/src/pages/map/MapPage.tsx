import { PlaceholderPage } from '../PlaceholderPage';

export function MapPage() {
  return <PlaceholderPage pageKey="map" />;
}
