// What satori 0.63 needs to load inside workerd, which refuses to compile WebAssembly from bytes at
// run time and has no `self.location`. Loading satori (see card.ts) does three things workerd
// would refuse; each is answered here, once, and the patch removes itself when done:
//
// 1. its HarfBuzz loader compiles the binary satori carries in base64 → it is handed the same
//    binary precompiled (harfbuzzjs/hb.wasm, imported as a module by card-assets-worker.ts);
// 2. the Emscripten loader reads `self.location.href` because `WorkerGlobalScope` exists → a
//    placeholder location, for the duration of the import only;
// 3. harfbuzzjs registers one callback, `(ptr) => exports.free(ptr)`, in the wasm function table;
//    a JS function cannot go in there, so Emscripten compiles a 34-byte wrapper module for
//    signature "vi" → the wrapper's instance is answered with HarfBuzz's own exported `free`,
//    which is that callback.
//
// Checked by tests/unit/image-card.test.ts, which renders a card inside workerd. A satori upgrade
// that changes any of this fails that test rather than hanging in production.

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
// Emscripten's wrapper for "vi": type section (i32) -> (), import e.f, export f.
const VI_WRAPPER = [
  ...WASM_MAGIC,
  0x01, 0x87, 0x00, 0x01, 0x60, 0x81, 0x00, 0x7f, 0x80, 0x00,
  0x02, 0x07, 0x01, 0x01, 0x65, 0x01, 0x66, 0x00, 0x00,
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00,
];

function isViWrapper(bytes: unknown): boolean {
  if (!ArrayBuffer.isView(bytes) && !(bytes instanceof ArrayBuffer)) return false;
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.length === VI_WRAPPER.length && VI_WRAPPER.every((byte, i) => view[i] === byte);
}

/** Runs `load` (the import of satori) with the three answers above in place. */
export async function loadSatoriInWorkers<T>(harfbuzz: WebAssembly.Module, load: () => Promise<T>): Promise<T> {
  const wasm = WebAssembly as unknown as {
    instantiate: typeof WebAssembly.instantiate;
    Module: typeof WebAssembly.Module;
    Instance: typeof WebAssembly.Instance;
  };
  const { instantiate, Module, Instance } = wasm;
  let harfbuzzFree: unknown;
  const viWrapper = {};

  wasm.instantiate = ((source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => {
    if (source instanceof Module || !imports || !('wasi_snapshot_preview1' in imports)) return instantiate(source, imports);
    wasm.instantiate = instantiate;
    return instantiate(harfbuzz, imports).then((instance) => {
      harfbuzzFree = instance.exports.free;
      return { module: harfbuzz, instance };
    });
  }) as typeof WebAssembly.instantiate;

  const restoreConstructors = () => {
    wasm.Module = Module;
    wasm.Instance = Instance;
  };
  const PatchedModule = function (bytes: BufferSource) {
    if (harfbuzzFree !== undefined && isViWrapper(bytes)) return viWrapper;
    return new Module(bytes);
  };
  const PatchedInstance = function (module: WebAssembly.Module, imports?: WebAssembly.Imports) {
    if (module !== viWrapper) return new Instance(module, imports);
    restoreConstructors();
    return { exports: { f: harfbuzzFree } };
  };
  // `instanceof WebAssembly.Module` / `.Instance` (satori's and resvg's loaders ask) must still hold.
  PatchedModule.prototype = Module.prototype;
  PatchedInstance.prototype = Instance.prototype;
  wasm.Module = PatchedModule as unknown as typeof WebAssembly.Module;
  wasm.Instance = PatchedInstance as unknown as typeof WebAssembly.Instance;

  const scope = globalThis as { location?: unknown };
  const lendLocation = scope.location === undefined;
  if (lendLocation) scope.location = { href: 'https://card.invalid/' };
  try {
    return await load();
  } finally {
    if (lendLocation) delete scope.location;
  }
}
