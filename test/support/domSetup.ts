// Test support (vitest setup for the unit project): what jsdom lacks and the panel's components use. ResizeObserver
// never fires here: components keep their initial sizes (the layout maths is tested on its own).
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;
