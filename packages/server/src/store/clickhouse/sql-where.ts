/**
 * A WHERE clause under construction: conditions joined by AND, and the query parameters
 * they read. Values travel only as parameters; what is spliced in is fixed SQL text.
 */
export class SqlWhere {
  private readonly conditions: string[] = [];

  constructor(readonly params: Record<string, unknown> = {}) {}

  /** The placeholder of a parameter, keeping `value` under `name`. */
  param(name: string, type: string, value: unknown): string {
    this.params[name] = value;
    return `{${name}:${type}}`;
  }

  add(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** Adds `condition(placeholder)` when a value is given: an optional filter, one end of a range. */
  when(value: string | number | undefined, name: string, type: string, condition: (placeholder: string) => string): this {
    return value === undefined ? this : this.add(condition(this.param(name, type, value)));
  }

  get sql(): string {
    return this.conditions.join(' AND ');
  }
}
