/**
 * Names as providers send them: English, Arabic, or both in one string
 * ("Chicken Shawarma Wrap | شاورما دجاج", as menus in the Gulf often do).
 * Screens and printed tickets show the Arabic part as Arabic (right to left,
 * on its own line) instead of a mirrored jumble inside an English line.
 */
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

export function hasArabic(text: string): boolean {
  return ARABIC_SCRIPT.test(text);
}

export type BilingualName = {
  /** The name to lead with: the non-Arabic part of a bilingual name, else the whole name. */
  primary: string;
  /** The Arabic part of a bilingual name; null when the name is in one language. */
  arabic: string | null;
};

export function splitBilingualName(name: string): BilingualName {
  const parts = name
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 2) {
    const [first, second] = parts as [string, string];
    if (hasArabic(second) && !hasArabic(first)) return { primary: first, arabic: second };
    if (hasArabic(first) && !hasArabic(second)) return { primary: second, arabic: first };
  }
  return { primary: name.trim(), arabic: null };
}
