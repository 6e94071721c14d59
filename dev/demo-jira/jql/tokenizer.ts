/** Splits JQL text into tokens, remembering where each starts so errors can point at it. */
import { JqlSyntaxError } from './errors';

export type TokenKind =
  'word' | 'string' | 'lparen' | 'rparen' | 'comma' | 'operator' | 'and' | 'or' | 'not' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The value: unquoted and unescaped for strings, the symbol for operators. */
  text: string;
  /** Exactly as written in the query. */
  raw: string;
  offset: number;
  line: number;
  column: number;
}

const WORD_CHAR = /[\p{L}\p{N}_\-.:/+*@$#]/u;
const RESERVED = new Set([';', '?', '%', '^', '[', ']', '{', '}', '\\', '`']);

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = (offset: number) => ({ offset, line, column: offset - lineStart + 1 });

  while (i < query.length) {
    const ch = query.charAt(i);
    if (ch === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = at(i);
    const two = query.slice(i, i + 2);
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({
        kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma',
        text: ch,
        raw: ch,
        ...start,
      });
      i++;
    } else if (two === '!=' || two === '>=' || two === '<=' || two === '!~') {
      tokens.push({ kind: 'operator', text: two, raw: two, ...start });
      i += 2;
    } else if (ch === '=' || ch === '>' || ch === '<' || ch === '~') {
      tokens.push({ kind: 'operator', text: ch, raw: ch, ...start });
      i++;
    } else if (two === '&&' || two === '||') {
      tokens.push({ kind: two === '&&' ? 'and' : 'or', text: two, raw: two, ...start });
      i += 2;
    } else if (ch === '&' || ch === '|' || ch === '!') {
      tokens.push({ kind: ch === '&' ? 'and' : ch === '|' ? 'or' : 'not', text: ch, raw: ch, ...start });
      i++;
    } else if (ch === '"' || ch === "'") {
      const { value, end } = readString(query, i, start);
      tokens.push({ kind: 'string', text: value, raw: query.slice(i, end), ...start });
      // Strings never span lines in practice; keep line numbers right if one does.
      for (let k = i; k < end; k++) {
        if (query.charAt(k) === '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      i = end;
    } else if (WORD_CHAR.test(ch)) {
      let end = i + 1;
      while (end < query.length && WORD_CHAR.test(query.charAt(end))) end++;
      const raw = query.slice(i, end);
      tokens.push({ kind: 'word', text: raw, raw, ...start });
      i = end;
    } else if (RESERVED.has(ch)) {
      const code = ch.charCodeAt(0).toString(16).padStart(4, '0');
      throw new JqlSyntaxError(
        `The character '${ch}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${code}' instead.`,
        start.line,
        start.column,
      );
    } else {
      throw new JqlSyntaxError(`The character '${ch}' is not valid here.`, start.line, start.column);
    }
  }
  tokens.push({ kind: 'eof', text: '', raw: '', ...at(i) });
  return tokens;
}

function readString(
  query: string,
  from: number,
  start: { line: number; column: number },
): { value: string; end: number } {
  const quote = query.charAt(from);
  let value = '';
  let i = from + 1;
  while (i < query.length) {
    const ch = query.charAt(i);
    if (ch === quote) return { value, end: i + 1 };
    if (ch === '\\') {
      const next = query.charAt(i + 1);
      if (next === 'u') {
        const hex = query.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          throw new JqlSyntaxError(
            `The escape sequence '\\u${hex}' is not valid.`,
            start.line,
            start.column + (i - from),
          );
        }
        value += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
      const escapes: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        '"': '"',
        "'": "'",
        '\\': '\\',
        ' ': ' ',
      };
      const mapped = escapes[next];
      if (mapped === undefined) {
        throw new JqlSyntaxError(
          `The escape sequence '\\${next}' is not valid.`,
          start.line,
          start.column + (i - from),
        );
      }
      value += mapped;
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  throw new JqlSyntaxError(`The quoted string '${value}' has not been completed.`, start.line, start.column);
}
