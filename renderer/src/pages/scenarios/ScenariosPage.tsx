import { PlaceholderPage } from '../PlaceholderPage';

export function ScenariosPage() {
  return <PlaceholderPage pageKey="scenarios" />;
}
