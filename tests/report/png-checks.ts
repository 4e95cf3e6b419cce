/**
 * Checks on rendered PNGs: the size from the IHDR header, and "is something drawn here" from the pixels
 * (share of non-white pixels and number of distinct colours in a region). The pictures are also written to
 * `bench-out/report/` (git-ignored) so that a person can look at them.
 */
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk (bytes 16–23); throws when `png` is not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  PNG_SIGNATURE.forEach((byte, i) => {
    if (png[i] !== byte) throw new Error("not a PNG: bad signature");
  });
  if (png.toString("ascii", 12, 16) !== "IHDR") throw new Error("not a PNG: no IHDR chunk first");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export async function decodePng(png: Buffer): Promise<Pixels> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  return { width: image.width, height: image.height, data };
}

export interface RegionStats {
  /** Share of pixels that are not (near) white. */
  inked: number;
  /** Distinct colours, quantised to 4 bits per channel (anti-aliased grey text alone gives dozens). */
  colours: number;
  /** Share of clearly coloured (not grey) pixels: chart marks, as titles and axes are grey. */
  chromatic: number;
}

/** Statistics of the region [x, x + width) × [y, y + height), sampling every `step`-th pixel. */
export function regionStats(
  pixels: Pixels,
  region: { x: number; y: number; width: number; height: number },
  step = 2,
): RegionStats {
  const colours = new Set<number>();
  let inked = 0;
  let chromatic = 0;
  let total = 0;
  const x1 = Math.min(pixels.width, Math.round(region.x + region.width));
  const y1 = Math.min(pixels.height, Math.round(region.y + region.height));
  for (let y = Math.max(0, Math.round(region.y)); y < y1; y += step) {
    for (let x = Math.max(0, Math.round(region.x)); x < x1; x += step) {
      const i = 4 * (y * pixels.width + x);
      const [r, g, b] = [pixels.data[i]!, pixels.data[i + 1]!, pixels.data[i + 2]!];
      total++;
      if (r < 245 || g < 245 || b < 245) inked++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) chromatic++;
      colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
    }
  }
  return {
    inked: total === 0 ? 0 : inked / total,
    colours: colours.size,
    chromatic: total === 0 ? 0 : chromatic / total,
  };
}

/** Writes `png` to bench-out/report/<name>.png for a person to look at. */
export function savePicture(name: string, png: Buffer): void {
  const folder = join(import.meta.dirname, "../../bench-out/report");
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}.png`), png);
}
