/** Every English catalogue in one chunk, by file path, loaded when the language is first used. */
export default import.meta.glob<Record<string, unknown>>('../../../shared/i18n/locales/en/*.json', { eager: true, import: 'default' });
