/**
 * A piece of SQL with its bound values; values never enter the text. Pieces nest as a tree that
 * is flattened once, by compile(), so building a statement costs time linear in its size.
 */
export class Sql {
  constructor(
    private readonly strings: readonly string[],
    /** Between consecutive strings: a nested `Sql`, or a value to bind. */
    private readonly parts: readonly unknown[],
  ) {}

  /** Renders `$1, $2 ...` placeholders, numbering from `start`. */
  compile(start = 1): { text: string; values: unknown[] } {
    const out = { text: '', values: [] as unknown[] };
    this.render(out, start);
    return out;
  }

  private render(out: { text: string; values: unknown[] }, start: number): void {
    out.text += this.strings[0];
    for (let i = 0; i < this.parts.length; i++) {
      const part = this.parts[i];
      if (part instanceof Sql) part.render(out, start);
      else out.text += `$${start + out.values.push(part) - 1}`;
      out.text += this.strings[i + 1];
    }
  }
}

/** Tagged template: interpolated `Sql` pieces are spliced in, anything else becomes a bound value. */
export function sql(strings: TemplateStringsArray, ...parts: unknown[]): Sql {
  return new Sql(strings, parts);
}

/** Trusted SQL text (identifiers from our own metadata, keywords); never user input. */
export function raw(text: string): Sql {
  return new Sql([text], []);
}

export function join(pieces: Sql[], separator: string): Sql {
  if (pieces.length === 0) return raw('');
  return new Sql(['', ...pieces.slice(1).map(() => separator), ''], pieces);
}

export const TRUE = raw('TRUE');
export const FALSE = raw('FALSE');

export function and(pieces: Sql[]): Sql {
  if (pieces.length === 0) return TRUE;
  if (pieces.length === 1) return pieces[0];
  return sql`(${join(pieces, ' AND ')})`;
}

export function or(pieces: Sql[]): Sql {
  if (pieces.length === 0) return FALSE;
  if (pieces.length === 1) return pieces[0];
  return sql`(${join(pieces, ' OR ')})`;
}

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
