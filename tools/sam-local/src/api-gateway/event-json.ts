/**
 * JSON with two-space indentation, as Prettier prints it: objects expanded, and an array of plain values on one
 * line when that line fits in `width` columns. A generated event saved into a Prettier-checked folder (such as
 * the starter's events/, width 120) then passes the format check as written.
 */
export function eventJson(value: unknown, width = 120): string {
  return `${print(value, '', '')}\n`;

  function print(node: unknown, indent: string, prefix: string): string {
    if (Array.isArray(node)) {
      if (node.length === 0) return '[]';
      if (node.every((item) => item === null || typeof item !== 'object')) {
        const inline = `[${node.map((item) => JSON.stringify(item)).join(', ')}]`;
        // The line holds the indentation, the key and a trailing comma.
        if (indent.length + prefix.length + inline.length + 1 <= width) return inline;
      }
      const inner = `${indent}  `;
      return `[\n${node.map((item) => `${inner}${print(item, inner, '')}`).join(',\n')}\n${indent}]`;
    }
    if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      if (entries.length === 0) return '{}';
      const inner = `${indent}  `;
      const lines = entries.map(([key, item]) => {
        const keyText = `${JSON.stringify(key)}: `;
        return `${inner}${keyText}${print(item, inner, keyText)}`;
      });
      return `{\n${lines.join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(node) ?? 'null';
  }
}
