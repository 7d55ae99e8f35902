// Svelte 5 understands TypeScript in components natively; no preprocessing is needed.
export default {};
