// Types of demo/server.mjs, for the tests that start the demo.

/** An MQTT-like PUBLISH packet (24 bytes), what /binary sends. */
export function binarySample(temperature: number, seq: number): Buffer;

/** Starts the demo server on 127.0.0.1; `fallback: true` listens on a free port when `port` is busy. */
export function startDemo(options?: { port?: number; log?: (message: string) => void; fallback?: boolean }): Promise<{ url: string; close: () => Promise<void> }>;
