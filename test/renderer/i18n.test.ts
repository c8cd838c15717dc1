import { describe, expect, it } from 'vitest';
import { pickLanguage } from '../../renderer/src/i18n';

describe('language choice', () => {
  it('is Swedish when the system speaks Swedish, else English', () => {
    expect(pickLanguage({ saved: null, query: null, system: ['sv-SE', 'en-US'] })).toBe('sv');
    expect(pickLanguage({ saved: null, query: null, system: ['de-DE', 'en-GB'] })).toBe('en');
  });
  it('follows a saved choice, and ?lang= over everything', () => {
    expect(pickLanguage({ saved: 'en', query: null, system: ['sv-SE'] })).toBe('en');
    expect(pickLanguage({ saved: 'en', query: 'sv', system: ['en-GB'] })).toBe('sv');
    expect(pickLanguage({ saved: null, query: 'fr', system: ['en-GB'] })).toBe('en');
  });
});
