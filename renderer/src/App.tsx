import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, navigate } from './router';
import { StatusBar } from './components/StatusBar';
import { FirstRun } from './components/FirstRun';
import { useOp } from './api/hooks';
import { DataPage } from './pages/data/DataPage';
import { FacilitiesPage } from './pages/facilities/FacilitiesPage';
import { TasksPage, TasksNavBadge } from './pages/tasks/TasksPage';
import { ScenariosPage } from './pages/scenarios/ScenariosPage';
import { WallPage } from './pages/wall/WallPage';
import { BriefingPage } from './pages/briefing/BriefingPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { AboutPage } from './pages/AboutPage';
import { useTheme } from './theme';
import { Icon } from './components/Icon';

// MapLibre is about 1 MB: load the map screen (and its worker) only when it is opened.
const MapPage = lazy(() => import('./pages/map/MapPage').then((m) => ({ default: m.MapPage })));

const NAV = [
  { path: '/map', key: 'map' },
  { path: '/facilities', key: 'facilities' },
  { path: '/tasks', key: 'tasks' },
  { path: '/data', key: 'data' },
  { path: '/scenarios', key: 'scenarios' },
  { path: '/wall', key: 'wall' },
  { path: '/briefing', key: 'briefing' },
  { path: '/settings', key: 'settings' },
] as const;

function page(path: string): ReactNode {
  switch (path) {
    case '/map':
      return <MapPage />;
    case '/facilities':
      return <FacilitiesPage />;
    case '/tasks':
      return <TasksPage />;
    case '/scenarios':
      return <ScenariosPage />;
    case '/wall':
      return <WallPage />;
    case '/briefing':
      return <BriefingPage />;
    case '/data':
      return <DataPage />;
    case '/settings':
      return <SettingsPage />;
    case '/about':
      return <AboutPage />;
    default:
      return null;
  }
}

export function App() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const info = useOp('app.info', {});
  const [theme] = useTheme(path === '/wall' ? 'dark' : undefined);

  useEffect(() => {
    if (path === '/' || !page(path)) navigate('/map', { replace: true });
  }, [path]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const current = NAV.find((n) => n.path === path);
  useEffect(() => {
    document.title = current ? `${t(`nav.${current.key}`)} — Sa Bàn` : 'Sa Bàn';
  }, [current, t]);

  // The wall display is full screen: no navigation, no status bar chrome (it shows its own).
  if (path === '/wall') return <WallPage />;

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            ▦
          </span>
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        {info.data?.demo && (
          <div className="demo-badge" role="status" data-testid="demo-badge">
            {t('status.demo')}
          </div>
        )}
      </header>
      <nav className="sidenav" aria-label="Điều hướng chính">
        <ul>
          {NAV.map((n) => (
            <li key={n.path}>
              <Link to={n.path} aria-current={path === n.path ? 'page' : undefined} data-testid={`nav-${n.key}`}>
                <span className="nav-icon">
                  <Icon name={n.key} />
                </span>
                {t(`nav.${n.key}`)}
                {n.key === 'tasks' && <TasksNavBadge />}
              </Link>
            </li>
          ))}
        </ul>
        <Link to="/about" className="about-link" aria-current={path === '/about' ? 'page' : undefined}>
          {t('nav.about')}
        </Link>
      </nav>
      <main className="content" id="main">
        {info.data?.storeState === 'uninitialised' ? <FirstRun /> : <Suspense fallback={<p className="muted">…</p>}>{page(path)}</Suspense>}
      </main>
      <StatusBar info={info.data} />
    </div>
  );
}
