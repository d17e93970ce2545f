/** The graph tests' XML check must itself refuse what is not well-formed. */
import { describe, expect, it } from 'vitest';
import { xmlViolation } from '../support/xml-well-formed.js';

describe('xmlViolation', () => {
  it('accepts a well-formed document', () => {
    expect(xmlViolation(`<?xml version="1.0"?>\n<svg a="1 &amp; 2"><g><text>x &lt; y</text></g><!-- note --><rect/></svg>\n`)).toBeUndefined();
  });

  it.each([
    ['<svg><g></svg>', '</svg> does not close the element that is open'],
    ['<svg>a & b</svg>', "a bare '&' at '& b</svg>'"],
    ['<svg a="1" a="2"/>', 'attribute a repeated on <svg>'],
    ['<svg a=1/>', "a malformed attribute or tag end in <svg> at ' a=1/>'"],
    ['<svg/><svg/>', 'more than one root element'],
    ['<svg><g>', 'unclosed elements: svg, g'],
    ['<svg a="<"/>', `a malformed attribute or tag end in <svg> at ' a="<"/>'`],
  ])('refuses %s', (document, violation) => {
    expect(xmlViolation(document)).toBe(violation);
  });
});
