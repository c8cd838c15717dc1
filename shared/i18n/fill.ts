/**
 * Fills `{{name}}` placeholders the way i18next does, for words the Node side prints (CLI, PDFs,
 * exports) without loading i18next. A missing parameter becomes empty rather than `{{name}}`.
 */
export function fill(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(params[k] ?? ''));
}
