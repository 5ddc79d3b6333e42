declare module 'mistral-tokenizer-js' {
  /** The Mistral / Mixtral SentencePiece BPE tokenizer (32k vocabulary). */
  const mistralTokenizer: {
    /** Encodes text to token ids; the flags add the BOS token and the leading space SentencePiece expects. */
    encode(text: string, addBosToken?: boolean, addPrecedingSpace?: boolean): number[];
    /** Decodes token ids back to text. */
    decode(tokenIds: number[]): string;
  };
  export default mistralTokenizer;
}
