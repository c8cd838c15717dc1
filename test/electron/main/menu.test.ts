import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../../electron/main/menu';
import { chooseLanguage, MAIN_TEXTS } from '../../../electron/main/texts';

const actions = () => ({ newDatabase: vi.fn(), openDatabase: vi.fn(), backUp: vi.fn(), restore: vi.fn(), about: vi.fn() });
const items = (m: MenuItemConstructorOptions) =>
  (m.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator');
const labels = (m: MenuItemConstructorOptions) => items(m).map((i) => i.label);

describe('application menu', () => {
  it('is in Swedish for sv', () => {
    const menu = buildMenuTemplate(MAIN_TEXTS.sv, actions(), { devTools: false, isMac: false });
    expect(menu.map((m) => m.label)).toEqual(['Arkiv', 'Redigera', 'Visa', 'Hjälp']);
    expect(labels(menu[0]!)).toEqual(['Ny databas…', 'Öppna databas…', 'Säkerhetskopiera…', 'Återställ…', 'Avsluta']);
    expect(labels(menu[1]!)).toEqual(['Ångra', 'Gör om', 'Klipp ut', 'Kopiera', 'Klistra in', 'Markera allt']);
    expect(labels(menu[3]!)).toEqual(['Om Granska']);
  });

  it('is in English for en', () => {
    const menu = buildMenuTemplate(MAIN_TEXTS.en, actions(), { devTools: false, isMac: false });
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labels(menu[0]!)).toEqual(['New database…', 'Open database…', 'Back up…', 'Restore…', 'Quit']);
    expect(labels(menu[3]!)).toEqual(['About Granska']);
  });

  it('uses the standard roles, so shortcuts and clipboard work natively', () => {
    const menu = buildMenuTemplate(MAIN_TEXTS.en, actions(), { devTools: false, isMac: false });
    expect(items(menu[1]!).map((i) => i.role)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(items(menu[0]!).at(-1)?.role).toBe('quit');
    expect(items(menu[2]!).map((i) => i.role)).toEqual(expect.arrayContaining(['reload', 'resetZoom', 'zoomIn', 'zoomOut']));
  });

  it('has developer tools only when allowed', () => {
    const roles = (devTools: boolean) =>
      items(buildMenuTemplate(MAIN_TEXTS.en, actions(), { devTools, isMac: false })[2]!).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('runs the actions for New, Open, Back up, Restore and About', () => {
    const a = actions();
    const menu = buildMenuTemplate(MAIN_TEXTS.sv, a, { devTools: false, isMac: false });
    const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as () => void)();
    click(items(menu[0]!)[0]);
    click(items(menu[0]!)[1]);
    click(items(menu[0]!)[2]);
    click(items(menu[0]!)[3]);
    click(items(menu[3]!)[0]);
    expect(a.newDatabase).toHaveBeenCalledOnce();
    expect(a.openDatabase).toHaveBeenCalledOnce();
    expect(a.backUp).toHaveBeenCalledOnce();
    expect(a.restore).toHaveBeenCalledOnce();
    expect(a.about).toHaveBeenCalledOnce();
  });

  it('on macOS puts About and Quit in the Granska menu', () => {
    const menu = buildMenuTemplate(MAIN_TEXTS.sv, actions(), { devTools: false, isMac: true });
    expect(menu[0]?.label).toBe('Granska');
    expect(labels(menu[0]!)).toEqual(expect.arrayContaining(['Om Granska', 'Avsluta']));
    expect(labels(menu[1]!)).toEqual(['Ny databas…', 'Öppna databas…', 'Säkerhetskopiera…', 'Återställ…']);
  });
});

describe('menu language', () => {
  it('follows the saved choice first, then the system language', () => {
    expect(chooseLanguage('en', 'sv-SE')).toBe('en');
    expect(chooseLanguage('sv', 'en-US')).toBe('sv');
    expect(chooseLanguage(null, 'sv-SE')).toBe('sv');
    expect(chooseLanguage(null, 'sv')).toBe('sv');
    expect(chooseLanguage(null, 'fi-FI')).toBe('en');
    expect(chooseLanguage(undefined, 'en-GB')).toBe('en');
  });
});
