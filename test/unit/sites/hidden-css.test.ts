/** Which classes a page's style sheets hide for certain (lib/sites/hidden-css.ts): Royal Road's copy protection. */
import { describe, expect, it } from 'vitest';
import { hiddenClasses } from '../../../lib/sites/hidden-css';

const hidden = (...sheets: string[]) => [...hiddenClasses(sheets)].sort();

describe('hiddenClasses', () => {
  it('a lone-class rule setting display: none hides the class (as Royal Road writes it)', () => {
    expect(hidden('\n    .cmE4YjYx{\n        display: none;\n        speak: never;\n    }\n')).toEqual(['cmE4YjYx']);
    expect(hidden('.a{display:none!important}.b { DISPLAY : None }', '.c { color: red; display: none }')).toEqual(['a', 'b', 'c']);
  });

  it('nothing else hides: other properties, other selectors, conditional rules', () => {
    expect(hidden('.a { visibility: hidden } .b { color: red }')).toEqual([]);
    expect(hidden('p.a { display: none } .x .b { display: none } #c { display: none } .d:hover { display: none }')).toEqual([]);
    expect(hidden('@media print { .a { display: none } } @supports (display: grid) { .b { display: none } }')).toEqual([]);
    expect(hidden('.a { & .b { display: none } }')).toEqual([]);
  });

  it('a class any other rule names, or that a lone rule shows again, counts as shown', () => {
    expect(hidden('.a { display: none } .a { display: block }')).toEqual([]);
    expect(hidden('.a { display: none }', '.chapter-content .a { display: block }')).toEqual([]);
    expect(hidden('.a { display: none } @media (min-width: 1px) { .a { display: inline } }')).toEqual([]);
    expect(hidden('.a { display: none } p:not(.a) { color: red }')).toEqual([]);
    // A later rule that does not touch display leaves it hidden.
    expect(hidden('.a { display: none } .a { color: red }')).toEqual(['a']);
  });

  it('selector lists, comments, strings and statement at-rules', () => {
    expect(hidden('@import url("x.css"); @charset "utf-8"; .a, .b { display: none }')).toEqual(['a', 'b']);
    expect(hidden('/* .c { display: none } */ .a { display: none } /* unterminated .b { display: none }')).toEqual(['a']);
    expect(hidden('.a { content: "}"; display: none } .b { display: none }')).toEqual(['a', 'b']);
  });

  it('stays linear on a hostile sheet', () => {
    const sheet = `${'.x { color: red }'.repeat(20_000)}${'/*'.repeat(20_000)}`;
    const t = performance.now();
    expect(hidden(sheet, '{'.repeat(50_000), ';'.repeat(50_000))).toEqual([]);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
