/** Byte offset of the first byte that is not part of valid UTF-8, or -1. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index];
    // The sequence's length and the smallest code point it may encode (anything less is overlong).
    const [length, min] =
      byte < 0x80
        ? [1, 0]
        : byte >= 0xc2 && byte <= 0xdf
          ? [2, 0x80]
          : byte >= 0xe0 && byte <= 0xef
            ? [3, 0x800]
            : byte >= 0xf0 && byte <= 0xf4
              ? [4, 0x10000]
              : [0, 0];
    if (length === 0) return index;
    if (index + length > bytes.length) return index;
    let code = length === 1 ? byte : byte & (0xff >> (length + 1));
    for (let next = 1; next < length; next += 1) {
      const continuation = bytes[index + next];
      if ((continuation & 0xc0) !== 0x80) return index;
      code = (code << 6) | (continuation & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return index;
    index += length;
  }
  return -1;
}
