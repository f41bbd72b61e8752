/**
 * The type scale (docs/decisions/004-mobile-performance.md): every font size in every stylesheet
 * is one of six steps, stated once as custom properties in app/globals.css.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

function stylesheets(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return stylesheets(full);
    return entry.name.endsWith('.css') ? [full] : [];
  });
}

const sheets = stylesheets(path.join(root, 'app')).map((file) => ({
  file: path.relative(root, file),
  css: fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ''),
}));

/** The size in each `font-size` declaration and each `font` shorthand (its token before the `/`). */
function sizesIn(css: string): string[] {
  const sizes = [...css.matchAll(/(?:^|[;{\s])font-size:\s*([^;}]+)/g)].map((m) => m[1]!.trim());
  for (const m of css.matchAll(/(?:^|[;{\s])font:\s*([^;}]+)/g)) {
    const value = m[1]!.trim();
    if (value === 'inherit') continue;
    const size = /var\(--[a-z0-9-]+\)|[\d.]+(?:r?em|px|pt|%)/.exec(value);
    sizes.push(size ? size[0] : value);
  }
  return sizes.filter((size) => size !== 'inherit');
}

describe('type scale', () => {
  const scale = /:root\s*{[^}]*}/.exec(sheets.find((s) => s.file === 'app/globals.css')!.css)![0];
  const steps = [...scale.matchAll(/(--text-[a-z0-9]+):/g)].map((m) => m[1]);

  it('has six steps, stated as custom properties on :root', () => {
    expect(steps).toEqual([
      '--text-xs',
      '--text-sm',
      '--text-md',
      '--text-lg',
      '--text-xl',
      '--text-2xl',
    ]);
  });

  it('sets every font size in every stylesheet to one of the steps', () => {
    const used = sheets.flatMap(({ file, css }) => sizesIn(css).map((size) => ({ file, size })));
    expect(used.length).toBeGreaterThan(50);
    const allowed = new Set(steps.map((step) => `var(${step})`));
    expect(used.filter(({ size }) => !allowed.has(size))).toEqual([]);
    expect(new Set(used.map(({ size }) => size)).size).toBeLessThanOrEqual(6);
  });
});
