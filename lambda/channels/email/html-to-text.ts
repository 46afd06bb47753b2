/**
 * HTML mail to plain text that keeps what the forward parser needs: one line per block
 * and per `<br>`, Gmail's "---------- Forwarded message ---------" separator, Outlook's
 * "From: / Sent:" header block, and link targets that matter (meeting links).
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  zwnj: '',
  zwj: '',
  shy: '',
};

/** Decodes character references (`&amp;`, `&#8217;`, `&#x2019;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : '';
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

const BLOCK =
  /^(?:p|div|tr|table|tbody|thead|li|ul|ol|h[1-6]|blockquote|pre|section|article|header|footer|dl|dt|dd|address|center|form)$/i;

/** A table cell that labels the next one: "Interviewer", "Date & time" (short, no sentence). */
const CELL_LABEL = /^[\p{L}][\p{L} &/'’()-]{0,38}$/u;

/** A table being read: its column headings (a first row of `<th>` labels) and its rows so far. */
interface Table {
  headers: string[] | null;
  row: number;
  cells: string[];
  allHeadings: boolean;
}

/**
 * Converts an HTML body to text: blocks and `<br>` become line breaks, tags go, entities
 * decode. ATS invites lay their details out in tables; they read as the same invite would
 * in plain text:
 * - a row of a short label and a value becomes "Interviewer: Rahul Iyer, …";
 * - under a row of column headings (`<th>Time</th><th>Interviewer</th>`), each cell becomes
 *   a line of its own, "Interviewer: Wei Ling Tan".
 */
export function htmlToText(html: string): string {
  const cleaned = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|script|title|xml)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<o:p>\s*<\/o:p>/gi, '');
  const lines: string[] = [];
  let line = '';
  const breakSoft = (): void => {
    if (line.trim() !== '') {
      lines.push(line);
      line = '';
    }
  };
  // Unquoted attribute text stops at "<": an unclosed tag costs linear time, not quadratic (ReDoS).
  const tag = /<(\/?)([a-z][a-z0-9:-]*)\b((?:[^<>"']|"[^"]*"|'[^']*')*)>/gi;
  let last = 0;
  let pendingHref: string | null = null;
  let linkText = '';
  let cell = 0; // the cell's index in its row
  let cellStart = 0; // where the cell's text starts in `line`
  let cellLines = 0; // `lines.length` when the cell opened: a line break inside leaves it unread
  let labelEnd: number | null = null; // where a first cell that reads as a label ends in `line`
  const tables: Table[] = [];
  for (let m = tag.exec(cleaned); m !== null; m = tag.exec(cleaned)) {
    const chunk = decodeEntities(cleaned.slice(last, m.index).replace(/\s+/g, ' '));
    line += line === '' ? chunk.replace(/^ /, '') : chunk;
    if (pendingHref !== null) linkText += chunk;
    last = tag.lastIndex;
    const closing = m[1] === '/';
    const name = (m[2] ?? '').toLowerCase();
    const attrs = m[3] ?? '';
    if (name === 'br') {
      lines.push(line);
      line = '';
    } else if (name === 'hr') {
      // Outlook's forward separator is an <hr> in HTML and a line of underscores in text.
      breakSoft();
      lines.push('________________________________');
    } else if (BLOCK.test(name)) {
      breakSoft();
      const table = tables[tables.length - 1];
      if (name === 'table') {
        if (closing) tables.pop();
        else tables.push({ headers: null, row: 0, cells: [], allHeadings: true });
      } else if (name === 'tr' && table) {
        if (!closing) {
          table.cells = [];
          table.allHeadings = true;
        } else {
          const { cells } = table;
          if (
            table.row === 0 &&
            table.allHeadings &&
            cells.length >= 2 &&
            cells.every((c) => CELL_LABEL.test(c))
          )
            table.headers = cells;
          table.row += 1;
        }
      }
      if (name === 'tr') {
        cell = 0;
        labelEnd = null;
      }
    } else if (name === 'td' || name === 'th') {
      const table = tables[tables.length - 1];
      const heading = table?.headers && table.row > 0 ? table.headers[cell] : undefined;
      if (!closing) {
        if (name === 'td' && table) table.allHeadings = false;
        if (heading) {
          breakSoft();
          line += `${heading}: `;
        } else if (cell === 1 && labelEnd !== null && lines.length === cellLines) {
          // A second cell: the first one was its label.
          line = `${line.slice(0, labelEnd)}:${line.slice(labelEnd)}`;
        }
        labelEnd = null;
        cellStart = line.length;
        cellLines = lines.length;
      } else {
        const text = lines.length === cellLines ? line.slice(cellStart).trim() : '';
        table?.cells.push(text);
        const label = !heading && name === 'td' && cell === 0 && CELL_LABEL.test(text);
        line = line.trimEnd();
        labelEnd = label ? line.length : null;
        line += ' ';
        cell += 1;
      }
    } else if (name === 'a' && !closing) {
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
      const target = href ? decodeEntities(href[1] ?? href[2] ?? href[3] ?? '') : '';
      pendingHref = /^https?:\/\//i.test(target) ? target : null;
      linkText = '';
    } else if (name === 'a' && closing) {
      if (pendingHref !== null && !linkText.includes(pendingHref)) line += ` <${pendingHref}>`;
      pendingHref = null;
    }
  }
  line += decodeEntities(
    cleaned
      .slice(last)
      .replace(/<[^>]*$/, '')
      .replace(/\s+/g, ' '),
  );
  lines.push(line);
  return lines
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
