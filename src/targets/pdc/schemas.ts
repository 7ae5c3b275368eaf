/**
 * The shapes of PDC's answers (reference pdc-api.md) as the PDC client accepts them; fields it
 * does not read are dropped.
 */
import * as v from 'valibot';
import { count, name } from '../../schema.js';
import type { ComponentBranch, PDCBranchSla, SlaLink } from './client.js';

const id = v.pipe(v.number(), v.integer(), v.minValue(1));

export const branchSla: v.GenericSchema<unknown, PDCBranchSla> = v.object({ id, sla: name, eol: v.string() });

const branchFields = {
  id,
  global_component: name,
  name: name,
  type: name,
  critical_path: v.boolean(),
  active: v.boolean(),
};

/** A component branch. */
export const componentBranch: v.GenericSchema<unknown, ComponentBranch> = v.object({ ...branchFields, slas: v.array(branchSla) });

/** A component branch listed with `fields` / `exclude_fields`: any field may be left out. */
export const partialComponentBranch: v.GenericSchema<unknown, Partial<ComponentBranch>> = v.partial(v.object({ ...branchFields, slas: v.array(branchSla) }));

/** Several branches (a bulk create). */
export const branchList = v.array(componentBranch);

/** An SLA link. */
export const slaLink: v.GenericSchema<unknown, SlaLink> = v.object({ id, sla: name, eol: v.string(), branch: v.object(branchFields) });

/** A DRF page of `item`, or a bare list of them (paging off), read as one page. */
export function page<T>(item: v.GenericSchema<unknown, T>) {
  return v.pipe(
    v.unknown(),
    v.transform(data => (Array.isArray(data) ? { count: data.length, next: null, previous: null, results: data } : data)),
    v.object({ count, next: v.nullish(v.string(), null), previous: v.nullish(v.string(), null), results: v.array(item) }),
  );
}
