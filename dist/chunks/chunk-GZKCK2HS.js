import { createRequire as __createRequire } from 'node:module'; const __require_builtin = __createRequire(import.meta.url);

// src/pool.ts
async function mapPool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export {
  mapPool
};
