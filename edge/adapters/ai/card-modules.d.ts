// What the Workers bundle hands card-assets-worker.ts for these imports (wrangler.toml [[rules]]).
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}

declare module '*.woff' {
  const data: ArrayBuffer;
  export default data;
}
