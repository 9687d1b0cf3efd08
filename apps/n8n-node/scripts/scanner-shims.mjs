// Injected by esbuild into the bundle (see build.mjs). Empty until a bundled library needs a shim.
export {};
