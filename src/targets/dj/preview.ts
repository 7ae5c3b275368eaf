/**
 * The merge preview, pure: which nodes a pull request changes (from the files it changes under
 * the root's `git_path`), the spec that merging would deploy to the base namespace, and what
 * DJ's impact analysis answered, as the `impact` output.
 *
 * Merging deploys the YAML of the merged commit (sync-from-git on the default branch), so the
 * preview spec is the base namespace's exported spec with the pull request's own files applied:
 * nodes defined in a changed file are replaced by that file's YAML, nodes whose file was removed
 * (or that a changed file no longer defines) are dropped, and nothing else moves. A branch behind
 * the default branch therefore never shows the default branch's newer nodes as deleted.
 */
import { parse as parseYaml } from 'yaml';
import { PYYAML_OPTIONS, MAX_ALIAS_EXPANSION } from './pyyaml.js';
import { PreviewUnavailable } from './impact.js';

export { isTerminal, newlyInvalid, summarizeImpact, type DownstreamImpact, type ImpactResult, type ImpactSummary } from './impact.js';

/** One file of GitHub's compare answer (`files[]`). */
export interface ChangedFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged' | string;
  previous_filename?: string;
}

/** A node file the preview has to read: at the head (its new definition) and/or at the merge base (what it defined). */
export interface NodeFileChange {
  /** Path at the head; undefined when the file was removed. */
  head?: string;
  /** Path at the merge base; undefined when the file was added. */
  base?: string;
}

/** A node spec as DJ's deployment spec carries it (YAML or `export/spec`): `name` plus whatever DJ reads. */
export interface NodeSpecLike {
  name: string;
  [field: string]: unknown;
}

/** DJ's deployment spec (`export/spec` answer, `POST /deployments/impact` body). */
export interface DeploymentSpecLike {
  namespace: string;
  nodes: NodeSpecLike[];
  [field: string]: unknown;
}

/** Normalises a `git_path` ("nodes/", "/nodes", "", null) to a prefix that ends in "/" (or "" for the whole repository). */
export function gitPathPrefix(gitPath: string | null | undefined): string {
  const trimmed = (gitPath ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

/** Whether DJ reads this file as a node definition: `*.yaml` under `git_path` except `dj.yaml` (DJ's own rule). */
export function isNodeFile(filename: string, prefix: string): boolean {
  if (!filename.startsWith(prefix) || !filename.endsWith('.yaml')) return false;
  return filename.slice(filename.lastIndexOf('/') + 1) !== 'dj.yaml';
}

/** The node files a pull request changes, with the side(s) to read. */
export function nodeFileChanges(files: ChangedFile[], gitPath: string | null | undefined): NodeFileChange[] {
  const prefix = gitPathPrefix(gitPath);
  const out: NodeFileChange[] = [];
  for (const f of files) {
    const head = f.status === 'removed' ? undefined : f.filename;
    const base = f.status === 'added' || f.status === 'copied' ? undefined : f.status === 'renamed' ? f.previous_filename : f.filename;
    const change: NodeFileChange = {
      head: head !== undefined && isNodeFile(head, prefix) ? head : undefined,
      base: base !== undefined && isNodeFile(base, prefix) ? base : undefined,
    };
    if (f.status === 'unchanged' || (!change.head && !change.base)) continue;
    out.push(change);
  }
  return out;
}

/**
 * The node a YAML file defines, read the way DJ reads it (PyYAML's `safe_load`, YAML 1.1): a
 * mapping with a string `name`; hierarchies (`type: hierarchy` without `node_type`), `dj.yaml`
 * and files that do not parse define no node (DJ skips them too). A file whose aliases expand
 * beyond {@link MAX_ALIAS_EXPANSION} nodes cannot be told: a {@link PreviewUnavailable}.
 */
export function nodeOfYaml(text: string): NodeSpecLike | undefined {
  let doc: unknown;
  try {
    doc = parseYaml(text, PYYAML_OPTIONS);
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new PreviewUnavailable(`a node file's aliases expand beyond ${MAX_ALIAS_EXPANSION} nodes, so what it defines is not read`);
    }
    return undefined;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const spec = doc as Record<string, unknown>;
  if (typeof spec.name !== 'string' || !spec.name) return undefined;
  if (spec.type === 'hierarchy' && !('node_type' in spec)) return undefined;
  return spec as NodeSpecLike;
}

/** What the pull request does to node definitions: the new specs, and names its changed files no longer define. */
export interface NodeChanges {
  /** Specs from changed files at the head, by name. */
  upserts: NodeSpecLike[];
  /** Names defined by changed files at the merge base and by no changed file at the head. */
  removals: string[];
}

/** Pairs what changed files defined at the merge base with what they define at the head. */
export function nodeChanges(files: { base?: string; head?: string }[], read: (side: 'base' | 'head', path: string) => string | undefined): NodeChanges {
  const upserts = new Map<string, NodeSpecLike>();
  const before = new Set<string>();
  for (const f of files) {
    if (f.head) {
      const text = read('head', f.head);
      const node = text === undefined ? undefined : nodeOfYaml(text);
      if (node) upserts.set(node.name, node);
    }
    if (f.base) {
      const text = read('base', f.base);
      const node = text === undefined ? undefined : nodeOfYaml(text);
      if (node) before.add(node.name);
    }
  }
  return { upserts: [...upserts.values()], removals: [...before].filter(n => !upserts.has(n)).sort() };
}

/** The spec merging would deploy to `base`: the base's own spec with the pull request's node changes applied. */
export function previewSpec(baseSpec: DeploymentSpecLike, changes: NodeChanges): DeploymentSpecLike {
  const drop = new Set([...changes.removals, ...changes.upserts.map(n => n.name)]);
  const kept = baseSpec.nodes.filter(n => !drop.has(n.name));
  return { ...baseSpec, namespace: baseSpec.namespace, nodes: [...kept, ...changes.upserts] };
}
