/**
 * Application menu as a pure template (Vietnamese first, English second), so labels
 * and wiring are unit-tested without Electron. main.ts passes it to Menu.buildFromTemplate.
 */
export type MenuLang = 'vi' | 'en';

export interface MenuActions {
  navigate(route: string): void;
  openWall(): void;
  setLanguage(lang: MenuLang): void;
  openExternal(url: string): void;
  /** One sync round now (does nothing when sync is not set up; the status bar shows the result). */
  syncNow(): void;
}

const labels = {
  vi: {
    file: 'Tệp', quit: 'Thoát', view: 'Xem', map: 'Bản đồ', facilities: 'Cơ sở điều trị', tasks: 'Nhiệm vụ', data: 'Số liệu',
    scenarios: 'Kịch bản', wall: 'Mở màn hình lớn', settings: 'Cài đặt', syncNow: 'Đồng bộ ngay', language: 'Ngôn ngữ', help: 'Trợ giúp', about: 'Giới thiệu và nguồn dữ liệu',
    reload: 'Tải lại', fullscreen: 'Toàn màn hình', zoomIn: 'Phóng to', zoomOut: 'Thu nhỏ', resetZoom: 'Cỡ gốc', edit: 'Sửa',
  },
  en: {
    file: 'File', quit: 'Quit', view: 'View', map: 'Map', facilities: 'Facilities', tasks: 'Tasks', data: 'Data',
    scenarios: 'Scenarios', wall: 'Open wall display', settings: 'Settings', syncNow: 'Sync now', language: 'Language', help: 'Help', about: 'About and data sources',
    reload: 'Reload', fullscreen: 'Full screen', zoomIn: 'Zoom in', zoomOut: 'Zoom out', resetZoom: 'Actual size', edit: 'Edit',
  },
} as const;

export interface MenuItemTemplate {
  label?: string;
  role?: string;
  type?: 'separator' | 'radio';
  checked?: boolean;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

export function menuTemplate(lang: MenuLang, actions: MenuActions): MenuItemTemplate[] {
  const t = labels[lang];
  const go = (route: string, label: string, accelerator: string): MenuItemTemplate => ({ label, accelerator, click: () => actions.navigate(route) });
  return [
    {
      label: t.file,
      submenu: [
        { label: t.settings, accelerator: 'CmdOrCtrl+,', click: () => actions.navigate('/settings') },
        { label: t.syncNow, accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.syncNow() },
        { type: 'separator' },
        { label: t.quit, role: 'quit' },
      ],
    },
    { label: t.edit, submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    {
      label: t.view,
      submenu: [
        go('/map', t.map, 'CmdOrCtrl+1'),
        go('/facilities', t.facilities, 'CmdOrCtrl+2'),
        go('/tasks', t.tasks, 'CmdOrCtrl+3'),
        go('/data', t.data, 'CmdOrCtrl+4'),
        go('/scenarios', t.scenarios, 'CmdOrCtrl+5'),
        { type: 'separator' },
        { label: t.wall, accelerator: 'CmdOrCtrl+Shift+W', click: () => actions.openWall() },
        { type: 'separator' },
        { label: t.reload, role: 'reload' },
        { label: t.zoomIn, role: 'zoomIn' },
        { label: t.zoomOut, role: 'zoomOut' },
        { label: t.resetZoom, role: 'resetZoom' },
        { label: t.fullscreen, role: 'togglefullscreen' },
      ],
    },
    {
      label: t.language,
      submenu: [
        { label: 'Tiếng Việt', type: 'radio', checked: lang === 'vi', click: () => actions.setLanguage('vi') },
        { label: 'English', type: 'radio', checked: lang === 'en', click: () => actions.setLanguage('en') },
      ],
    },
    { label: t.help, submenu: [{ label: t.about, click: () => actions.navigate('/about') }] },
  ];
}
