// Builds dist/ from src/index.ts with esbuild: ES modules, split at the dynamic imports, so a
// skipped run parses only the entry chunk (settings, event, plan, report, @actions/core) and
// each target, the GitHub client and the HTTP stack (undici) load only when a run needs them.
//   node scripts/bundle.mjs [outdir]        (default dist)
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';

const outdir = process.argv[2] ?? 'dist';
rmSync(outdir, { recursive: true, force: true });

// `@actions/core` imports `@actions/http-client` (and with it undici) only for OIDC tokens,
// which the action never asks for. Declared free of side effects, the bundler drops every
// module nothing uses, so a skip never loads undici.
const sideEffectFree = /[\\/]node_modules[\\/](@actions[\\/](core|http-client|io|exec)|tunnel)[\\/]/;

// On Node 24, an ES `import` of a built-in such as node:http goes through the ESM loader,
// which pulls in undici's fetch early; `createRequire` loads the same built-in directly.
const builtins = new Set(builtinModules.flatMap(m => [m, `node:${m}`]));
const requireBuiltins = {
  name: 'require-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, args =>
      builtins.has(args.path) && args.namespace !== 'builtin' ? { path: args.path.replace(/^node:/, ''), namespace: 'builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, args => ({
      contents: `module.exports = __require_builtin(${JSON.stringify(`node:${args.path}`)});`,
      loader: 'js',
      resolveDir: '.',
    }));
  },
};

const sideEffects = {
  name: 'side-effect-free-toolkit',
  setup(b) {
    b.onResolve({ filter: /^(@actions\/|tunnel$|undici$|\.{1,2}\/)/ }, async args => {
      if (args.pluginData?.sideEffectFree) return undefined;
      if (!(sideEffectFree.test(args.importer) || /^@actions\/|^tunnel$/.test(args.path))) return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { sideEffectFree: true } });
      if (resolved.errors.length || !sideEffectFree.test(resolved.path)) return undefined;
      return { ...resolved, sideEffects: false };
    });
  },
};

const result = await build({
  entryPoints: ['src/index.ts'],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  treeShaking: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [requireBuiltins, sideEffects],
  // Built-ins are handled by the plugin above; node:module itself stays an import (banner).
  external: ['node:module'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);" },
});
writeFileSync(`${outdir}/package.json`, '{ "type": "module" }\n');
if (process.env.BUNDLE_META) writeFileSync(process.env.BUNDLE_META, JSON.stringify(result.metafile));
