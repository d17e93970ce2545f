/**
 * A strict check that a document is well-formed XML (the parts SVG uses: a declaration, elements,
 * attributes, text, entity and character references, comments). It returns the first violation,
 * or undefined. Kept here because the repository has no XML parser and the graph tests need one.
 */
const name = String.raw`[A-Za-z_:][\w.:-]*`;
const reference = String.raw`&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);`;
const text = new RegExp(String.raw`^(?:[^<&]|${reference})*`);
const attribute = new RegExp(String.raw`^\s+(${name})\s*=\s*(?:"((?:[^<&"]|${reference})*)"|'((?:[^<&']|${reference})*)')`);
const openTag = new RegExp(String.raw`^<(${name})`);
const closeTag = new RegExp(String.raw`^</(${name})\s*>`);

export function xmlViolation(document: string): string | undefined {
  let rest = document.replace(/^<\?xml[^?]*\?>\s*/, '');
  const open: string[] = [];
  let roots = 0;
  while (rest.length > 0) {
    const textRun = text.exec(rest)![0];
    if (open.length === 0 && textRun.trim() !== '') return `text outside the root element: '${textRun.slice(0, 40)}'`;
    rest = rest.slice(textRun.length);
    if (rest.length === 0) break;
    if (rest.startsWith('&')) return `a bare '&' at '${rest.slice(0, 40)}'`;
    if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return 'an unclosed comment';
      rest = rest.slice(end + 3);
      continue;
    }
    const closing = closeTag.exec(rest);
    if (closing !== null) {
      if (open.pop() !== closing[1]) return `</${closing[1]}> does not close the element that is open`;
      rest = rest.slice(closing[0].length);
      continue;
    }
    const opening = openTag.exec(rest);
    if (opening === null) return `a '<' that starts no tag at '${rest.slice(0, 40)}'`;
    if (open.length === 0 && ++roots > 1) return 'more than one root element';
    rest = rest.slice(opening[0].length);
    const seen = new Set<string>();
    for (let match = attribute.exec(rest); match !== null; match = attribute.exec(rest)) {
      if (seen.has(match[1]!)) return `attribute ${match[1]} repeated on <${opening[1]}>`;
      seen.add(match[1]!);
      rest = rest.slice(match[0].length);
    }
    const end = /^\s*(\/?)>/.exec(rest);
    if (end === null) return `a malformed attribute or tag end in <${opening[1]}> at '${rest.slice(0, 40)}'`;
    if (end[1] === '') open.push(opening[1]!);
    rest = rest.slice(end[0].length);
  }
  if (open.length > 0) return `unclosed elements: ${open.join(', ')}`;
  return roots === 1 ? undefined : 'no root element';
}
