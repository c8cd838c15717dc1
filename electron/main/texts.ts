import { launchLanguage } from '../../shared/domain/common';
import type { Lang } from '../../shared/domain/common';

/**
 * The few strings the main process shows itself (menu, native dialogs). A plain table rather than
 * i18next: main must start fast and stay small, and these never change at run time.
 */
export interface MainTexts {
  menu: {
    file: string;
    newDatabase: string;
    openDatabase: string;
    backUp: string;
    restore: string;
    quit: string;
    edit: string;
    undo: string;
    redo: string;
    cut: string;
    copy: string;
    paste: string;
    selectAll: string;
    view: string;
    reload: string;
    toggleDevTools: string;
    resetZoom: string;
    zoomIn: string;
    zoomOut: string;
    toggleFullScreen: string;
    help: string;
    about: string;
    hide: string;
    hideOthers: string;
    unhide: string;
  };
  dialogs: {
    newDatabaseTitle: string;
    openDatabaseTitle: string;
    databaseFilter: string;
    newDatabaseDefaultName: string;
    openFailedTitle: string;
    unsupportedVersion: (found: string, supported: string) => string;
    fileUnreadable: string;
    openFailed: string;
    fallbackToDefault: (file: string) => string;
    ok: string;
    aboutTitle: string;
    aboutMessage: (version: string) => string;
    aboutDetail: string;
  };
}

export const MAIN_TEXTS: Record<Lang, MainTexts> = {
  sv: {
    menu: {
      file: 'Arkiv',
      newDatabase: 'Ny databas…',
      openDatabase: 'Öppna databas…',
      backUp: 'Säkerhetskopiera…',
      restore: 'Återställ…',
      quit: 'Avsluta',
      edit: 'Redigera',
      undo: 'Ångra',
      redo: 'Gör om',
      cut: 'Klipp ut',
      copy: 'Kopiera',
      paste: 'Klistra in',
      selectAll: 'Markera allt',
      view: 'Visa',
      reload: 'Läs in igen',
      toggleDevTools: 'Utvecklarverktyg',
      resetZoom: 'Verklig storlek',
      zoomIn: 'Zooma in',
      zoomOut: 'Zooma ut',
      toggleFullScreen: 'Helskärm',
      help: 'Hjälp',
      about: 'Om Granska',
      hide: 'Göm Granska',
      hideOthers: 'Göm övriga',
      unhide: 'Visa alla',
    },
    dialogs: {
      newDatabaseTitle: 'Ny databas',
      openDatabaseTitle: 'Öppna databas',
      databaseFilter: 'Granska-databas',
      newDatabaseDefaultName: 'granska.sqlite',
      openFailedTitle: 'Databasen kunde inte öppnas',
      unsupportedVersion: (found, supported) =>
        `Databasen skapades av en nyare version av Granska (schema ${found}; den här versionen stöder ${supported}). Den har inte ändrats. Uppdatera Granska för att öppna den.`,
      fileUnreadable:
        'Filen kunde inte öppnas som en Granska-databas. Den kan vara skadad, låst av ett annat program eller inte vara en databas.',
      openFailed: 'Databasen kunde inte öppnas.',
      fallbackToDefault: (file) => `Granska öppnar i stället standarddatabasen: ${file}`,
      ok: 'OK',
      aboutTitle: 'Om Granska',
      aboutMessage: (version) => `Granska ${version}`,
      aboutDetail:
        'Internrevision av ett ledningssystem för kvalitet enligt ISO 9001:2015. Fungerar utan nätverk; alla uppgifter stannar på den här datorn.',
    },
  },
  en: {
    menu: {
      file: 'File',
      newDatabase: 'New database…',
      openDatabase: 'Open database…',
      backUp: 'Back up…',
      restore: 'Restore…',
      quit: 'Quit',
      edit: 'Edit',
      undo: 'Undo',
      redo: 'Redo',
      cut: 'Cut',
      copy: 'Copy',
      paste: 'Paste',
      selectAll: 'Select all',
      view: 'View',
      reload: 'Reload',
      toggleDevTools: 'Developer tools',
      resetZoom: 'Actual size',
      zoomIn: 'Zoom in',
      zoomOut: 'Zoom out',
      toggleFullScreen: 'Full screen',
      help: 'Help',
      about: 'About Granska',
      hide: 'Hide Granska',
      hideOthers: 'Hide others',
      unhide: 'Show all',
    },
    dialogs: {
      newDatabaseTitle: 'New database',
      openDatabaseTitle: 'Open database',
      databaseFilter: 'Granska database',
      newDatabaseDefaultName: 'granska.sqlite',
      openFailedTitle: 'The database could not be opened',
      unsupportedVersion: (found, supported) =>
        `This database was created by a newer version of Granska (schema ${found}; this version supports ${supported}). It has not been changed. Update Granska to open it.`,
      fileUnreadable:
        'The file could not be opened as a Granska database. It may be damaged, locked by another program, or not a database.',
      openFailed: 'The database could not be opened.',
      fallbackToDefault: (file) => `Granska opens the default database instead: ${file}`,
      ok: 'OK',
      aboutTitle: 'About Granska',
      aboutMessage: (version) => `Granska ${version}`,
      aboutDetail:
        'Internal audits of an ISO 9001:2015 quality management system. Works offline; all data stays on this computer.',
    },
  },
};

/** The saved choice wins; otherwise Swedish for a Swedish system, English for everyone else. */
export function chooseLanguage(saved: Lang | null | undefined, systemLocale: string, env: Record<string, string | undefined> = process.env): Lang {
  const launch = launchLanguage(env);
  if (launch) return launch;
  if (saved === 'sv' || saved === 'en') return saved;
  return systemLocale.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}
