/**
 * SOQL tokenizer and parser for the subset the emulator supports. Syntax errors throw SoqlError with
 * MALFORMED_QUERY, carrying Salesforce's "ERROR at Row:1:Column:n" message shape.
 */
export type SoqlErrorCode = 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR';

export class SoqlError extends Error {
  constructor(
    readonly errorCode: SoqlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type TokenType = 'ident' | 'string' | 'number' | 'datetime' | 'op' | 'punct' | 'eof';
interface Token {
  type: TokenType;
  value: string;
  position: number;
}

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: string }
  | { kind: 'dateRange'; name: string; n?: number };

export interface SelectQuery {
  count: boolean;
  fields: string[];
  object: string;
  where?: Condition;
  orderBy: Array<{ field: string; descending: boolean; nullsFirst: boolean }>;
  limit?: number;
  offset?: number;
}

export type Comparator = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'LIKE';

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; field: string; op: Comparator; value: Literal; position: number }
  | { kind: 'in'; field: string; negated: boolean; values: Literal[]; position: number }
  | { kind: 'semiJoin'; field: string; negated: boolean; query: SelectQuery; position: number };

const dateRangeNames = new Set([
  'TODAY', 'YESTERDAY', 'TOMORROW', 'LAST_N_DAYS', 'NEXT_N_DAYS', 'LAST_WEEK', 'THIS_WEEK', 'NEXT_WEEK',
  'LAST_MONTH', 'THIS_MONTH', 'NEXT_MONTH', 'LAST_90_DAYS', 'NEXT_90_DAYS', 'THIS_YEAR', 'LAST_YEAR', 'N_DAYS_AGO',
]);

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < soql.length) {
    const rest = soql.slice(index);
    const char = soql[index] as string;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    const datetime = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))?/.exec(rest);
    if (datetime) {
      tokens.push({ type: 'datetime', value: datetime[0], position: index });
      index += datetime[0].length;
      continue;
    }
    const number = /^-?\d+(?:\.\d+)?/.exec(rest);
    if (number) {
      tokens.push({ type: 'number', value: number[0], position: index });
      index += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(rest);
    if (ident) {
      tokens.push({ type: 'ident', value: ident[0], position: index });
      index += ident[0].length;
      continue;
    }
    if (char === "'") {
      let value = '';
      let cursor = index + 1;
      for (;;) {
        if (cursor >= soql.length) throw malformed(soql, index, 'unterminated string literal');
        const current = soql[cursor] as string;
        if (current === '\\') {
          const next = soql[cursor + 1] ?? '';
          value += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[next] ?? next;
          cursor += 2;
        } else if (current === "'") {
          break;
        } else {
          value += current;
          cursor += 1;
        }
      }
      tokens.push({ type: 'string', value, position: index });
      index = cursor + 1;
      continue;
    }
    const op = /^(<=|>=|!=|<>|=|<|>)/.exec(rest);
    if (op) {
      tokens.push({ type: 'op', value: op[0] === '<>' ? '!=' : op[0], position: index });
      index += op[0].length;
      continue;
    }
    if ('(),:'.includes(char)) {
      tokens.push({ type: 'punct', value: char, position: index });
      index += 1;
      continue;
    }
    throw malformed(soql, index, `unexpected token: '${char}'`);
  }
  tokens.push({ type: 'eof', value: '', position: soql.length });
  return tokens;
}

/** Salesforce's error text: the query, a caret under the column, and the reason. */
export function errorAt(soql: string, position: number, reason: string): string {
  const column = position + 1;
  return `\n${soql}\n${' '.repeat(position)}^\nERROR at Row:1:Column:${column}\n${reason}`;
}

function malformed(soql: string, position: number, reason: string): SoqlError {
  return new SoqlError('MALFORMED_QUERY', errorAt(soql, position, reason));
}

class Parser {
  private index = 0;
  constructor(
    private readonly soql: string,
    private readonly tokens: Token[],
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    this.index += 1;
    return token;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'ident' && token.value.toUpperCase() === word;
  }

  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) throw this.unexpected();
    this.index += 1;
  }

  private expectPunct(value: string): void {
    const token = this.peek();
    if (token.type !== 'punct' || token.value !== value) throw this.unexpected();
    this.index += 1;
  }

  private unexpected(): SoqlError {
    const token = this.peek();
    return malformed(this.soql, token.position, token.type === 'eof' ? 'unexpected end of query' : `unexpected token: '${token.value}'`);
  }

  parseQuery(nested = false): SelectQuery {
    this.expectKeyword('SELECT');
    const query: SelectQuery = { count: false, fields: [], object: '', orderBy: [] };
    if (this.isKeyword('COUNT') && this.peek(1).value === '(') {
      this.index += 2;
      this.expectPunct(')');
      query.count = true;
    } else {
      for (;;) {
        const token = this.next();
        if (token.type !== 'ident' || ['FROM', 'SELECT'].includes(token.value.toUpperCase())) {
          this.index -= 1;
          throw this.unexpected();
        }
        if (this.peek().value === '(') throw malformed(this.soql, token.position, `unsupported function: ${token.value}`);
        query.fields.push(token.value);
        if (this.peek().value !== ',') break;
        this.index += 1;
      }
    }
    this.expectKeyword('FROM');
    const object = this.next();
    if (object.type !== 'ident') {
      this.index -= 1;
      throw this.unexpected();
    }
    query.object = object.value;
    if (this.isKeyword('WHERE')) {
      this.index += 1;
      query.where = this.parseOr();
    }
    if (this.isKeyword('ORDER')) {
      this.index += 1;
      this.expectKeyword('BY');
      for (;;) {
        const field = this.next();
        if (field.type !== 'ident') {
          this.index -= 1;
          throw this.unexpected();
        }
        let descending = false;
        if (this.isKeyword('ASC')) this.index += 1;
        else if (this.isKeyword('DESC')) {
          descending = true;
          this.index += 1;
        }
        let nullsFirst = !descending;
        if (this.isKeyword('NULLS')) {
          this.index += 1;
          if (this.isKeyword('FIRST')) nullsFirst = true;
          else if (this.isKeyword('LAST')) nullsFirst = false;
          else throw this.unexpected();
          this.index += 1;
        }
        query.orderBy.push({ field: field.value, descending, nullsFirst });
        if (this.peek().value !== ',') break;
        this.index += 1;
      }
    }
    if (this.isKeyword('LIMIT')) {
      this.index += 1;
      query.limit = this.integer();
    }
    if (this.isKeyword('OFFSET')) {
      this.index += 1;
      query.offset = this.integer();
    }
    const end = this.peek();
    if (nested ? !(end.type === 'punct' && end.value === ')') : end.type !== 'eof') throw this.unexpected();
    return query;
  }

  private integer(): number {
    const token = this.next();
    if (token.type !== 'number' || !/^\d+$/.test(token.value)) {
      this.index -= 1;
      throw this.unexpected();
    }
    return Number(token.value);
  }

  private parseOr(): Condition {
    const items = [this.parseAnd()];
    while (this.isKeyword('OR')) {
      this.index += 1;
      items.push(this.parseAnd());
    }
    return items.length === 1 ? (items[0] as Condition) : { kind: 'or', items };
  }

  private parseAnd(): Condition {
    const items = [this.parseNot()];
    while (this.isKeyword('AND')) {
      this.index += 1;
      items.push(this.parseNot());
    }
    return items.length === 1 ? (items[0] as Condition) : { kind: 'and', items };
  }

  private parseNot(): Condition {
    if (this.isKeyword('NOT')) {
      this.index += 1;
      return { kind: 'not', item: this.parseNot() };
    }
    if (this.peek().value === '(' && this.peek().type === 'punct') {
      this.index += 1;
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): Condition {
    const field = this.next();
    if (field.type !== 'ident') {
      this.index -= 1;
      throw this.unexpected();
    }
    const position = field.position;
    let negated = false;
    if (this.isKeyword('NOT') && this.isKeyword('IN', 1)) {
      negated = true;
      this.index += 1;
    }
    if (this.isKeyword('IN')) {
      this.index += 1;
      this.expectPunct('(');
      if (this.isKeyword('SELECT')) {
        const query = this.parseQuery(true);
        this.expectPunct(')');
        return { kind: 'semiJoin', field: field.value, negated, query, position };
      }
      const values: Literal[] = [this.literal()];
      while (this.peek().value === ',') {
        this.index += 1;
        values.push(this.literal());
      }
      this.expectPunct(')');
      return { kind: 'in', field: field.value, negated, values, position };
    }
    if (this.isKeyword('LIKE')) {
      this.index += 1;
      return { kind: 'compare', field: field.value, op: 'LIKE', value: this.literal(), position };
    }
    const op = this.next();
    if (op.type !== 'op') {
      this.index -= 1;
      throw this.unexpected();
    }
    return { kind: 'compare', field: field.value, op: op.value as Comparator, value: this.literal(), position };
  }

  private literal(): Literal {
    const token = this.next();
    if (token.type === 'string') return { kind: 'string', value: token.value };
    if (token.type === 'number') return { kind: 'number', value: Number(token.value) };
    if (token.type === 'datetime') return { kind: 'datetime', value: token.value };
    if (token.type === 'ident') {
      const upper = token.value.toUpperCase();
      if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE' };
      if (upper === 'NULL') return { kind: 'null' };
      if (dateRangeNames.has(upper)) {
        if (this.peek().value === ':') {
          this.index += 1;
          return { kind: 'dateRange', name: upper, n: this.integer() };
        }
        if (upper.includes('_N_')) throw malformed(this.soql, token.position, `${upper} requires a number: ${upper}:n`);
        return { kind: 'dateRange', name: upper };
      }
    }
    this.index -= 1;
    throw this.unexpected();
  }
}

export function parseSoql(soql: string): SelectQuery {
  return new Parser(soql, tokenize(soql)).parseQuery();
}
