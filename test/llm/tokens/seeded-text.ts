/** A deterministic generator of text from an alphabet, so a failing value can be reproduced. */
export function seededPicker(seed: number): (alphabet: string, length: number) => string {
  let state = seed;
  return (alphabet, length) => {
    const symbols = [...alphabet];
    let text = '';
    for (let index = 0; index < length; index += 1) {
      state = (state * 1103515245 + 12345) % 2147483648;
      text += symbols[Math.floor((state / 2147483648) * symbols.length)];
    }
    return text;
  };
}

/** Words, numbers, markup and scripts that ordinary prompts mix, for checking counts of ordinary text. */
const ordinaryWords = ['SELECT', 'the', 'quick', 'fox,', 'Zoë', '東京', '🙂', '12345', 'https://example.com/a/b?c=d', '\n', '  ', 'userid,firstname', '"Ann, Jr."', '<s>', '[INST]', "don't", '\t', 'x/y\n/z', '東京大阪日本語中文字の文', ' ', '</s>'];

/**
 * Thirty texts of ordinary words, from 40 to about 1,100 words; half have no spaces between words and
 * stop before 4,000 characters, as a wide CSV row might, since a longer unbroken run is no longer
 * ordinary text and is estimated.
 */
export function ordinaryTexts(): string[] {
  return Array.from({ length: 30 }, (_unused, sample) => {
    const separator = sample % 2 === 0 ? ' ' : '';
    let text = '';
    for (let index = 0; index < 40 + sample * 37; index += 1) {
      const word = ordinaryWords[(index * 7 + sample * 13) % ordinaryWords.length] as string;
      if (separator === '' && text.length + word.length > 4000) break;
      text += (index === 0 ? '' : separator) + word;
    }
    return text;
  });
}
