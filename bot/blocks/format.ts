/**
 * Text helpers for Block Kit: escaping for mrkdwn, truncation to Slack's limits, numbers, durations and the
 * progress bar. Pure functions; the builders use them so that no user-supplied text can break a message.
 */

/**
 * Escapes the three characters Slack's mrkdwn treats as control characters (`&`, `<`, `>`), so that user text
 * (tags, notes, column names) can never become a link or a mention.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `text` cut to at most `max` characters, ending in "…" when cut, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** The last `max` characters of `text`, starting with "…" when cut (for log tails, where the end matters). */
export function truncateStart(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(text.length - Math.max(0, max - 1));
  const first = cut.charCodeAt(0);
  if (first >= 0xdc00 && first <= 0xdfff) cut = cut.slice(1);
  return `…${cut}`;
}

/** Inline code in mrkdwn; backticks inside would end it early, so they become similar quotes. */
export function code(text: string): string {
  return `\`${escapeMrkdwn(text).replace(/`/g, "ˋ")}\``;
}

/** A code block in mrkdwn whose whole text, fences included, fits in `max` characters (keeps the end). */
export function codeBlock(text: string, max = 3000): string {
  const body = escapeMrkdwn(text.replace(/```/g, "ˋˋˋ"));
  return `\`\`\`${truncateStart(body, max - 6)}\`\`\``;
}

/** 12,345 / 0.0812 / 1.2e-7: numbers as people read them, `digits` significant figures for small ones. */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "n/a";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString("en-US");
  if (magnitude !== 0 && magnitude < 1e-3) return value.toExponential(1);
  return Number(value.toPrecision(digits)).toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/** 0.4123 → "41.2%". */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "n/a";
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** 42 → "42 s", 192 → "3 min 12 s", 3900 → "1 h 5 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
  const minutes = Math.round((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ""}`;
}

/** A bar of `width` cells for `fraction` (clamped to 0..1), e.g. `████████░░░░░░░░░░░░ 40%`. */
export function progressBar(fraction: number, width = 20): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const filled = Math.round(f * width);
  return `${"█".repeat(filled)}${"░".repeat(width - filled)} ${Math.floor(f * 100)}%`;
}

/** `<@U123>`: a mention Slack renders with the person's current name. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** A mrkdwn link whose label cannot break out of the `<url|label>` syntax. */
export function link(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label).replace(/\|/g, "¦")}>`;
}

/** A Slack date token, shown in each reader's own time zone, with `fallback` for clients that cannot. */
export function slackDate(iso: string, format = "{date_short_pretty} {time}"): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  if (!Number.isFinite(seconds)) return escapeMrkdwn(iso);
  return `<!date^${seconds}^${format}|${iso.slice(0, 16).replace("T", " ")} UTC>`;
}

/**
 * Rows as a fixed-width text table (for a code block): each column as wide as its widest cell, numbers
 * right-aligned. Rows that would push the table past `max` characters are left out and counted in a last line.
 */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  max = 2900,
): string {
  const all = [header, ...rows];
  const widths = header.map((_, j) => Math.min(32, Math.max(...all.map((r) => (r[j] ?? "").length))));
  const numeric = header.map(
    (_, j) => j > 0 && rows.length > 0 && rows.every((r) => /^[-+]?[\d.,%∞]+$|^n\/a$/.test(r[j] ?? "")),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, j) => {
        const text = truncate(cell, widths[j]!);
        return numeric[j] ? text.padStart(widths[j]!) : text.padEnd(widths[j]!);
      })
      .join("  ")
      .trimEnd();
  const lines = [line(header)];
  let length = lines[0]!.length;
  for (const [i, row] of rows.entries()) {
    const next = line(row);
    const left = rows.length - i;
    if (length + next.length + 40 > max && left > 0) {
      lines.push(`… and ${left} more`);
      break;
    }
    lines.push(next);
    length += next.length + 1;
  }
  return lines.join("\n");
}
