// Draws the Teams app icons with pngjs: teams/color.png (192×192, a white bridge on the accent
// colour) and teams/outline.png (32×32, the same bridge in white on transparent, as Teams asks).
//
//   npx tsx scripts/teams-icons.ts
//
// The PNGs are committed; run this only to change them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const ROOT = join(import.meta.dirname, '..');
const ACCENT = [0x1f, 0x5c, 0x99] as const;

/** Whether (x, y) in a unit square [0,1]² is on the bridge: an arch, a deck and two pillars. */
export function onBridge(x: number, y: number): boolean {
  const deck = y >= 0.56 && y <= 0.64 && x >= 0.12 && x <= 0.88;
  const pillar = y >= 0.3 && y <= 0.82 && ((x >= 0.2 && x <= 0.26) || (x >= 0.74 && x <= 0.8));
  const r = Math.hypot((x - 0.5) / 0.3, (y - 0.62) / 0.3);
  const arch = y <= 0.62 && r >= 0.86 && r <= 1;
  return deck || pillar || arch;
}

function draw(size: number, background: readonly number[] | null): Buffer {
  const png = new PNG({ width: size, height: size });
  const samples = 4; // supersampling, so the small icon's edges are smooth
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy += 1) for (let sx = 0; sx < samples; sx += 1) if (onBridge((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) hits += 1;
      const cover = hits / (samples * samples);
      const i = (py * size + px) * 4;
      if (background) {
        for (let c = 0; c < 3; c += 1) png.data[i + c] = Math.round((background[c] ?? 0) * (1 - cover) + 255 * cover);
        png.data[i + 3] = 255;
      } else {
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 255;
        png.data[i + 3] = Math.round(255 * cover);
      }
    }
  }
  return PNG.sync.write(png);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(join(ROOT, 'teams/color.png'), draw(192, ACCENT));
  writeFileSync(join(ROOT, 'teams/outline.png'), draw(32, null));
  process.stdout.write('wrote teams/color.png and teams/outline.png\n');
}
