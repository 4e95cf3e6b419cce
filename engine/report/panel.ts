/**
 * A panel of a report picture: a title line drawn by the picture, and a body that is either a rendered chart
 * (a canvas from `renderChart` or drawn by hand) or a short message such as "No bootstrap results".
 */
import type { Canvas } from "./canvas.ts";
import { drawText, textWidth, type ReportCanvas } from "./canvas.ts";
import { GRID, MUTED_INK } from "./palette.ts";
import { SPACE, TEXT } from "./theme.ts";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type PanelBody = Canvas | { message: string };

export interface Panel {
  title: string;
  /** A short note after the title, in grey. */
  note?: string;
  /** Draws the body at `width` × `height` logical pixels. */
  body(width: number, height: number, pixelRatio: number): PanelBody;
}

/** Draws `panel` into `box` of `surface`: title line, then the body below it. */
export function drawPanel(surface: ReportCanvas, box: Box, panel: Panel): void {
  const { ctx } = surface;
  const titleWidth = drawText(ctx, panel.title, box.x, box.y + TEXT.panelTitle, {
    size: TEXT.panelTitle,
    weight: "bold",
    maxWidth: box.width,
  });
  if (panel.note !== undefined) {
    const left = box.x + titleWidth + 12;
    const room = box.x + box.width - left;
    if (room > textWidth(ctx, "…", TEXT.legend) * 4) {
      drawText(ctx, panel.note, left, box.y + TEXT.panelTitle, {
        size: TEXT.legend,
        colour: MUTED_INK,
        maxWidth: room,
      });
    }
  }
  ctx.strokeStyle = GRID;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(box.x, box.y + SPACE.panelTitleHeight - 6.5);
  ctx.lineTo(box.x + box.width, box.y + SPACE.panelTitleHeight - 6.5);
  ctx.stroke();

  const bodyY = box.y + SPACE.panelTitleHeight;
  const bodyHeight = box.height - SPACE.panelTitleHeight;
  const body = panel.body(box.width, bodyHeight, surface.pixelRatio);
  if ("message" in body) {
    drawText(ctx, body.message, box.x + box.width / 2, bodyY + bodyHeight / 2, {
      size: TEXT.note,
      colour: MUTED_INK,
      align: "center",
      baseline: "middle",
      maxWidth: box.width - 20,
    });
    return;
  }
  ctx.drawImage(body, box.x, bodyY, box.width, bodyHeight);
}
