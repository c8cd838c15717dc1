import { createTheme, type MantineColorSchemeManager, type MantineColorsTuple } from '@mantine/core';

// A calm blue-green close to Swedish municipal design systems; high contrast for long sessions.
const granska: MantineColorsTuple = [
  '#e7f5f7', '#d5e9ec', '#abd1d8', '#7db8c3', '#58a3b1', '#4096a6', '#318fa1', '#217c8d', '#116e7e', '#005f6e',
];

export const theme = createTheme({
  primaryColor: 'granska',
  colors: { granska },
  primaryShade: 8,
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
  },
});

/**
 * Granska is light only. Mantine's default manager reads localStorage while the first screen is
 * drawn; a fresh window's first storage access waits on the browser (up to tens of ms here).
 */
export const lightOnly: MantineColorSchemeManager = {
  get: () => 'light',
  set: () => undefined,
  subscribe: () => undefined,
  unsubscribe: () => undefined,
  clear: () => undefined,
};
