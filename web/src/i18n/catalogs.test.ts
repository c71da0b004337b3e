import { RESOURCES } from './resources';

/** Every key path of a catalog ("live.connecting"), with its value. */
function entries(catalog: object, prefix = ''): [string, string][] {
  return Object.entries(catalog).flatMap(([key, value]): [string, string][] =>
    typeof value === 'object' && value !== null
      ? entries(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(value)]],
  );
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1]).sort();

describe('the dashboard catalogs', () => {
  it('have the same namespaces in Arabic and English', () => {
    expect(Object.keys(RESOURCES.ar).sort()).toEqual(Object.keys(RESOURCES.en).sort());
  });

  it.each(Object.keys(RESOURCES.en) as (keyof typeof RESOURCES.en)[])(
    '%s: same keys and placeholders in both, none empty, Arabic written in Arabic',
    (namespace) => {
      const en = new Map(entries(RESOURCES.en[namespace]));
      const ar = new Map(entries(RESOURCES.ar[namespace]));
      expect([...ar.keys()].sort()).toEqual([...en.keys()].sort());
      for (const [key, text] of en) {
        const arabic = ar.get(key)!;
        // A singular may say "one" in words where English writes the number ("طلب واحد": one order).
        const expected = key.endsWith('_one') ? placeholders(text).filter((name) => name !== 'n') : placeholders(text);
        const actual = key.endsWith('_one')
          ? placeholders(arabic).filter((name) => name !== 'n')
          : placeholders(arabic);
        expect({ key, placeholders: actual }).toEqual({ key, placeholders: expected });
        expect({ key, empty: text.trim() === '' || arabic.trim() === '' }).toEqual({ key, empty: false });
      }
      // An Arabic entry left in English is a missed translation (codes such as "HTTP {{status}}" aside).
      const untranslated = [...ar].filter(
        ([key, arabic]) =>
          /[A-Za-z]{3,}/.test(arabic.replace(/{{\w+}}/g, '')) &&
          !/[\u0600-\u06FF]/.test(arabic) &&
          arabic === en.get(key),
      );
      expect(untranslated.map(([key]) => key)).toEqual(ALLOWED_SAME[namespace] ?? []);
    },
  );
});

/** Entries that read the same in both languages on purpose: the other language's own name, codes. */
const ALLOWED_SAME: Partial<Record<keyof typeof RESOURCES.en, string[]>> = {
  app: [],
  integrations: ['refusalOther'],
  alerts: ['nexara'],
};
