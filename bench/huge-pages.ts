/**
 * The huge pages of bench/huge.ts, served by bench/server.ts: an FFN chapter of 67,000 top-level paragraphs
 * (8.8 MB, page-isolation.e2e's `hugeFfnPage`) and an AO3 full work of 3,300,000 words (21 MB, 654 chapters,
 * bench/ao3-work.ts's generator).
 */
export const HUGE = {
  ffn: { id: '7999001', paragraphs: 67_000, url: 'http://www.fanfiction.net/s/7999001/1/Huge-Chapter' },
  ao3: { id: '9200000', words: 3_300_000, url: 'http://archiveofourown.org/works/9200000?view_full_work=true' },
} as const;
