import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { readabilityFallback } from './fallback';

/** The fallback with the npm module bundled in: for tests, tools and pages that load it up front. */
export const readWithReadability = readabilityFallback({ Readability, isProbablyReaderable });
