import { splitBilingualName } from './bilingual-name';

/** A provider's name for something, with the Arabic part of a bilingual name on its own right-to-left line. */
export function BilingualText({ text, className }: { text: string; className?: string }) {
  const name = splitBilingualName(text);
  return (
    <span className={className}>
      <span dir="auto">{name.primary}</span>
      {name.arabic && (
        <span className="arabic-line" dir="rtl" lang="ar">
          {name.arabic}
        </span>
      )}
    </span>
  );
}
