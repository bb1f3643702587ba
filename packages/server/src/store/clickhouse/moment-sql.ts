import { selectorRegex, urlPatternRegex } from '@gosight/shared';
import type { MomentCondition } from '../search/moment-conditions.js';

/**
 * A moment condition as a predicate over `replay_event_index` columns, with its query
 * parameters (named `<prefix>…`). The SQL twin of `momentMatches`: the contract suite runs
 * the same searches through both.
 */
export function momentSql(c: MomentCondition, prefix: string): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { [`${prefix}kinds`]: c.kinds };
  const clauses = [`kind IN {${prefix}kinds:Array(String)}`];
  const param = (name: string, type: string, value: unknown) => {
    params[prefix + name] = value;
    return `{${prefix}${name}:${type}}`;
  };
  const contains = (column: string, name: string, value: string) => clauses.push(`positionCaseInsensitiveUTF8(${column}, ${param(name, 'String', value)}) > 0`);
  switch (c.filter) {
    case 'click':
      if (c.click.text !== undefined) contains('text', 'text', c.click.text);
      if (c.click.id !== undefined) clauses.push(`el_id = ${param('id', 'String', c.click.id)}`);
      if (c.click.className !== undefined) clauses.push(`has(el_classes, ${param('class', 'String', c.click.className)})`);
      if (c.click.label !== undefined) contains('el_label', 'label', c.click.label);
      if (c.click.selector !== undefined) clauses.push(`match(el_selector, ${param('selector', 'String', selectorRegex(c.click.selector))})`);
      break;
    case 'visited':
      clauses.push(`multiMatchAny(url, ${param('patterns', 'Array(String)', c.patterns.map(urlPatternRegex))})`);
      break;
    case 'error':
      if (c.text) contains('text', 'text', c.text);
      break;
    case 'warning':
      clauses.push(`level = 'warn'`);
      contains('text', 'text', c.text);
      break;
    case 'request':
      if (c.request.url !== undefined) clauses.push(`match(request_url, ${param('url', 'String', urlPatternRegex(c.request.url))})`);
      if (c.request.method !== undefined) clauses.push(`method = ${param('method', 'String', c.request.method)}`);
      if (c.request.status !== undefined) {
        clauses.push(`status BETWEEN ${param('min', 'UInt16', c.request.status.min)} AND ${param('max', 'UInt16', c.request.status.max)}`);
      }
      break;
    case 'event':
      clauses.push(`text = ${param('name', 'String', c.name)}`);
      if (c.prop) clauses.push(`props[${param('key', 'String', c.prop.key)}] = ${param('value', 'String', c.prop.value)}`);
      break;
    case 'userId':
      clauses.push(`text = ${param('user', 'String', c.userId)}`);
      break;
    case 'trait':
      clauses.push(`props[${param('key', 'String', c.trait.key)}] = ${param('value', 'String', c.trait.value)}`);
      break;
    default:
      break;
  }
  return { sql: clauses.join(' AND '), params };
}
