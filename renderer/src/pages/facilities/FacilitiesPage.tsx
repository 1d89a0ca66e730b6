import { PlaceholderPage } from '../PlaceholderPage';

export function FacilitiesPage() {
  return <PlaceholderPage pageKey="facilities" />;
}
