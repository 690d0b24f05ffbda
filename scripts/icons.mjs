// Rasterizes public/icon/icon.svg into the PNG sizes the manifest asks for.
// Run: node scripts/icons.mjs
import { readFile, writeFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';

const dir = new URL('../public/icon/', import.meta.url);
const sizes = [16, 32, 48, 128];

const svg = await readFile(new URL('icon.svg', dir));
for (const size of sizes) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  await writeFile(new URL(`${size}.png`, dir), png);
  console.log(`public/icon/${size}.png`);
}
