import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { applyEdits, minifyCss, minifyHtml, minifyTemplates, minifyTemplatesPlugin, templateEdits } from '../../scripts/minify-templates.js';

const ROOT = resolve(__dirname, '../..');
const css = (text: string) => minifyCss([text])[0];
const html = (text: string) => minifyHtml([text])[0];

describe('minifyCss', () => {
  it('drops comments, indentation and the last semicolon of a block', () => {
    expect(
      css(`
  /* Theme. */
  :host {
    display: block;
    color: var(--x, #123456);
  }
  .a,
  .b > .c {
    margin: 0 0 2px;
  }
`),
    ).toBe(':host{display:block;color:var(--x,#123456)}.a,.b>.c{margin:0 0 2px}');
  });

  it('closes nested blocks', () => {
    expect(css('@media (forced-colors: active) {\n  .a {\n    fill: none;\n  }\n}\n.b { fill: red; }')).toBe(
      '@media (forced-colors:active){.a{fill:none}}.b{fill:red}',
    );
  });

  it('keeps the whitespace that separates tokens', () => {
    expect(css('.grid  line.minor { stroke-dasharray: 3  3; }')).toBe('.grid line.minor{stroke-dasharray:3 3}');
    // A descendant with a pseudo-class is not the pseudo-class of the parent.
    expect(css('.tooltip :not(.row) { x: y }')).toBe('.tooltip :not(.row){x:y}');
    // `and (` is not the function `and(`.
    expect(css('@media screen and (min-width: 10px) { }')).toBe('@media screen and (min-width:10px){}');
    expect(css('a { width: calc(var(--w) * 0.75 + 1px); box-shadow: 0 1px 4px rgb(0 0 0 / 0.15); }')).toBe(
      'a{width:calc(var(--w) * 0.75 + 1px);box-shadow:0 1px 4px rgb(0 0 0 / 0.15)}',
    );
    expect(css('a { margin: -1px -2px; }')).toBe('a{margin:-1px -2px}');
  });

  it('keeps strings, URLs and escapes as written', () => {
    expect(css(`a::before { content: '  a  /* b */ ;}  '; font-family: "Segoe  UI", x; }`)).toBe(
      `a::before{content:'  a  /* b */ ;}  ';font-family:"Segoe  UI",x}`,
    );
    expect(css('a { background: url(data:image/svg+xml;utf8,a/*b*/c) no-repeat; }')).toBe('a{background:url(data:image/svg+xml;utf8,a/*b*/c) no-repeat}');
    expect(css(`a { background: url( 'x y.png' ); }`)).toBe(`a{background:url( 'x y.png' )}`);
    expect(css('.a\\:b { x: y }')).toBe('.a\\:b{x:y}');
    expect(css(`a { content: 'it\\'s  ok'; }`)).toBe(`a{content:'it\\'s  ok'}`);
  });

  it('does not join tokens a comment separated', () => {
    expect(css('a { margin: 1px/**/2px; }')).toBe('a{margin:1px/**/2px}');
    expect(css('a { margin: 1px /* x */ 2px; }')).toBe('a{margin:1px 2px}');
    expect(css('.a /* x */.b { }')).toBe('.a .b{}');
    // `1/**/.5` must not become `1.5`: a dot counts as part of a word.
    expect(css('a { x: 1/* x */.5; }')).toBe('a{x:1/**/.5}');
  });

  it('keeps every binding where it was, with a space where it meets a word', () => {
    const parts = ['\n  :host {\n    ', '\n    ', '\n    --w: 2px;\n  }\n  .a { width: ', 'px; }\n'];
    expect(minifyCss(parts)).toEqual([':host{', ' ', ' --w:2px}.a{width:', 'px}']);
    expect(minifyCss(['a { content: "', '"; }'])).toEqual(['a{content:"', '"}']);
  });

  it('leaves text it cannot split back unchanged', () => {
    expect(minifyCss(['a {\u0000 }'])).toEqual(['a {\u0000 }']);
  });
});

describe('minifyHtml', () => {
  it('collapses whitespace to one space and never removes it from text', () => {
    expect(html('<div>\n  <span>a</span>\n  <b>b</b>\n</div>')).toBe('<div> <span>a</span> <b>b</b> </div>');
    expect(html('<p>\n   Reset   zoom\n </p>')).toBe('<p> Reset zoom </p>');
    expect(html(' <span class="note">x</span>')).toBe(' <span class="note">x</span>');
  });

  it('collapses whitespace between attributes and drops it before >', () => {
    expect(html('<button\n  part="legend-item"\n  type="button"\n>x</button >')).toBe('<button part="legend-item" type="button">x</button>');
    // Not before `/>`: the slash would join an unquoted value.
    expect(html('<a href=x />')).toBe('<a href=x />');
  });

  it('keeps attribute values, comments and preformatted content as written', () => {
    expect(html(`<div class="a   b" title='x\n  y' style="left: 1px">  </div>`)).toBe(`<div class="a   b" title='x\n  y' style="left: 1px"> </div>`);
    expect(html('<!--  a\n  b  -->\n<pre>\n  a\n    b\n</pre>\n<textarea>  x  </textarea>')).toBe(
      '<!--  a\n  b  --> <pre>\n  a\n    b\n</pre> <textarea>  x  </textarea>',
    );
    expect(html('<style>\n  a { b: c }\n</style>')).toBe('<style>\n  a { b: c }\n</style>');
    expect(html('<p>a  <  b</p>')).toBe('<p>a < b</p>');
  });

  it('keeps every binding where it was', () => {
    const parts = ['<div\n  class="legend ', '"\n  ?hidden=', '\n  @click=', '\n>\n  ', '\n  <svg x=', '></svg>', '\n</div>'];
    expect(minifyHtml(parts)).toEqual(['<div class="legend ', '" ?hidden=', ' @click=', '> ', ' <svg x=', '></svg>', ' </div>']);
  });
});

describe('templateEdits', () => {
  it('rewrites only the templates of tags imported from Lit, nested ones included', () => {
    const source = [
      "import { css, html as h, svg } from 'lit';",
      "import { html } from './not-lit.js';",
      'const a = css`\n  a {\n    b: c;\n  }\n`;',
      'const b = h`<div>\n  ${[1].map((x) => svg`<g>\n  ${x}\n</g>`)}\n</div>`;',
      'const c = html`<div>\n  x\n</div>`;',
      "const d = `css\\`  a  \\``; const e = / `css` /; const f = 'h`  `';",
    ].join('\n');
    const out = minifyTemplates(source, 'x.ts').code;
    expect(out).toBe(
      [
        "import { css, html as h, svg } from 'lit';",
        "import { html } from './not-lit.js';",
        'const a = css`a{b:c}`;',
        'const b = h`<div> ${[1].map((x) => svg`<g> ${x} </g>`)} </div>`;',
        'const c = html`<div>\n  x\n</div>`;',
        "const d = `css\\`  a  \\``; const e = / `css` /; const f = 'h`  `';",
      ].join('\n'),
    );
  });

  it('leaves static templates and files without Lit alone', () => {
    expect(templateEdits("import { html } from 'lit/static-html.js';\nhtml`<a>\n  b</a>`;")).toEqual([]);
    expect(templateEdits('const html = (s: TemplateStringsArray) => s;\nhtml`<a>\n  b</a>`;')).toEqual([]);
    expect(minifyTemplates('export const x = 1;\n').map).toBeNull();
  });
});

/** Decodes a source map's mappings into [generated line, column, original line, column] (all 0-based). */
function decode(mappings: string): Array<[number, number, number, number]> {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out: Array<[number, number, number, number]> = [];
  let [ol, oc] = [0, 0];
  mappings.split(';').forEach((line, gl) => {
    let gc = 0;
    for (const seg of line ? line.split(',') : []) {
      const values: number[] = [];
      let shift = 0;
      let value = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      gc += values[0];
      ol += values[2];
      oc += values[3];
      out.push([gl, gc, ol, oc]);
    }
  });
  return out;
}

describe('applyEdits source map', () => {
  it('maps every unchanged token to itself and each edit to where it was', () => {
    const source = readFileSync(join(ROOT, 'src/elements/loss-curve/loss-curve.ts'), 'utf8');
    const edits = templateEdits(source);
    expect(edits.length).toBeGreaterThan(5);
    const { code, map } = applyEdits(source, edits, 'loss-curve.ts');
    const generated = code.split('\n');
    const original = source.split('\n');
    const lineStart = original.map((_, i) => original.slice(0, i).join('\n').length + (i ? 1 : 0));
    let words = 0;
    for (const [gl, gc, ol, oc] of decode((map as { mappings: string }).mappings)) {
      const offset = lineStart[ol] + oc;
      const edit = edits.find((e) => offset >= e.start && offset < e.end);
      if (edit) {
        expect(offset).toBe(edit.start);
        continue;
      }
      const word = /^[\w$]+/.exec(generated[gl].slice(gc))?.[0];
      if (!word) continue;
      words++;
      expect(original[ol].slice(oc, oc + word.length)).toBe(word);
    }
    expect(words).toBeGreaterThan(500);
  });
});

/** Every TypeScript file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the element sources', () => {
  const files = sources(join(ROOT, 'src'));

  it('lose only whitespace and comments in their templates', () => {
    let saved = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const edit of templateEdits(source, file)) {
        const before = source.slice(edit.start, edit.end);
        saved += before.length - edit.text.length;
        if (/\.styles\.ts$|chart-styles\.ts$/.test(file)) {
          const tokens = (s: string) =>
            s
              .replace(/\/\*[\s\S]*?\*\//g, '')
              .replace(/\s+/g, '')
              .replace(/;}/g, '}');
          expect(tokens(edit.text)).toBe(tokens(before));
        } else {
          expect(edit.text).toBe(before.replace(/\s+/g, ' ').replace(/ >/g, '>'));
        }
      }
    }
    expect(saved).toBeGreaterThan(3000);
  });

  it('build with the plugin, with source maps that point at the original source', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'src/index.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      outdir: join(ROOT, '.tmp/minify-templates'),
      external: ['lit', 'lit/*', 'd3-*'],
      sourcemap: 'external',
      plugins: [minifyTemplatesPlugin()],
      logLevel: 'silent',
    });
    const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
    const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map'))!.text);
    expect(js).toContain(
      'css`:host{${lightTokens} ${runTokens(0)} --_surface:var(--tc-background,var(--_tooltip-background));--_line-width:var(--tc-line-width,2px);',
    );
    expect(js).not.toMatch(/\n {4,}<\/?(div|g|svg)\b/);
    const index = map.sources.findIndex((s: string) => s.endsWith('chart-styles.ts'));
    expect(map.sourcesContent[index]).toBe(readFileSync(join(ROOT, 'src/elements/shared/chart-styles.ts'), 'utf8'));
  });
});
