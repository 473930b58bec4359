// Renders SVG files to RGBA tiles for images/sets.py (npm @resvg/resvg-js, installed into .cache/resvg by
// fetch_data.sh). Usage: node render_svgs.cjs LIST.json OUT.bin
// LIST.json: [{ "path": "...svg", "size": 48, "inner": 40, "color": "#000000" | null }, ...]
// OUT.bin: for each entry, size*size*4 bytes (RGBA, the icon centred, `inner` px wide). `color` replaces currentColor.
const fs = require('node:fs');
const path = require('node:path');
const { Resvg } = require(path.join(__dirname, '.cache', 'resvg', 'node_modules', '@resvg', 'resvg-js'));

const [list, out] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(list, 'utf8'));
const fd = fs.openSync(out, 'w');
for (const it of items) {
  let svg = fs.readFileSync(it.path, 'utf8');
  if (it.color) svg = svg.replaceAll('currentColor', it.color);
  const r = new Resvg(svg, { fitTo: { mode: 'width', value: it.inner }, background: 'rgba(0,0,0,0)' });
  const img = r.render();
  const tile = Buffer.alloc(it.size * it.size * 4);
  const ox = Math.floor((it.size - img.width) / 2);
  const oy = Math.floor((it.size - img.height) / 2);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const tx = x + ox;
      const ty = y + oy;
      if (tx < 0 || ty < 0 || tx >= it.size || ty >= it.size) continue;
      img.pixels.copy(tile, (ty * it.size + tx) * 4, (y * img.width + x) * 4, (y * img.width + x) * 4 + 4);
    }
  }
  fs.writeSync(fd, tile);
}
fs.closeSync(fd);
console.log(`rendered ${items.length}`);
