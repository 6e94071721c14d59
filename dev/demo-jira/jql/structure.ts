/** Renders a parsed query as Jira's JqlQuery structure (the body of POST /rest/api/3/jql/parse). */
import type { Clause, JqlQuery, ListItem, Operand } from './ast';

export interface JqlStructureField {
  name: string;
  encodedName: string;
}

export type JqlStructureOperand =
  | { value: string; encodedValue: string }
  | { function: string; arguments: string[]; encodedOperand: string }
  | { keyword: 'empty' }
  | { values: JqlStructureOperand[]; encodedOperand: string };

export type JqlStructureClause =
  | { operator: 'and' | 'or' | 'not'; clauses: JqlStructureClause[] }
  | { field: JqlStructureField; operator: string; operand: JqlStructureOperand };

export interface JqlStructure {
  where?: JqlStructureClause;
  orderBy?: { fields: { field: JqlStructureField; direction?: 'asc' | 'desc' }[] };
}

function field(name: string, raw: string): JqlStructureField {
  return { name, encodedName: raw };
}

function item(operand: ListItem): JqlStructureOperand {
  switch (operand.kind) {
    case 'value':
      return { value: operand.value, encodedValue: operand.raw };
    case 'function':
      return { function: operand.name, arguments: operand.args, encodedOperand: operand.raw };
    case 'empty':
      return { keyword: 'empty' };
  }
}

function operandOf(operand: Operand): JqlStructureOperand {
  if (operand.kind === 'list') return { values: operand.items.map(item), encodedOperand: operand.raw };
  return item(operand);
}

function clauseOf(clause: Clause): JqlStructureClause {
  switch (clause.kind) {
    case 'and':
    case 'or':
      return { operator: clause.kind, clauses: clause.clauses.map(clauseOf) };
    case 'not':
      return { operator: 'not', clauses: [clauseOf(clause.clause)] };
    case 'term':
      return {
        field: field(clause.field, clause.fieldRaw),
        operator: clause.operator,
        operand: operandOf(clause.operand),
      };
  }
}

export function toJqlStructure(query: JqlQuery): JqlStructure {
  const structure: JqlStructure = {};
  if (query.where) structure.where = clauseOf(query.where);
  if (query.orderBy.length > 0) {
    structure.orderBy = {
      fields: query.orderBy.map((key) =>
        key.direction
          ? { field: field(key.field, key.fieldRaw), direction: key.direction }
          : { field: field(key.field, key.fieldRaw) },
      ),
    };
  }
  return structure;
}
