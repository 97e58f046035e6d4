/** A piece of a text and where it stands (UTF-16 offsets, `end` exclusive). */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** The longest sentence (characters): a longer run of text is cut at a space, so that a quote is never longer. */
export const MAX_SENTENCE = 1_000;

/** Words after which a full stop does not end a sentence (a place, a title, a number sign …). */
const ABBREVIATIONS =
  /(?:^|[\s(„"])(?:гр|ул|с|св|бул|обл|общ|кв|ж\.к|д-р|проф|инж|доц|г-н|г-жа|т\.нар|т\.е|напр|вкл|No|бл|ет|ап|стр|чл|ал|т)\.$/i;

/**
 * The sentences of a text: a line break, or a full stop, question or exclamation mark followed by a space
 * and a capital letter, a quote mark or a bullet, ends one (not after an abbreviation such as "гр."; a date
 * "16.08.2021 г. с …" goes on, its next word is not capitalised). Each sentence trimmed, with its offsets.
 */
export function sentences(text: string): Span[] {
  const found: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    let from = start + lead;
    let body = raw.trim();
    // A run-on "sentence" (a table flattened, text without stops) is cut at a space before MAX_SENTENCE.
    while (body.length > MAX_SENTENCE) {
      const cut = body.lastIndexOf(' ', MAX_SENTENCE) > 0 ? body.lastIndexOf(' ', MAX_SENTENCE) : MAX_SENTENCE;
      found.push({ start: from, end: from + cut, text: body.slice(0, cut) });
      const rest = body.slice(cut);
      from += cut + (rest.length - rest.trimStart().length);
      body = rest.trimStart();
    }
    if (body) found.push({ start: from, end: from + body.length, text: body });
  };
  const boundary = /\n|[.!?…](?=\s+[\p{Lu}„"«•-])/gu;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    if (match[0] !== '\n' && ABBREVIATIONS.test(text.slice(Math.max(0, match.index - 12), match.index + 1))) continue;
    const end = match[0] === '\n' ? match.index : match.index + 1;
    push(end);
    start = end;
  }
  push(text.length);
  return found;
}
