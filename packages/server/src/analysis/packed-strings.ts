// Many strings sent to another thread as one: one copy instead of one per string.

/** Strings as one text and their lengths: one copy between threads instead of one each. */
export interface PackedStrings {
  text: string;
  lengths: Int32Array;
}

/** The strings as one text and their lengths. */
export function packStrings(strings: string[]): PackedStrings {
  const lengths = new Int32Array(strings.length);
  for (let i = 0; i < strings.length; i++) lengths[i] = (strings[i] as string).length;
  return { text: strings.join(""), lengths };
}

/** The strings packStrings packed. */
export function unpackStrings({ text, lengths }: PackedStrings): string[] {
  const strings = new Array<string>(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const end = at + (lengths[i] as number);
    strings[i] = text.slice(at, end);
    at = end;
  }
  return strings;
}
