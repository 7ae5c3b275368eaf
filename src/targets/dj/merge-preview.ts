/**
 * The merge preview's requests, in the order their answers allow: the pull request's changed
 * files (GitHub's compare, three dots) and the base namespace's spec start at once; the changed
 * node files are read in parallel as soon as the file list is known; the preview spec goes to
 * `POST /deployments/impact`, whose answer is polled until it is final. Nothing here waits for the
 * branch namespace's own deployment, so the preview runs beside it.
 *
 * I/O is passed in ({@link PreviewIO}), so the order and parallelism are tested without servers.
 */
import { nodeChanges, nodeFileChanges, previewSpec, type ChangedFile, type DeploymentSpecLike } from './preview.js';
import { isTerminal, PreviewUnavailable, summarizeImpact, type DownstreamImpact, type ImpactResult, type ImpactSummary } from './impact.js';

export { PreviewUnavailable } from './impact.js';

/** DJ's answer to `POST /deployments/impact` and `GET /deployments/{uuid}`, as far as the preview reads it. */
export interface ImpactDeployment {
  uuid: string;
  status: string;
  results: ImpactResult[];
  downstream_impacts: DownstreamImpact[];
}

/** The requests the preview makes. */
export interface PreviewIO {
  /** Files the pull request changes relative to its merge base (`GET /repos/{o}/{r}/compare/{base}...{head}`, every page). */
  changedFiles(baseSha: string, headSha: string): Promise<ChangedFile[]>;
  /** A file's text at a commit, or undefined when it is not there. */
  readFile(ref: string, path: string): Promise<string | undefined>;
  /** `GET /namespaces/{ns}/export/spec`, over (retries included) by `deadline` (epoch ms of {@link now}). */
  exportSpec(namespace: string, deadline?: number): Promise<DeploymentSpecLike>;
  /** `POST /deployments/impact` (with `Prefer: respond-async`), over by `deadline`. */
  submitImpact(spec: DeploymentSpecLike, deadline?: number): Promise<ImpactDeployment>;
  /** `GET /deployments/{uuid}`, over by `deadline`. */
  deployment(uuid: string, deadline?: number): Promise<ImpactDeployment>;
  sleep(ms: number): Promise<void>;
  /** Milliseconds since some fixed point (for the polling deadline). */
  now(): number;
}

/** What the preview needs to know about the pull request and the root. */
export interface PreviewRequest {
  /** The pull request's base and head commits (the compare is three dots: from their merge base). */
  baseSha: string;
  headSha: string;
  /** The root's `git_path` (from its git config). */
  gitPath: Promise<string | null>;
  /** The namespace merging goes into (`impact-base`, or the root's default-branch namespace). */
  baseNamespace: Promise<string>;
  /** How long the impact analysis may take before the preview gives up. */
  timeoutMs: number;
}

/**
 * Waits before each poll. Each poll is a round trip the comment may wait for, so the first waits
 * about as long as a small namespace's analysis takes on datajunction-server 0.0.272 (half a
 * second to a second beside a deployment) and usually finds it done; then short waits, then
 * slower ones for large namespaces.
 */
const POLL_DELAYS_MS = [500, 250, 250, 500, 1000, 2000];

/**
 * Makes the merge preview, or throws a {@link PreviewUnavailable} that says why not. The whole
 * preview, from its first request to the impact analysis' last answer (the `POST` included, with
 * its retries), is bounded by `req.timeoutMs`.
 */
export async function mergePreview(req: PreviewRequest, io: PreviewIO): Promise<ImpactSummary> {
  const deadline = io.now() + req.timeoutMs;
  const late = () => new PreviewUnavailable(`DJ's impact analysis did not finish within ${Math.round(req.timeoutMs / 1000)} s`);
  try {
    return await previewWithin(req, io, deadline, late);
  } catch (err) {
    // A request cut short by the bound fails as a timeout: that is the bound, said as such.
    if (!(err instanceof PreviewUnavailable) && io.now() >= deadline) throw late();
    throw err;
  }
}

async function previewWithin(req: PreviewRequest, io: PreviewIO, deadline: number, late: () => PreviewUnavailable): Promise<ImpactSummary> {
  const [changedFiles, gitPath, base] = await Promise.all([io.changedFiles(req.baseSha, req.headSha), req.gitPath, req.baseNamespace]);
  const touched = nodeFileChanges(changedFiles, gitPath);
  // No node file changed: merging changes no node, and DJ need not be asked.
  if (!touched.length) return summarizeImpact(base, [], []);
  const texts = new Map<string, string | undefined>();
  const read = (side: 'head' | 'base', ref: string, file: string | undefined) => (file ? [io.readFile(ref, file).then(text => void texts.set(`${side}:${file}`, text))] : []);
  const [baseSpec] = await Promise.all([io.exportSpec(base, deadline), ...touched.flatMap(f => [...read('head', req.headSha, f.head), ...read('base', req.baseSha, f.base)])]);
  // A file the comparison lists on a side that does not answer there (404, a file GitHub would
  // not serve): what it defines cannot be told, and a missing file must not read as a removed node.
  for (const f of touched) {
    for (const [side, file, sha] of [
      ['head', f.head, req.headSha],
      ['base', f.base, req.baseSha],
    ] as const) {
      if (file && texts.get(`${side}:${file}`) === undefined) {
        throw new PreviewUnavailable(`GitHub lists ${file} as changed, but did not return it at ${sha.slice(0, 7)}, so what merging would do cannot be told`);
      }
    }
  }
  const spec = previewSpec(
    baseSpec,
    nodeChanges(touched, (side, file) => texts.get(`${side}:${file}`)),
  );
  let answer = await io.submitImpact(spec, deadline);
  for (let i = 0; !isTerminal(answer.status); i++) {
    const wait = POLL_DELAYS_MS[Math.min(i, POLL_DELAYS_MS.length - 1)]!;
    if (io.now() + wait >= deadline) throw late();
    await io.sleep(wait);
    answer = await io.deployment(answer.uuid, deadline);
  }
  if (answer.status === 'failed' && !answer.results.length) throw new PreviewUnavailable('DJ could not analyse the change (the impact analysis failed without results)');
  return summarizeImpact(base, answer.results, answer.downstream_impacts);
}
