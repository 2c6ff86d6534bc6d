/**
 * Build-time minification of Lit's tagged templates in our own source: `css` blocks lose comments and most
 * whitespace, `html` and `svg` templates have their whitespace runs collapsed. Lit parses these strings at run
 * time, so esbuild's minifier cannot touch them; without this they ship with every indent and comment.
 *
 * Templates are found with TypeScript's parser (only tags imported from Lit are touched), and each template's text
 * is rewritten by a small tokenizer that knows strings, comments, `url()`, tags, attribute values and `${}`
 * bindings. Bindings are never changed, and neither are CSS strings, HTML attribute values, `<pre>`, `<textarea>`,
 * `<style>` and `<script>` content, or comments in HTML.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

export type TemplateKind = 'css' | 'html' | 'svg';

/** Stands for a `${}` binding inside a template's text while it is rewritten. */
const HOLE = '\u0000';

/** Modules whose `css`, `html` and `svg` exports are Lit's template tags (not `lit/static-html.js`). */
const LIT_MODULES = new Set([
  'lit',
  'lit/index.js',
  'lit-html',
  'lit-html/lit-html.js',
  'lit-element',
  'lit-element/lit-element.js',
  '@lit/reactive-element',
  '@lit/reactive-element/css-tag.js',
]);
const TAGS = new Set<string>(['css', 'html', 'svg']);

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';

/** Runs `rewrite` over the template's text with bindings as placeholders, and splits the result back. */
function byParts(parts: readonly string[], rewrite: (text: string) => string): string[] {
  if (parts.some((p) => p.includes(HOLE))) return [...parts];
  const out = rewrite(parts.join(HOLE)).split(HOLE);
  if (out.length !== parts.length) throw new Error('template rewrite changed the number of bindings');
  return out;
}

/** The index just after the quote that closes the string opened at `start`; escapes are skipped. */
function stringEnd(s: string, start: number): number {
  const quote = s[start];
  let i = start + 1;
  while (i < s.length && s[i] !== quote) i += s[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, s.length);
}

// Whitespace after these (and before the ones below) never separates CSS tokens that need it. Not before `:`
// (`a :hover` is not `a:hover`) and not before `(` (`and (` is not the function `and(`).
const CSS_TIGHT_AFTER = new Set(['{', '}', ';', ':', ',', '>', '(']);
const CSS_TIGHT_BEFORE = new Set(['{', '}', ';', ',', '>', ')']);
// Characters that can merge into one token with their neighbour (a binding counts as one: it may be a word).
const isCssWord = (c: string | undefined) => c !== undefined && (/[\w\-\\%.#@]/.test(c) || c === HOLE || c > '\x7f');

/**
 * Minifies the text of a `css` template. `parts` are the strings between bindings; the result has as many, with
 * each binding kept where it was. Drops comments, leading and trailing whitespace and the whitespace next to
 * `{ } ; , >` (and after `:` and `(`, before `)`), collapses other runs to one space, and drops a `;` before `}`.
 */
export function minifyCss(parts: readonly string[]): string[] {
  return byParts(parts, (s) => {
    let out = '';
    let space = false;
    let semicolon = -1; // where in `out` the last `;` token was written
    const flushSpace = (next: string) => {
      if (space && out && !CSS_TIGHT_AFTER.has(out[out.length - 1]) && !CSS_TIGHT_BEFORE.has(next)) out += ' ';
      space = false;
    };
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (isSpace(c)) {
        space = true;
        i++;
      } else if (c === '/' && s[i + 1] === '*') {
        const end = s.indexOf('*/', i + 2);
        i = end < 0 ? s.length : end + 2;
        // `a/**/b` is two tokens: keep an empty comment where dropping it would join them.
        let j = i;
        while (j < s.length && isSpace(s[j])) j++;
        if (!space && j === i && isCssWord(out[out.length - 1]) && isCssWord(s[i])) out += '/**/';
      } else if (c === '"' || c === "'") {
        flushSpace(c);
        const end = stringEnd(s, i);
        out += s.slice(i, end);
        i = end;
      } else if (c === '\\') {
        flushSpace(c);
        out += s.slice(i, i + 2);
        i += 2;
      } else if (/^url\(/i.test(s.slice(i, i + 4)) && (space || !isCssWord(out[out.length - 1]))) {
        // An unquoted URL may hold anything but `)`, quotes and whitespace: copy it as it is.
        flushSpace(c);
        let j = i + 4;
        while (j < s.length && s[j] !== ')') j += s[j] === '\\' ? 2 : s[j] === '"' || s[j] === "'" ? stringEnd(s, j) - j : 1;
        out += s.slice(i, j + 1);
        i = j + 1;
      } else {
        flushSpace(c);
        if (c === '}' && semicolon === out.length - 1) out = out.slice(0, -1);
        out += c;
        semicolon = c === ';' ? out.length - 1 : -1;
        i++;
      }
    }
    return out;
  });
}

/** Elements whose content is kept exactly as written. */
const VERBATIM = new Set(['pre', 'textarea', 'script', 'style']);

/**
 * Minifies the text of an `html` or `svg` template: each whitespace run in text or between attributes becomes one
 * space, and whitespace before a tag's `>` goes. Text never loses the space that separates words or elements, so
 * what is rendered and read out does not change. Attribute values, comments, bindings and the content of
 * `<pre>`, `<textarea>`, `<style>` and `<script>` are kept as written.
 */
export function minifyHtml(parts: readonly string[]): string[] {
  return byParts(parts, (s) => {
    let out = '';
    let i = 0;
    const spaceRun = () => {
      let j = i;
      while (j < s.length && isSpace(s[j])) j++;
      return j;
    };
    while (i < s.length) {
      const c = s[i];
      if (isSpace(c)) {
        out += ' ';
        i = spaceRun();
      } else if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i + 4);
        const j = end < 0 ? s.length : end + 3;
        out += s.slice(i, j);
        i = j;
      } else if (c === '<' && /[a-zA-Z/]/.test(s[i + 1] ?? '')) {
        // A tag: its name, then attributes up to `>`.
        const closing = s[i + 1] === '/';
        let j = i + (closing ? 2 : 1);
        while (j < s.length && !isSpace(s[j]) && s[j] !== '>' && s[j] !== '/' && s[j] !== HOLE) j++;
        const name = s.slice(i + (closing ? 2 : 1), j).toLowerCase();
        out += s.slice(i, j);
        i = j;
        while (i < s.length && s[i] !== '>') {
          if (isSpace(s[i])) {
            i = spaceRun();
            // Not before `/>`: after an unquoted value, the `/` would join the value.
            if (s[i] !== '>') out += ' ';
          } else if (s[i] === '"' || s[i] === "'") {
            const end = stringEnd(s, i);
            out += s.slice(i, end);
            i = end;
          } else out += s[i++];
        }
        if (i < s.length) out += s[i++];
        if (!closing && VERBATIM.has(name)) {
          const end = s.toLowerCase().indexOf(`</${name}`, i);
          const j = end < 0 ? s.length : end;
          out += s.slice(i, j);
          i = j;
        }
      } else {
        out += c;
        i++;
      }
    }
    return out;
  });
}

/** One change to a source text: `[start, end)` becomes `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The local names under which a file imports Lit's template tags, with the tag each stands for. */
function litTags(file: ts.SourceFile): Map<string, TemplateKind> {
  const tags = new Map<string, TemplateKind>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!LIT_MODULES.has(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || statement.importClause?.isTypeOnly) continue;
    for (const spec of bindings.elements) {
      const imported = (spec.propertyName ?? spec.name).text;
      if (TAGS.has(imported) && !spec.isTypeOnly) tags.set(spec.name.text, imported as TemplateKind);
    }
  }
  return tags;
}

/** The edits that minify every Lit template in a TypeScript source. */
export function templateEdits(source: string, fileName = 'file.ts'): Edit[] {
  if (!source.includes('`')) return [];
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const tags = litTags(file);
  if (!tags.size) return [];
  const edits: Edit[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && tags.has(node.tag.text)) {
      // The text of each literal piece, without its delimiters (` or } before, ` or ${ after).
      const pieces = ts.isNoSubstitutionTemplateLiteral(node.template)
        ? [node.template]
        : [node.template.head, ...node.template.templateSpans.map((span) => span.literal)];
      const ranges = pieces.map((piece) => ({
        start: piece.getStart(file) + 1,
        end: piece.end - (piece.kind === ts.SyntaxKind.TemplateHead || piece.kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1),
      }));
      const texts = ranges.map((r) => source.slice(r.start, r.end));
      const minified = tags.get(node.tag.text) === 'css' ? minifyCss(texts) : minifyHtml(texts);
      ranges.forEach((r, k) => {
        if (minified[k] !== texts[k]) edits.push({ ...r, text: minified[k] });
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return edits.sort((a, b) => a.start - b.start);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function vlq(n: number): string {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let s = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v) digit |= 32;
    s += BASE64[digit];
  } while (v);
  return s;
}

/** Where each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/**
 * Applies sorted, non-overlapping edits and returns the new text with a source map back to the original: every
 * token of unchanged code maps to itself, and each edited piece to where it started.
 */
export function applyEdits(source: string, edits: readonly Edit[], fileName: string): { code: string; map: object } {
  const starts = lineStarts(source);
  let line = 0; // original line of the last position looked up (positions only move forward)
  const position = (offset: number): [number, number] => {
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return [line, offset - starts[line]];
  };
  // Mappings as [generated line, generated column, original line, original column], in generated order.
  const mappings: Array<[number, number, number, number]> = [];
  let genLine = 0;
  let genColumn = 0;
  const isWord = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);
  /** Appends `text`: unchanged code from original offset `from`, or (`from` null) an edit made at `editAt`. */
  const emit = (text: string, from: number | null, editAt: number) => {
    let mapped = false;
    for (let k = 0; k < text.length; k++) {
      const c = text[k];
      if (c === '\n') {
        genLine++;
        genColumn = 0;
        continue;
      }
      if (!isSpace(c) && !(isWord(c) && isWord(text[k - 1]))) {
        if (from !== null) mappings.push([genLine, genColumn, ...position(from + k)]);
        else if (!mapped) mappings.push([genLine, genColumn, ...position(editAt)]);
        mapped = true;
      }
      genColumn++;
    }
  };
  let code = '';
  let last = 0;
  for (const edit of edits) {
    const kept = source.slice(last, edit.start);
    emit(kept, last, 0);
    emit(edit.text, null, edit.start);
    code += kept + edit.text;
    last = edit.end;
  }
  emit(source.slice(last), last, 0);
  code += source.slice(last);

  let text = '';
  let prev = [0, 0, 0, 0];
  let currentLine = 0;
  let first = true;
  for (const [gl, gc, ol, oc] of mappings) {
    while (currentLine < gl) {
      text += ';';
      currentLine++;
      prev[1] = 0;
      first = true;
    }
    if (!first) text += ',';
    text += vlq(gc - prev[1]) + vlq(0) + vlq(ol - prev[2]) + vlq(oc - prev[3]);
    prev = [gl, gc, ol, oc];
    first = false;
  }
  return { code, map: { version: 3, sources: [fileName], sourcesContent: [source], names: [], mappings: text } };
}

/** The source with its Lit templates minified; unchanged (and no map) when it has none. */
export function minifyTemplates(source: string, fileName = 'file.ts'): { code: string; map: object | null } {
  const edits = templateEdits(source, fileName);
  if (!edits.length) return { code: source, map: null };
  return applyEdits(source, edits, basename(fileName));
}

/** esbuild plugin: minifies the Lit templates of the TypeScript files under `src/` as they are loaded. */
export function minifyTemplatesPlugin(filter: RegExp = /[\\/]src[\\/].*\.ts$/): Plugin {
  return {
    name: 'minify-lit-templates',
    setup(build) {
      const sourcemap = !!build.initialOptions.sourcemap;
      build.onLoad({ filter }, async (args) => {
        if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const { code, map } = minifyTemplates(source, args.path);
        const inline = map && sourcemap ? `\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n` : '';
        return { contents: code + inline, loader: 'ts' };
      });
    },
  };
}

/** The same as a Vite plugin, so that tests and stories run the templates the builds ship. */
export function minifyTemplatesVitePlugin(filter: RegExp = /[\\/]src[\\/][^?]*\.ts$/): VitePlugin {
  return {
    name: 'minify-lit-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!filter.test(id) || /[\\/]node_modules[\\/]/.test(id)) return null;
      const { code: out, map } = minifyTemplates(code, id);
      return map ? { code: out, map: map as { mappings: string } } : null;
    },
  };
}
