/**
 * Bulgarian → Latin by the official Streamlined System (Закон за транслитерацията, 2009):
 * щ → sht, ъ → a, ь → y, ю → yu, я → ya, ц → ts, ж → zh, х → h; "ия" at the end of a word → "ia"
 * (София → Sofia); the country's name България is, by the law's exception, Bulgaria. Other characters are kept as they are.
 */
const LETTERS: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sht',
  ъ: 'a',
  ь: 'y',
  ю: 'yu',
  я: 'ya',
};

export function transliterate(text: string): string {
  return text.replace(/[\p{Script=Cyrillic}]+/gu, (word) => {
    // The law's one named exception: the country's name.
    if (/^българия$/i.test(word)) return word === word.toUpperCase() ? 'BULGARIA' : 'Bulgaria';
    const allUpper = word.length > 1 && word === word.toUpperCase();
    let out = '';
    for (let i = 0; i < word.length; i += 1) {
      const char = word[i];
      const lower = char.toLowerCase();
      let latin = LETTERS[lower] ?? char;
      if (lower === 'я' && i === word.length - 1 && i > 0 && word[i - 1].toLowerCase() === 'и') latin = 'a';
      if (char !== lower) latin = allUpper ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1);
      out += latin;
    }
    return out;
  });
}

/** Lower-cased text plus its transliteration: what `titleContains` / `nameContains` search in. */
export function searchText(...parts: (string | null | undefined)[]): string {
  const text = parts.filter(Boolean).join(' ');
  return `${text} ${transliterate(text)}`.toLowerCase();
}
