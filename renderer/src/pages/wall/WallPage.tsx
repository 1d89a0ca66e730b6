import { PlaceholderPage } from '../PlaceholderPage';

export function WallPage() {
  return <PlaceholderPage pageKey="wall" />;
}
