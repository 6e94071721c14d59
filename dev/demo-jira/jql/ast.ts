/** The syntax tree the JQL parser produces. */

export type JqlOperator =
  '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface ValueOperand {
  kind: 'value';
  value: string;
  /** As written, quotes included. */
  raw: string;
  quoted: boolean;
}

export interface FunctionOperand {
  kind: 'function';
  name: string;
  args: string[];
  raw: string;
}

export interface EmptyOperand {
  kind: 'empty';
  raw: string;
}

export type ListItem = ValueOperand | FunctionOperand | EmptyOperand;

export interface ListOperand {
  kind: 'list';
  items: ListItem[];
  raw: string;
}

export type Operand = ListItem | ListOperand;

export interface TermClause {
  kind: 'term';
  field: string;
  /** The field as written (quotes included). */
  fieldRaw: string;
  operator: JqlOperator;
  operand: Operand;
  position: SourcePosition;
}

export interface CompoundClause {
  kind: 'and' | 'or';
  clauses: Clause[];
}

export interface NotClause {
  kind: 'not';
  clause: Clause;
}

export type Clause = TermClause | CompoundClause | NotClause;

export interface SortKey {
  field: string;
  fieldRaw: string;
  direction: 'asc' | 'desc' | null;
  position: SourcePosition;
}

export interface JqlQuery {
  where: Clause | null;
  orderBy: SortKey[];
}
