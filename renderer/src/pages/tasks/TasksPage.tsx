import { PlaceholderPage } from '../PlaceholderPage';

export function TasksPage() {
  return <PlaceholderPage pageKey="tasks" />;
}
