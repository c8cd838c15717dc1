import type { z } from 'zod';

/**
 * One entry of the contract: the input schema is a value (it is parsed at the boundary), the result
 * is a type only (it never needs checking at run time because the backend produced it).
 */
export interface CallDef<I extends z.ZodType, R> {
  input: I;
  /** Phantom: carries the result type; never set. */
  readonly result?: R;
}

export function call<R>() {
  return <I extends z.ZodType>(input: I): CallDef<I, R> => ({ input });
}

export type AnyCallDef = CallDef<z.ZodType, unknown>;
