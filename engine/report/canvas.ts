/**
 * The drawing surface of the report pictures: a white @napi-rs/canvas at a device pixel ratio, the font, text
 * helpers and the PNG encoding. No file I/O here: fonts are the ones @napi-rs/canvas found on the system when it
 * loaded (its `GlobalFonts`); the first family of `PREFERRED_FAMILIES` that is present is used, else the
 * generic `sans-serif`. A server image therefore needs one TrueType sans-serif family installed (Debian:
 * `fonts-dejavu-core`), or text is not drawn at all.
 */
import { createCanvas, GlobalFonts, type Canvas, type SKRSContext2D } from "@napi-rs/canvas";
import { BACKGROUND, INK } from "./palette.ts";

export type { Canvas, SKRSContext2D };

const PREFERRED_FAMILIES = [
  "Inter",
  "Roboto",
  "Noto Sans",
  "Open Sans",
  "DejaVu Sans",
  "Liberation Sans",
  "Arial",
  "Helvetica",
  "FreeSans",
];

let fontFamily: string | undefined;

/** The font family used for every text of the pictures (first preferred family present, else sans-serif). */
export function reportFontFamily(): string {
  if (fontFamily === undefined) {
    const present = new Set(GlobalFonts.families.map((f) => f.family));
    const found = PREFERRED_FAMILIES.find((family) => present.has(family));
    fontFamily = found === undefined ? "sans-serif" : `"${found}", sans-serif`;
  }
  return fontFamily;
}

/** True when @napi-rs/canvas found at least one font: otherwise text would not be drawn. */
export function hasAnyFont(): boolean {
  return GlobalFonts.families.length > 0;
}

/** A CSS font string in the report's family. */
export function font(size: number, weight: "normal" | "bold" = "normal"): string {
  return `${weight} ${size}px ${reportFontFamily()}`;
}

export interface ReportCanvas {
  canvas: Canvas;
  ctx: SKRSContext2D;
  /** Logical size; the bitmap is `pixelRatio` times larger. */
  width: number;
  height: number;
  pixelRatio: number;
}

/** A white canvas whose drawing units are logical pixels (the bitmap is scaled by `pixelRatio`). */
export function createReportCanvas(width: number, height: number, pixelRatio = 1): ReportCanvas {
  const canvas = createCanvas(Math.round(width * pixelRatio), Math.round(height * pixelRatio));
  const ctx = canvas.getContext("2d");
  ctx.scale(pixelRatio, pixelRatio);
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);
  return { canvas, ctx, width, height, pixelRatio };
}

/**
 * The picture as PNG bytes. Encoding (most of a large picture's cost) runs in libuv's thread pool, so the
 * trainer's main thread goes on writing the run's CSVs meanwhile; the bytes equal `encodeSync`'s.
 */
export function encodePng(surface: ReportCanvas): Promise<Buffer> {
  return surface.canvas.encode("png");
}

export interface TextStyle {
  size: number;
  weight?: "normal" | "bold";
  colour?: string;
  align?: "left" | "center" | "right";
  baseline?: "top" | "middle" | "alphabetic" | "bottom";
  /** Truncates with an ellipsis to fit. */
  maxWidth?: number;
  /** A white outline under the text, so it stays legible over lines and bars. */
  halo?: boolean;
  /** Moves the text horizontally so that it stays within [left, right]. */
  within?: [number, number];
}

/** Draws one line of text; returns its drawn width. */
export function drawText(ctx: SKRSContext2D, text: string, x: number, y: number, style: TextStyle): number {
  ctx.font = font(style.size, style.weight ?? "normal");
  ctx.fillStyle = style.colour ?? INK;
  ctx.textAlign = style.align ?? "left";
  ctx.textBaseline = style.baseline ?? "alphabetic";
  const fitted = style.maxWidth === undefined ? text : fitText(ctx, text, style.maxWidth);
  if (style.within !== undefined)
    x = keepWithin(x, ctx.measureText(fitted).width, ctx.textAlign, style.within);
  if (style.halo === true) {
    ctx.strokeStyle = BACKGROUND;
    ctx.lineWidth = Math.max(3, style.size / 4);
    ctx.lineJoin = "round";
    ctx.strokeText(fitted, x, y);
  }
  ctx.fillText(fitted, x, y);
  return ctx.measureText(fitted).width;
}

function keepWithin(x: number, width: number, align: string, [left, right]: [number, number]): number {
  const start = align === "center" ? x - width / 2 : align === "right" ? x - width : x;
  const shifted = Math.max(left, Math.min(start, right - width));
  return x + (shifted - start);
}

/** `text` shortened with "…" until it fits `maxWidth` with the context's current font. */
export function fitText(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? "…" : `${text.slice(0, low)}…`;
}

/** Width of `text` in the report font at `size`. */
export function textWidth(
  ctx: SKRSContext2D,
  text: string,
  size: number,
  weight: "normal" | "bold" = "normal",
) {
  ctx.font = font(size, weight);
  return ctx.measureText(text).width;
}

/** Packs `parts` into lines no wider than `maxWidth`, joined by `separator` (a part longer than a line stays whole). */
export function packLines(
  ctx: SKRSContext2D,
  parts: readonly string[],
  separator: string,
  maxWidth: number,
  size: number,
): string[] {
  ctx.font = font(size);
  const lines: string[] = [];
  let line = "";
  for (const part of parts) {
    const candidate = line === "" ? part : `${line}${separator}${part}`;
    if (line !== "" && ctx.measureText(candidate).width > maxWidth) {
      lines.push(line);
      line = part;
    } else {
      line = candidate;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** A 1 × 1 context for measuring text before the picture's size is known. */
export function measuringContext(): SKRSContext2D {
  return createCanvas(1, 1).getContext("2d");
}
