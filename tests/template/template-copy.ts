import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { PROJECT_TEMPLATE } from './aws-tools';

type Path = Array<string | number>;

/**
 * An editable copy of template.yaml that keeps its CloudFormation short forms (!Ref, !GetAtt, ...) as
 * written, so a changed copy is still a template a user could have written and the real tools read it
 * the same way. The yaml library does not know those tags; it keeps them on the nodes and writes them back.
 */
export class TemplateCopy {
  readonly doc: Document = parseDocument(readFileSync(PROJECT_TEMPLATE, 'utf8'));

  constructor() {
    if (this.doc.errors.length > 0) throw new Error(`template.yaml: ${this.doc.errors[0]?.message}`);
  }

  get(path: Path): unknown {
    return this.doc.getIn(path);
  }

  /** Puts a value at the path, replacing a node whole (so a `!GetAtt` tag does not stick to a new value). */
  set(path: Path, value: unknown): this {
    if (this.doc.getIn(path, true) === undefined && !this.doc.hasIn(path.slice(0, -1))) {
      throw new Error(`template.yaml has no ${path.slice(0, -1).join('.')}`);
    }
    this.doc.setIn(path, this.doc.createNode(value));
    return this;
  }

  /** Puts a YAML fragment (short-form tags allowed) at the path. */
  setYaml(path: Path, yaml: string): this {
    const fragment = parseDocument(yaml);
    if (fragment.errors.length > 0) throw new Error(`bad fragment: ${fragment.errors[0]?.message}`);
    this.doc.setIn(path, fragment.contents);
    return this;
  }

  /** Replaces text inside a string value, keeping its tag (e.g. inside a `!Sub` block). */
  replaceInText(path: Path, from: string, to: string): this {
    const node = this.doc.getIn(path, true);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes(from)) {
      throw new Error(`template.yaml has no text ${JSON.stringify(from)} at ${path.join('.')}`);
    }
    node.value = node.value.replace(from, to);
    return this;
  }

  delete(path: Path): this {
    if (!this.doc.hasIn(path)) throw new Error(`template.yaml has no ${path.join('.')} to delete`);
    this.doc.deleteIn(path);
    return this;
  }

  /** Logical ids of the resources of a type, in template order. */
  idsOfType(type: string): string[] {
    const resources = this.doc.get('Resources', true);
    if (!isMap(resources)) throw new Error('template.yaml has no Resources');
    return resources.items.flatMap((pair) => {
      const id = isScalar(pair.key) ? String(pair.key.value) : '';
      return this.doc.getIn(['Resources', id, 'Type']) === type ? [id] : [];
    });
  }

  /** The one resource of a type; a copy case that needs it fails loudly when the template changes shape. */
  onlyOfType(type: string): string {
    const ids = this.idsOfType(type);
    if (ids.length !== 1) throw new Error(`expected one ${type} in template.yaml, found ${ids.length}`);
    return ids[0] as string;
  }

  toString(): string {
    return this.doc.toString();
  }
}

/** A scratch directory for copies, removed by the returned function. */
export function scratchDirectory(): { dir: string; write: (name: string, text: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'template-copies-'));
  return {
    dir,
    write: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
