/**
 * Electron main process: the thin desktop shell. It owns windows, the app:// protocol,
 * menus and IPC wiring; all data work is the plain-Node core (electron/core).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, screen, session, shell } from 'electron';
import { openCore, type Core } from '../core/app';
import { recordWallDisplays } from '../core/wall/displays';
import { registerIpcHandlers, forwardChanges } from './ipc';
import { menuTemplate, type MenuLang } from './menu';
import {
  APP_ORIGIN,
  APP_SCHEME,
  isAllowedNavigation,
  isTrustedSender,
  permissionDecision,
  pickWallDisplay,
  resolveAppRequest,
  secondInstanceAction,
  shouldOpenExternally,
  windowOptions,
} from './security';

// Must run before `ready`: app:// behaves like https (secure context, fetch, relative URLs).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true, corsEnabled: true } },
  // corsEnabled: MapLibre loads its module worker and fonts from app:// like any https page.
]);

const appRoot = path.resolve(__dirname, '..', '..'); // dist/electron → repo or app.asar root
const rendererDir = path.join(appRoot, 'dist', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');
let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
let wallWindow: BrowserWindow | null = null;
let lang: MenuLang = 'vi';

// Tests and portable installs can point the profile elsewhere.
if (process.env.SABAN_DATA_DIR) app.setPath('userData', process.env.SABAN_DATA_DIR);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const action = secondInstanceAction({ exists: !!mainWindow, minimized: !!mainWindow?.isMinimized() });
    if (action === 'create') createMainWindow();
    if (action === 'restore-focus') mainWindow?.restore();
    mainWindow?.focus();
  });
  app.whenReady().then(start).catch((err) => {
    console.error(err);
    app.exit(1);
  });
}

// Every web contents, present and future: no navigation away, no new windows, no webviews.
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (shouldOpenExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

async function start() {
  // Packaged builds keep the reference data outside the asar archive (extraResources).
  if (app.isPackaged) process.env.SABAN_RESOURCES ??= path.join(process.resourcesPath, 'resources');
  core = openCore({
    dbPath: path.join(app.getPath('userData'), 'saban.sqlite'),
    backupDir: path.join(app.getPath('userData'), 'backups'),
  });
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppRequest(request.url, rendererDir, fs.existsSync);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('content-security-policy', core!.contentSecurityPolicy());
    headers.set('x-content-type-options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));

  registerIpcHandlers(ipcMain, core.handlers, () => core!.localContext());
  forwardChanges(core.bus, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  buildMenu();
  wireWallAndPrint();
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
}

function createMainWindow() {
  mainWindow = new BrowserWindow(windowOptions(preloadPath, { kind: 'main' }));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(`${APP_ORIGIN}/`);
}

function openWall() {
  if (wallWindow) return wallWindow.focus();
  const display = pickWallDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay().id, core?.wallDisplayId() ?? null);
  wallWindow = new BrowserWindow(windowOptions(preloadPath, { kind: 'wall', bounds: display?.bounds }));
  wallWindow.once('ready-to-show', () => wallWindow?.show());
  wallWindow.on('closed', () => (wallWindow = null));
  void wallWindow.loadURL(`${APP_ORIGIN}/wall`);
}

/** IPC channel of the briefing's PDF export (preload: window.sabanPrint.toPDF). */
const PRINT_PDF = 'saban:print-pdf';

/**
 * Wall display and briefing (h9). (1) The monitors this shell sees are recorded device-locally,
 * so Settings → Màn hình lớn can offer them (the choice is read by openWall through
 * core.wallDisplayId()). (2) "In / Xuất PDF" on the briefing: the preload's
 * `sabanPrint.toPDF()` asks here; the page is printed with webContents.printToPDF (A4, the
 * page's own @page CSS) into a file the user picks.
 */
function wireWallAndPrint() {
  const recordDisplays = () => {
    const primary = screen.getPrimaryDisplay().id;
    recordWallDisplays(
      core!.store,
      screen.getAllDisplays().map((d, i) => ({ id: d.id, label: d.label || `Màn hình ${i + 1}`, width: d.size.width, height: d.size.height, primary: d.id === primary })),
    );
  };
  recordDisplays();
  screen.on('display-added', recordDisplays);
  screen.on('display-removed', recordDisplays);

  ipcMain.handle(PRINT_PDF, async (event, suggestedName: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url)) return { ok: false, error: 'untrusted frame' };
    const name = (typeof suggestedName === 'string' ? suggestedName : 'bao-cao-nhanh.pdf').replace(/[^\p{L}\p{N}._-]+/gu, '-');
    const win = BrowserWindow.fromWebContents(event.sender);
    const target = await (win ? dialog.showSaveDialog(win, { defaultPath: name, filters: [{ name: 'PDF', extensions: ['pdf'] }] }) : dialog.showSaveDialog({ defaultPath: name }));
    if (target.canceled || !target.filePath) return { ok: false, canceled: true };
    const pdf = await event.sender.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    await fs.promises.writeFile(target.filePath, pdf);
    return { ok: true, path: target.filePath };
  });
}

function buildMenu() {
  const template = menuTemplate(lang, {
    navigate: (route) => void mainWindow?.loadURL(`${APP_ORIGIN}${route}`),
    openWall,
    setLanguage: (l) => {
      lang = l;
      buildMenu();
    },
    openExternal: (url) => void shell.openExternal(url),
    // The outcome (or the hub's error) shows in the status bar and the sync log.
    syncNow: () => void core?.sync.syncNow('manual').catch(() => undefined),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as Electron.MenuItemConstructorOptions[]));
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  core?.close(); // takes the on-quit backup and closes the database cleanly
  core = null;
});
