/**
 * Fills `{{name}}` placeholders the way i18next interpolates them, for the
 * feature string modules written as i18next resources before the dashboard
 * has its translations (kitchen.strings.ts); `t(key, values)` replaces it.
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) =>
    name in values ? String(values[name]) : placeholder,
  );
}
