/**
 * Recursive-descent JQL parser.
 *
 *   query    := [or] [ORDER BY sortKey (',' sortKey)*] EOF
 *   or       := and (OR and)*
 *   and      := not (AND not)*
 *   not      := NOT not | '(' or ')' | term
 *   term     := field operator operand
 *   operator := '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | IN | NOT IN | IS | IS NOT
 *   operand  := value | function | EMPTY | NULL | '(' item (',' item)* ')'
 *
 * NOT binds tighter than AND, which binds tighter than OR. Keywords are case-insensitive.
 */
import type {
  Clause,
  FunctionOperand,
  JqlOperator,
  JqlQuery,
  ListItem,
  Operand,
  SortKey,
  TermClause,
} from './ast';
import { JqlSyntaxError } from './errors';
import { tokenize, type Token } from './tokenizer';

const RESERVED_WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'null', 'order', 'by']);
const OPERATOR_LIST =
  "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

export function parseJql(query: string): JqlQuery {
  return new Parser(query).parseQuery();
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(private readonly query: string) {
    this.tokens = tokenize(query);
  }

  parseQuery(): JqlQuery {
    let where: Clause | null = null;
    if (!this.atOrderBy() && this.peek().kind !== 'eof') where = this.parseOr();
    const orderBy = this.atOrderBy() ? this.parseOrderBy() : [];
    const next = this.peek();
    if (next.kind !== 'eof') {
      if (orderBy.length > 0) this.fail(`Expecting either 'ASC', 'DESC' or ',' but got '${next.raw}'.`, next);
      this.fail(`Expecting either 'OR' or 'AND' but got '${next.raw}'.`, next);
    }
    return { where, orderBy };
  }

  // ---- clauses ----

  private parseOr(): Clause {
    const clauses = [this.parseAnd()];
    while (this.isKeyword(this.peek(), 'or')) {
      this.pos++;
      clauses.push(this.parseAnd());
    }
    return clauses.length === 1 ? (clauses[0] as Clause) : { kind: 'or', clauses };
  }

  private parseAnd(): Clause {
    const clauses = [this.parseNot()];
    while (this.isKeyword(this.peek(), 'and')) {
      this.pos++;
      clauses.push(this.parseNot());
    }
    return clauses.length === 1 ? (clauses[0] as Clause) : { kind: 'and', clauses };
  }

  private parseNot(): Clause {
    const token = this.peek();
    if (this.isKeyword(token, 'not')) {
      this.pos++;
      return { kind: 'not', clause: this.parseNot() };
    }
    if (token.kind === 'lparen') {
      this.pos++;
      const inner = this.parseOr();
      const close = this.peek();
      if (close.kind !== 'rparen') {
        if (close.kind === 'eof') this.fail("Expecting ')' before the end of the query.", close);
        this.fail(`Expecting ')' but got '${close.raw}'.`, close);
      }
      this.pos++;
      return inner;
    }
    return this.parseTerm();
  }

  private parseTerm(): TermClause {
    const fieldToken = this.expectFieldName();
    const operator = this.parseOperator();
    const operand = this.parseOperand();
    return {
      kind: 'term',
      field: fieldToken.text,
      fieldRaw: fieldToken.raw,
      operator,
      operand,
      position: { line: fieldToken.line, column: fieldToken.column },
    };
  }

  private expectFieldName(): Token {
    const token = this.peek();
    if (token.kind === 'string' || (token.kind === 'word' && !RESERVED_WORDS.has(token.text.toLowerCase()))) {
      this.pos++;
      return token;
    }
    if (token.kind === 'eof') this.fail('Expecting a field name before the end of the query.', token);
    this.fail(`Expecting a field name but got '${token.raw}'.`, token);
  }

  private parseOperator(): JqlOperator {
    const token = this.peek();
    if (token.kind === 'operator') {
      this.pos++;
      return token.text as JqlOperator;
    }
    if (this.isKeyword(token, 'in')) {
      this.pos++;
      return 'in';
    }
    if (this.isKeyword(token, 'not')) {
      this.pos++;
      const next = this.peek();
      if (!this.isKeyword(next, 'in')) {
        if (next.kind === 'eof') this.fail("Expecting 'IN' after 'NOT' before the end of the query.", next);
        this.fail(`Expecting 'IN' after 'NOT' but got '${next.raw}'.`, next);
      }
      this.pos++;
      return 'not in';
    }
    if (this.isKeyword(token, 'is')) {
      this.pos++;
      if (this.isKeyword(this.peek(), 'not')) {
        this.pos++;
        return 'is not';
      }
      return 'is';
    }
    if (token.kind === 'eof')
      this.fail(`Expecting operator before the end of the query. ${OPERATOR_LIST}`, token);
    this.fail(`Expecting operator but got '${token.raw}'. ${OPERATOR_LIST}`, token);
  }

  // ---- operands ----

  private parseOperand(): Operand {
    const token = this.peek();
    if (token.kind === 'lparen') {
      this.pos++;
      const items: ListItem[] = [this.parseListItem()];
      while (this.peek().kind === 'comma') {
        this.pos++;
        items.push(this.parseListItem());
      }
      const close = this.peek();
      if (close.kind !== 'rparen') {
        if (close.kind === 'eof') this.fail("Expecting ')' before the end of the query.", close);
        this.fail(`Expecting ',' or ')' but got '${close.raw}'.`, close);
      }
      this.pos++;
      return { kind: 'list', items, raw: this.query.slice(token.offset, close.offset + 1) };
    }
    return this.parseListItem();
  }

  private parseListItem(): ListItem {
    const token = this.peek();
    if (token.kind === 'string') {
      this.pos++;
      return { kind: 'value', value: token.text, raw: token.raw, quoted: true };
    }
    if (token.kind === 'word') {
      const lower = token.text.toLowerCase();
      if (lower === 'empty' || lower === 'null') {
        this.pos++;
        return { kind: 'empty', raw: token.raw };
      }
      if (!RESERVED_WORDS.has(lower)) {
        this.pos++;
        if (this.peek().kind === 'lparen') return this.parseFunction(token);
        return { kind: 'value', value: token.text, raw: token.raw, quoted: false };
      }
    }
    if (token.kind === 'eof')
      this.fail('Expecting either a value, list or function before the end of the query.', token);
    this.fail(`Expecting either a value, list or function but got '${token.raw}'.`, token);
  }

  private parseFunction(name: Token): FunctionOperand {
    this.pos++; // '('
    const args: string[] = [];
    let token = this.peek();
    if (token.kind !== 'rparen') {
      for (;;) {
        token = this.peek();
        if (token.kind !== 'word' && token.kind !== 'string') {
          if (token.kind === 'eof')
            this.fail('Expecting a function argument before the end of the query.', token);
          this.fail(`Expecting a function argument but got '${token.raw}'.`, token);
        }
        args.push(token.text);
        this.pos++;
        if (this.peek().kind !== 'comma') break;
        this.pos++;
      }
      token = this.peek();
      if (token.kind !== 'rparen') {
        if (token.kind === 'eof') this.fail("Expecting ')' before the end of the query.", token);
        this.fail(`Expecting ')' but got '${token.raw}'.`, token);
      }
    }
    this.pos++; // ')'
    return { kind: 'function', name: name.text, args, raw: this.query.slice(name.offset, token.offset + 1) };
  }

  // ---- ORDER BY ----

  private atOrderBy(): boolean {
    return this.isKeyword(this.peek(), 'order');
  }

  private parseOrderBy(): SortKey[] {
    this.pos++; // ORDER
    const by = this.peek();
    if (!this.isKeyword(by, 'by')) {
      if (by.kind === 'eof') this.fail("Expecting 'BY' before the end of the query.", by);
      this.fail(`Expecting 'BY' but got '${by.raw}'.`, by);
    }
    this.pos++;
    const keys: SortKey[] = [];
    for (;;) {
      const field = this.expectFieldName();
      let direction: SortKey['direction'] = null;
      const next = this.peek();
      if (this.isKeyword(next, 'asc') || this.isKeyword(next, 'desc')) {
        direction = next.text.toLowerCase() as 'asc' | 'desc';
        this.pos++;
      }
      keys.push({
        field: field.text,
        fieldRaw: field.raw,
        direction,
        position: { line: field.line, column: field.column },
      });
      if (this.peek().kind !== 'comma') return keys;
      this.pos++;
    }
  }

  // ---- helpers ----

  private peek(): Token {
    return this.tokens[Math.min(this.pos, this.tokens.length - 1)] as Token;
  }

  private isKeyword(
    token: Token,
    keyword: 'and' | 'or' | 'not' | 'in' | 'is' | 'order' | 'by' | 'asc' | 'desc',
  ): boolean {
    if (token.kind === keyword) return true;
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  private fail(detail: string, token: Token): never {
    throw new JqlSyntaxError(detail, token.line, token.column);
  }
}
