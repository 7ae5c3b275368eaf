/**
 * The shapes of Fossil's JSON answers (reference fossil-api.md) as the Fossil client accepts
 * them; fields it does not read are dropped.
 */
import * as v from 'valibot';
import { name } from '../../schema.js';

/** Every answer's envelope (§2): `resultCode` only on failure, `payload` on success. */
export const envelope = v.object({
  fossil: v.string(),
  resultCode: v.optional(v.string()),
  resultText: v.optional(v.nullable(v.string())),
  payload: v.optional(v.unknown()),
});

/** `/json/branch/list` payload. */
export const branchList = v.object({ branches: v.array(v.string()) });

/** `/json/branch/create` payload. */
export const createdBranch = v.object({
  name: name,
  basis: v.optional(v.string(), ''),
  rid: v.optional(v.number(), 0),
  uuid: name,
  isPrivate: v.optional(v.boolean(), false),
  bgColor: v.optional(v.string()),
});

/** `/json/login` payload. */
export const login = v.object({
  authToken: name,
  name: v.optional(v.string()),
  capabilities: v.optional(v.string(), ''),
});
