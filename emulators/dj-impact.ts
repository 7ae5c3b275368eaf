/**
 * The DJ emulator's impact analysis (`POST /deployments/impact`), a model of what
 * datajunction-server 0.0.272 answered in the real-server suite (docs/dj-compatibility.md), for
 * the demo only (the emulator turns it on with `impactAnalysis = true`; the e2e tests keep the
 * server-without-impact path): a node whose query reads a node the spec does not define is
 * `invalid`; invalidity flows down to every node that reads an invalid node; a node downstream
 * of a change that the change makes invalid is `will_invalidate`, any other is `may_affect`.
 * Column-level checks (a dropped column) are the real server's: `npm run demo -- --real`.
 */

/** A node of the namespace as the emulator stores it. */
export interface StoredNode {
  type: string;
  status: 'valid' | 'invalid';
  query: string;
}

/** A node of the spec sent for analysis. */
export interface SpecNode {
  name: string;
  node_type?: unknown;
  query?: unknown;
}

const READS = /\$\{prefix\}(\w+)/g;

/** What deploying `spec` into `ns` (whose nodes are `current`) would do: DJ's `results` and `downstream_impacts`. */
export function analyseImpact(ns: string, current: Map<string, StoredNode>, specNodes: SpecNode[]): { results: unknown[]; downstream_impacts: unknown[] } {
  const short = (name: string) => (name.startsWith('${prefix}') ? name.slice('${prefix}'.length) : name.startsWith(`${ns}.`) ? name.slice(ns.length + 1) : name);
  const spec = new Map(specNodes.map(n => [short(n.name), { type: typeof n.node_type === 'string' ? n.node_type : 'metric', query: typeof n.query === 'string' ? n.query : '' }]));
  const reads = (query: string) => [...query.matchAll(READS)].map(m => m[1]!);
  // Predicted statuses: missing inputs make a node invalid, and invalidity flows to its readers.
  const invalid = new Set([...spec].filter(([, n]) => reads(n.query).some(r => !spec.has(r))).map(([name]) => name));
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, n] of spec) {
      if (!invalid.has(name) && reads(n.query).some(r => invalid.has(r))) grew = invalid.add(name).size > 0;
    }
  }
  const results: unknown[] = [];
  const changed = new Set<string>();
  for (const [name, n] of spec) {
    const old = current.get(name);
    const full = `${ns}.${name}`;
    if (old && old.query === n.query && old.type === n.type) {
      results.push({ name: full, deploy_type: 'node', status: 'skipped', operation: 'noop', message: `Node ${full} is unchanged.` });
      continue;
    }
    changed.add(name);
    const done = old ? `Updated ${n.type}` : `Created ${n.type} (v1.0)`;
    const missing = reads(n.query).find(r => !spec.has(r));
    const upstream = reads(n.query).filter(r => invalid.has(r));
    const why = missing
      ? `[invalid] No columns could be inferred from the SQL query.; Table \`${ns}.${missing}\` not found in parent columns map. Available: []`
      : `[invalid] Upstream node(s) are invalid: ${upstream.map(r => `${ns}.${r}`).join(', ')}`;
    const status = invalid.has(name) ? 'invalid' : 'success';
    results.push({ name: full, deploy_type: 'node', status, operation: old ? 'update' : 'create', message: status === 'invalid' ? `${done}\n${why}` : done });
  }
  for (const name of current.keys()) {
    if (spec.has(name)) continue;
    changed.add(name);
    results.push({ name: `${ns}.${name}`, deploy_type: 'node', status: 'success', operation: 'delete', message: `Node ${ns}.${name} would be removed.` });
  }
  // Downstream: unchanged nodes that read a changed node, directly or through others (breadth first).
  const downstream: unknown[] = [];
  const causes = new Map<string, Set<string>>([...changed].map(c => [c, new Set([c])]));
  let frontier = [...changed];
  for (let depth = 1; frontier.length; depth++) {
    const next: string[] = [];
    for (const [name, n] of spec) {
      if (causes.has(name)) continue;
      const from = reads(n.query).filter(r => frontier.includes(r));
      if (!from.length) continue;
      const by = new Set(from.flatMap(f => [...causes.get(f)!]));
      causes.set(name, by);
      next.push(name);
      const before = current.get(name)?.status ?? 'valid';
      const after = invalid.has(name) ? 'invalid' : 'valid';
      const breaks = before === 'valid' && after === 'invalid';
      const cause = [...by].map(c => `${ns}.${c}`);
      downstream.push({
        name: `${ns}.${name}`,
        node_type: n.type,
        current_status: before,
        predicted_status: after,
        impact_type: breaks ? 'will_invalidate' : 'may_affect',
        impact_reason: breaks ? `Upstream node(s) would become invalid: ${cause.join(', ')}` : `Upstream node(s) changed: ${cause.join(', ')}`,
        depth,
        caused_by: cause,
        is_external: false,
        owners: [],
      });
    }
    frontier = next;
  }
  return { results, downstream_impacts: downstream };
}
