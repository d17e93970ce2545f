/**
 * The parameter names of a function, read from its source text, for error messages only
 * ("parameter 'cache' (#2) of job CacheJobs.getContent"). A destructured parameter or source
 * that cannot be read gives `undefined` for that position.
 */
export function parameterNames(fn: (...args: never[]) => unknown): Array<string | undefined> {
  const source = Function.prototype.toString.call(fn);
  const list = parameterListText(source);
  if (list === undefined) return [];
  return splitTopLevel(list).map(nameOf);
}

/** Describes parameter `index` of a job for messages: `parameter 'cache' (#2)`. */
export function describeParameter(names: ReadonlyArray<string | undefined>, index: number): string {
  const name = names[index];
  return name === undefined ? `parameter #${index + 1}` : `parameter '${name}' (#${index + 1})`;
}

function parameterListText(source: string): string | undefined {
  const open = source.indexOf('(');
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return source.slice(open + 1, i);
    } else if (ch === '"' || ch === "'" || ch === '`') {
      i = skipString(source, i);
    }
  }
  return undefined;
}

function skipString(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i;
  }
  return source.length;
}

function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === '"' || ch === "'" || ch === '`') i = skipString(list, i);
    else if (ch === ',' && depth === 0) {
      parts.push(list.slice(from, i));
      from = i + 1;
    }
  }
  const last = list.slice(from);
  if (last.trim() !== '') parts.push(last);
  return parts;
}

function nameOf(part: string): string | undefined {
  const match = /^\s*(?:\.\.\.)?\s*([A-Za-z_$][\w$]*)/.exec(part.replace(/\/\*[\s\S]*?\*\//g, ''));
  return match?.[1];
}
