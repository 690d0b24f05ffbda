/**
 * Generated story text in the seed format, of any length: the bench build's 500,000-word story
 * (modules/seeds.ts) and the benchmark's large pages (bench/). Never committed; deterministic for a given
 * seed, so two runs measure the same thing.
 */
const WORDS = (
  'the lantern road river winter city girl hope despair wish light dark soul gem witch barrier time ' +
  'again morning evening quiet voice hand heart promise star glass ribbon bell rain window street ' +
  'school friend sister memory dream ending beginning station train bridge garden letter song'
).split(' ');

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Story text of about `words` words: "Chapter N" sections of ~5,000 words, scenes, paragraphs of 20-140 words. */
export function generateStoryText(words: number, seed = 1): string {
  const rnd = mulberry32(seed);
  const out: string[] = [];
  let written = 0;
  let chapter = 0;
  while (written < words) {
    out.push(`Chapter ${++chapter}`, '');
    let inChapter = 0;
    while (inChapter < 5000 && written < words) {
      const n = 20 + Math.floor(rnd() * 120);
      const w: string[] = [];
      for (let i = 0; i < n; i++) w.push(WORDS[Math.floor(rnd() * WORDS.length)] as string);
      const first = w[0] as string;
      w[0] = first.charAt(0).toUpperCase() + first.slice(1);
      out.push(`${w.join(' ')}.`, rnd() < 0.04 ? '\n' : '');
      inChapter += n;
      written += n;
    }
    out.push('\n');
  }
  return out.join('\n');
}
