/**
 * YAML read the way DJ reads it: PyYAML's `safe_load` (YAML 1.1). The `yaml` package's own
 * YAML 1.1 schema differs from PyYAML's resolver (lib/yaml/resolver.py) in ways a node file can
 * hit: it takes `y`, `Y`, `n`, `N` for booleans (a column called `y` became `true` in the spec
 * sent to DJ), and `1e3` for a float (PyYAML wants a dot and a signed exponent). These tags
 * restate PyYAML's implicit resolvers for bool, int and float (sexagesimal forms included);
 * null, timestamps, merge keys, maps, sequences and strings stay the package's, which agree.
 * Like PyYAML, a repeated key keeps its last value, and aliases are not limited to 100 (a
 * document that expands beyond {@link MAX_ALIAS_EXPANSION} nodes is refused as an attack).
 */
import type { ParseOptions, DocumentOptions, SchemaOptions, ToJSOptions, ScalarTag } from 'yaml';

/** How far aliases may expand (the `yaml` package's measure: aliases × nodes behind each); PyYAML sets no limit. */
export const MAX_ALIAS_EXPANSION = 10_000;

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;

/** Base-60 digits ("190:20:30") as PyYAML adds them up. */
function sexagesimal(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/** PyYAML's construct_yaml_float. */
function pyFloat(source: string): number {
  let text = source.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (text[0] === '-' || text[0] === '+') {
    if (text[0] === '-') sign = -1;
    text = text.slice(1);
  }
  if (text === '.inf') return sign * Infinity;
  if (text === '.nan') return NaN;
  if (text.includes(':')) return sign * sexagesimal(text);
  return sign * Number(text);
}

/** PyYAML's construct_yaml_int. */
function pyInt(source: string): number {
  let text = source.replace(/_/g, '');
  let sign = 1;
  if (text[0] === '-' || text[0] === '+') {
    if (text[0] === '-') sign = -1;
    text = text.slice(1);
  }
  if (text === '0') return 0;
  if (text.startsWith('0b')) return sign * parseInt(text.slice(2), 2);
  if (text.startsWith('0x')) return sign * parseInt(text.slice(2), 16);
  if (text.startsWith('0')) return sign * parseInt(text, 8);
  if (text.includes(':')) return sign * sexagesimal(text);
  return sign * parseInt(text, 10);
}

const boolTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  identify: value => typeof value === 'boolean',
  test: BOOL,
  resolve: source => TRUE.test(source),
};
const intTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  identify: value => Number.isInteger(value),
  test: INT,
  resolve: source => pyInt(source),
};
const floatTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  identify: value => typeof value === 'number',
  test: FLOAT,
  resolve: source => pyFloat(source),
};

const REPLACED = new Set([boolTag.tag, intTag.tag, floatTag.tag]);

/** Options of the `yaml` package that read a document as PyYAML's safe_load does (warnings never printed). */
export const PYYAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = {
  version: '1.1',
  customTags: tags => [boolTag, intTag, floatTag, ...tags.filter(t => typeof t === 'string' || !REPLACED.has(t.tag))],
  uniqueKeys: false,
  maxAliasCount: MAX_ALIAS_EXPANSION,
  // The parser's warnings quote the file's lines: never printed (log safety).
  logLevel: 'error',
};
