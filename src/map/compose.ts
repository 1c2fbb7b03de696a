/**
 * An exported map as one image: the MapLibre canvas with the title, legend, scale bar, north arrow and a
 * footer (date and sources) drawn over and under it on a 2D canvas. Everything is laid out in the map's CSS
 * pixels, as the panels sit on screen, and scaled with the map canvas, so an image at poster width looks
 * like the screen, only sharper.
 */
import { scaleBar, type ScaleBar } from '../lib/export/scale-bar.ts';
import type { LegendModel } from '../state/map-legend.ts';
import type { MapTitle } from '../state/map-title.ts';

/** What is drawn around the map. */
export interface MapDecorations {
  title: MapTitle;
  legend: LegendModel;
  /** Ground metres per CSS pixel at the map's centre. */
  metresPerPixel: number;
  /** A scale bar's length in the UI language ("5 km"). */
  scaleLabel: (bar: ScaleBar) => string;
  /** The map's bearing in degrees (0 = north up). */
  bearing: number;
  /** The letter under the north arrow ("U" for utara, "N"). */
  north: string;
  /** Lines under the map (date, sources); none leaves the footer out. */
  footer: string[];
}

const FONT = '"Noto Sans", system-ui, sans-serif';
const INK = '#1a1a1a';
const INK_SOFT = '#4a4a4a';
const PANEL = 'rgba(255, 255, 255, 0.96)';
const BORDER = '#c8c8c8';
const WARN = '#b30000';
const DEMO = '#6a3d9a';
const ESTIMATE = '#8c2d04';
const MARGIN = 10;

type Ctx = CanvasRenderingContext2D;

function font(ctx: Ctx, size: number, weight = 400): void {
  ctx.font = `${weight} ${size}px ${FONT}`;
}

/** Words of `text` in lines no wider than `width` at the current font (a word longer than a line stays whole). */
function wrap(ctx: Ctx, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function panel(ctx: Ctx, x: number, y: number, w: number, h: number): void {
  ctx.save();
  ctx.shadowColor = 'rgba(0, 0, 0, 0.18)';
  ctx.shadowBlur = 4;
  ctx.shadowOffsetY = 1;
  ctx.fillStyle = PANEL;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, 6);
  ctx.fill();
  ctx.restore();
  ctx.strokeStyle = BORDER;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(x + 0.5, y + 0.5, w - 1, h - 1, 6);
  ctx.stroke();
}

/** A block of drawing: its height first (for placing it), then the drawing at a top-left corner. */
interface Block {
  height: number;
  draw: (x: number, y: number) => void;
}

/** The title panel (heading and unit, where and when, the marks), as on screen. */
function titleBlock(ctx: Ctx, t: MapTitle, maxWidth: number): Block & { width: number } {
  const padX = 14;
  const inner = maxWidth - 2 * padX;
  font(ctx, 18, 700);
  const heading = wrap(ctx, t.heading, inner);
  const last = heading.at(-1) ?? '';
  font(ctx, 15);
  const unitWidth = ctx.measureText(t.unit).width;
  font(ctx, 18, 700);
  const unitOnLast = ctx.measureText(`${last} `).width + unitWidth <= inner;
  font(ctx, 15);
  const where = wrap(ctx, t.where, inner);
  font(ctx, 12, 700);
  const marks = t.marks.map((m) => ({
    ...m,
    width: ctx.measureText(m.text).width + 0.06 * 12 * m.text.length + 20,
  }));
  font(ctx, 18, 700);
  const headingWidths = heading.map(
    (l, i) => ctx.measureText(l).width + (i === heading.length - 1 && unitOnLast ? unitWidth + 5 : 0),
  );
  font(ctx, 15);
  const whereWidths = where.map((l) => ctx.measureText(l).width);
  const widest = Math.max(
    ...headingWidths,
    ...(unitOnLast ? [] : [unitWidth]),
    ...whereWidths,
    marks.reduce((a, m) => a + m.width + 8, 0),
  );
  const width = Math.min(maxWidth, Math.ceil(widest) + 2 * padX);
  const headLines = heading.length + (unitOnLast ? 0 : 1);
  const height = 8 + headLines * 22.5 + 2 + where.length * 21 + (marks.length ? 30 : 0) + 10;
  return {
    width,
    height,
    draw: (x, y) => {
      panel(ctx, x, y, width, height);
      ctx.textBaseline = 'alphabetic';
      ctx.fillStyle = INK;
      let cy = y + 8;
      heading.forEach((line, i) => {
        cy += 22.5;
        font(ctx, 18, 700);
        ctx.fillText(line, x + padX, cy - 5);
        if (i === heading.length - 1 && unitOnLast) {
          const w = ctx.measureText(`${line} `).width;
          font(ctx, 15);
          ctx.fillText(t.unit, x + padX + w, cy - 5);
        }
      });
      if (!unitOnLast) {
        cy += 22.5;
        font(ctx, 15);
        ctx.fillText(t.unit, x + padX, cy - 5);
      }
      cy += 2;
      font(ctx, 15);
      ctx.fillStyle = INK_SOFT;
      for (const line of where) {
        cy += 21;
        ctx.fillText(line, x + padX, cy - 5);
      }
      let mx = x + padX;
      for (const m of marks) {
        const colour = m.kind === 'demo' ? DEMO : WARN;
        ctx.strokeStyle = colour;
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.roundRect(mx, cy + 6, m.width, 21, 3);
        ctx.stroke();
        ctx.fillStyle = colour;
        font(ctx, 12, 700);
        ctx.letterSpacing = '0.06em';
        ctx.fillText(m.text, mx + 9, cy + 21.5);
        ctx.letterSpacing = '0px';
        mx += m.width + 8;
      }
    },
  };
}

/** The legend panel (title, rows with swatch, label and count, notes), as on screen. */
function legendBlock(ctx: Ctx, legend: LegendModel, width: number): Block {
  const padX = 12;
  const inner = width - 2 * padX;
  font(ctx, 14.25, 700);
  const title = wrap(ctx, legend.title, inner);
  font(ctx, 11.25);
  const subject = legend.subject ? wrap(ctx, legend.subject, inner) : [];
  const status = legend.status ? wrap(ctx, legend.status, inner) : [];
  font(ctx, 13.5);
  const rows = legend.rows.map((r) => {
    const countWidth = ctx.measureText(r.count).width;
    return { ...r, countWidth, lines: wrap(ctx, r.label, inner - 22 - 16 - countWidth) };
  });
  const notes = legend.notes.map((n) => {
    font(ctx, 11.25, n.kind === 'estimate' ? 600 : 400);
    return { ...n, lines: wrap(ctx, n.text, inner) };
  });
  const rowHeight = (lines: number) => Math.max(20, lines * 18 + 2);
  const height =
    8 +
    title.length * 19 +
    6 +
    subject.length * 15 +
    status.length * 15 +
    rows.reduce((a, r) => a + rowHeight(r.lines.length), 0) +
    notes.reduce((a, n) => a + 5 + n.lines.length * 15, 0) +
    10;
  return {
    height,
    draw: (x, y) => {
      panel(ctx, x, y, width, height);
      ctx.textBaseline = 'alphabetic';
      let cy = y + 8;
      ctx.fillStyle = INK;
      font(ctx, 14.25, 700);
      for (const line of title) {
        cy += 19;
        ctx.fillText(line, x + padX, cy - 4);
      }
      cy += 6;
      ctx.fillStyle = INK_SOFT;
      font(ctx, 11.25);
      for (const line of [...subject, ...status]) {
        cy += 15;
        ctx.fillText(line, x + padX, cy - 3);
      }
      for (const r of rows) {
        const h = rowHeight(r.lines.length);
        const sy = cy + (h - 14) / 2;
        const sx = x + padX;
        if (r.swatch === 'outline') {
          ctx.fillStyle = '#fff';
          ctx.fillRect(sx, sy, 22, 14);
          ctx.strokeStyle = r.colour;
          ctx.lineWidth = 3;
          ctx.strokeRect(sx + 1.5, sy + 1.5, 19, 11);
        } else {
          ctx.fillStyle = r.colour;
          ctx.fillRect(sx, sy, 22, 14);
          ctx.strokeStyle = 'rgba(0, 0, 0, 0.25)';
          ctx.lineWidth = 1;
          ctx.setLineDash(r.swatch === 'hidden' ? [3, 2] : []);
          ctx.strokeRect(sx + 0.5, sy + 0.5, 21, 13);
          ctx.setLineDash([]);
        }
        font(ctx, 13.5);
        ctx.fillStyle = INK;
        const top = cy + (h - r.lines.length * 18) / 2;
        r.lines.forEach((line, i) => ctx.fillText(line, sx + 30, top + (i + 1) * 18 - 4));
        ctx.fillStyle = INK_SOFT;
        ctx.textAlign = 'right';
        ctx.fillText(r.count, x + width - padX, top + 18 - 4);
        ctx.textAlign = 'left';
        cy += h;
      }
      for (const n of notes) {
        cy += 5;
        font(ctx, 11.25, n.kind === 'estimate' ? 600 : 400);
        ctx.fillStyle = n.kind === 'estimate' ? ESTIMATE : INK_SOFT;
        for (const line of n.lines) {
          cy += 15;
          ctx.fillText(line, x + padX, cy - 3);
        }
      }
    },
  };
}

/** A scale bar of at most 110 CSS pixels in a small panel, right-aligned at `right`, bottom at `bottom`. */
function drawScaleBar(ctx: Ctx, bar: ScaleBar, label: string, right: number, bottom: number): void {
  font(ctx, 12, 600);
  const w = Math.max(bar.pixels, ctx.measureText(label).width) + 16;
  const h = 34;
  const x = right - w;
  const y = bottom - h;
  panel(ctx, x, y, w, h);
  const bx = x + (w - bar.pixels) / 2;
  const by = y + h - 9;
  ctx.strokeStyle = INK;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(bx, by - 6);
  ctx.lineTo(bx, by);
  ctx.lineTo(bx + bar.pixels, by);
  ctx.lineTo(bx + bar.pixels, by - 6);
  ctx.stroke();
  ctx.fillStyle = INK;
  ctx.textAlign = 'center';
  ctx.fillText(label, x + w / 2, y + 15);
  ctx.textAlign = 'left';
}

/** A north arrow turned by the map's bearing, in a small panel at the top right. */
function drawNorthArrow(ctx: Ctx, bearing: number, letter: string, right: number, top: number): void {
  const w = 34;
  const h = 46;
  const x = right - w;
  panel(ctx, x, top, w, h);
  const cx = x + w / 2;
  const cy = top + 18;
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate((-bearing * Math.PI) / 180);
  ctx.beginPath();
  ctx.moveTo(0, -12);
  ctx.lineTo(7, 9);
  ctx.lineTo(0, 4);
  ctx.closePath();
  ctx.fillStyle = INK;
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(0, -12);
  ctx.lineTo(-7, 9);
  ctx.lineTo(0, 4);
  ctx.closePath();
  ctx.strokeStyle = INK;
  ctx.lineWidth = 1.2;
  ctx.stroke();
  ctx.restore();
  font(ctx, 12, 700);
  ctx.fillStyle = INK;
  ctx.textAlign = 'center';
  ctx.fillText(letter, cx, top + h - 6);
  ctx.textAlign = 'left';
}

/**
 * Draws the map image into `target` (resized to `width` pixels wide): `source` is the map's canvas,
 * `cssWidth` the map's width in CSS pixels (the unit of the layout), `deco` what is drawn around it.
 */
export function composeMap(
  target: HTMLCanvasElement,
  source: CanvasImageSource & { width: number; height: number },
  cssWidth: number,
  width: number,
  deco: MapDecorations,
): void {
  const s = width / cssWidth;
  const probe = document.createElement('canvas').getContext('2d')!;
  const innerWidth = cssWidth - 2 * MARGIN;
  font(probe, 12);
  const footer = deco.footer.flatMap((line) => wrap(probe, line, innerWidth));
  const footerHeight = footer.length > 0 ? 8 + footer.length * 17 + 6 : 0;
  const mapHeight = Math.round((source.height * width) / source.width);
  target.width = Math.round(width);
  target.height = mapHeight + Math.round(footerHeight * s);
  const ctx = target.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, target.width, target.height);
  ctx.drawImage(source, 0, 0, target.width, mapHeight);
  ctx.save();
  ctx.scale(s, s);
  const h = mapHeight / s;
  const title = titleBlock(ctx, deco.title, Math.min(420, cssWidth - 70));
  title.draw(MARGIN, MARGIN);
  const legend = legendBlock(ctx, deco.legend, Math.min(290, cssWidth - 2 * MARGIN));
  legend.draw(MARGIN, h - MARGIN - legend.height);
  if (deco.metresPerPixel > 0 && Number.isFinite(deco.metresPerPixel)) {
    const bar = scaleBar(deco.metresPerPixel, Math.min(110, cssWidth / 4));
    drawScaleBar(ctx, bar, deco.scaleLabel(bar), cssWidth - MARGIN, h - MARGIN);
  }
  drawNorthArrow(ctx, deco.bearing, deco.north, cssWidth - MARGIN, MARGIN);
  if (footer.length > 0) {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, h, cssWidth, footerHeight);
    ctx.fillStyle = BORDER;
    ctx.fillRect(0, h, cssWidth, 1);
    font(ctx, 12);
    ctx.fillStyle = INK_SOFT;
    footer.forEach((line, i) => ctx.fillText(line, MARGIN, h + 8 + (i + 1) * 17 - 4));
  }
  ctx.restore();
}
