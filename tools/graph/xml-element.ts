/** Attribute values of an element; undefined ones are left out. */
export type XmlAttributes = Readonly<Record<string, string | number | undefined>>;

/**
 * One XML element as text, every attribute value and text child escaped: the SVG renderer builds
 * everything through here, so that no node or job name can break the document.
 */
export function element(name: string, attributes: XmlAttributes, ...children: string[]): string {
  const written = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  return children.length === 0 ? `<${name}${written}/>` : `<${name}${written}>${children.join('')}</${name}>`;
}

/** Text content, escaped. */
export function text(content: string): string {
  return escapeXml(content);
}

/** Escapes text and attribute values for XML. */
export function escapeXml(content: string): string {
  return content.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}
