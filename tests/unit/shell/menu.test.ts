import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuItemTemplate } from '../../../electron/main/menu';

const flat = (items: MenuItemTemplate[]): MenuItemTemplate[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);

describe('application menu', () => {
  it('is Vietnamese by default-language labels and English when switched', () => {
    const actions = { navigate: vi.fn(), openWall: vi.fn(), setLanguage: vi.fn(), openExternal: vi.fn(), syncNow: vi.fn() };
    const vi_ = flat(menuTemplate('vi', actions)).map((i) => i.label);
    const en = flat(menuTemplate('en', actions)).map((i) => i.label);
    expect(vi_).toContain('Bản đồ');
    expect(vi_).toContain('Cơ sở điều trị');
    expect(vi_).toContain('Mở màn hình lớn');
    expect(en).toContain('Map');
    expect(en).toContain('Open wall display');
  });
  it('wires navigation, the wall window, sync now and the language switch', () => {
    const actions = { navigate: vi.fn(), openWall: vi.fn(), setLanguage: vi.fn(), openExternal: vi.fn(), syncNow: vi.fn() };
    const items = flat(menuTemplate('vi', actions));
    items.find((i) => i.label === 'Nhiệm vụ')!.click!();
    items.find((i) => i.label === 'Mở màn hình lớn')!.click!();
    items.find((i) => i.label === 'English')!.click!();
    items.find((i) => i.label === 'Đồng bộ ngay')!.click!();
    expect(actions.syncNow).toHaveBeenCalledOnce();
    expect(actions.navigate).toHaveBeenCalledWith('/tasks');
    expect(actions.openWall).toHaveBeenCalledOnce();
    expect(actions.setLanguage).toHaveBeenCalledWith('en');
  });
});
