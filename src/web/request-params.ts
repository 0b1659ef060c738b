/** Query-parameter parsing shared by the HTML views and the API: bad input is a value, not an exception. */
import type { Result } from '../model/types.js';

export type Params = Record<string, string | undefined>;

const DATE_RE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

export function optText(params: Params, key: string, max = 300): Result<string | undefined> {
  const v = params[key];
  if (v === undefined || v.trim() === '') return { ok: true, value: undefined };
  if (v.length > max) return { ok: false, reason: 'bad-request', detail: `${key} is longer than ${max} characters` };
  return { ok: true, value: v.trim() };
}

export function optDate(params: Params, key: string): Result<string | undefined> {
  const v = params[key];
  if (v === undefined || v.trim() === '') return { ok: true, value: undefined };
  if (!DATE_RE.test(v.trim())) return { ok: false, reason: 'bad-request', detail: `${key} must be a date as YYYY, YYYY-MM or YYYY-MM-DD` };
  return { ok: true, value: v.trim() };
}

export function intParam(params: Params, key: string, dflt: number, min: number, max: number): Result<number> {
  const v = params[key];
  if (v === undefined || v === '') return { ok: true, value: dflt };
  if (!/^\d{1,9}$/.test(v)) return { ok: false, reason: 'bad-request', detail: `${key} must be a whole number` };
  const n = Number(v);
  if (n < min || n > max) return { ok: false, reason: 'bad-request', detail: `${key} must be between ${min} and ${max}` };
  return { ok: true, value: n };
}

export function enumParam<T extends string>(params: Params, key: string, allowed: readonly T[]): Result<T | undefined> {
  const v = params[key];
  if (v === undefined || v === '') return { ok: true, value: undefined };
  if (!(allowed as readonly string[]).includes(v)) return { ok: false, reason: 'bad-request', detail: `${key} must be one of ${allowed.join(', ')}` };
  return { ok: true, value: v as T };
}

/** Collects several parses into one value; the first failure wins. */
export function collect<T extends Record<string, Result<unknown>>>(parts: T): Result<{ [K in keyof T]: T[K] extends Result<infer V> ? V : never }> {
  const out: Record<string, unknown> = {};
  for (const [k, r] of Object.entries(parts)) {
    if (!r.ok) return r;
    out[k] = r.value;
  }
  return { ok: true, value: out as { [K in keyof T]: T[K] extends Result<infer V> ? V : never } };
}
