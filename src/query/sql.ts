/** A piece of SQL with its bound values; values never enter the text. */
export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** Renders `$1, $2 ...` placeholders, numbering from `start`. */
  compile(start = 1): { text: string; values: unknown[] } {
    let text = this.strings[0];
    for (let i = 0; i < this.values.length; i++) text += `$${start + i}${this.strings[i + 1]}`;
    return { text, values: [...this.values] };
  }
}

type Part = Sql | unknown;

/** Tagged template: interpolated `Sql` pieces are spliced in, anything else becomes a bound value. */
export function sql(strings: TemplateStringsArray, ...parts: Part[]): Sql {
  const outStrings: string[] = [strings[0]];
  const values: unknown[] = [];
  parts.forEach((part, i) => {
    if (part instanceof Sql) {
      outStrings[outStrings.length - 1] += part.strings[0];
      for (let j = 0; j < part.values.length; j++) {
        values.push(part.values[j]);
        outStrings.push(part.strings[j + 1]);
      }
    } else {
      values.push(part);
      outStrings.push('');
    }
    outStrings[outStrings.length - 1] += strings[i + 1];
  });
  return new Sql(outStrings, values);
}

/** Trusted SQL text (identifiers from our own metadata, keywords); never user input. */
export function raw(text: string): Sql {
  return new Sql([text], []);
}

export function join(pieces: Sql[], separator: string): Sql {
  if (pieces.length === 0) return raw('');
  return pieces.slice(1).reduce((acc, piece) => sql`${acc}${raw(separator)}${piece}`, pieces[0]);
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
