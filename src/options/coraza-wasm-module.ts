import { ValidationError } from './validation-error';

/** Where Envoy Gateway fetches a Wasm module from. */
export class WasmCodeSource {
  /** An OCI image (Envoy Gateway pulls it and serves the module to its Envoy pods). */
  public static readonly IMAGE = new WasmCodeSource('Image');
  /** An HTTP(S) URL (Envoy Gateway downloads it and serves the module to its Envoy pods). */
  public static readonly HTTP = new WasmCodeSource('HTTP');

  private constructor(
    /** The `code.type` of an EnvoyExtensionPolicy's `wasm` entry. */
    public readonly value: string,
  ) {}
}

const SHA256 = /^[a-f0-9]{64}$/;

/**
 * The coraza-proxy-wasm module (github.com/corazawaf/coraza-proxy-wasm) that runs the LLM WAF
 * profile's Coraza directives in Envoy, pinned by its SHA-256. The platform builds and serves it
 * (it builds with TinyGo); the endpoint's EnvoyExtensionPolicy names it, and Envoy Gateway
 * fetches it, verifies the checksum and serves it to its Envoy pods.
 */
export class CorazaWasmModule {
  /**
   * The module in an OCI image.
   * @param url the image, as `registry/repository:tag` or `registry/repository@sha256:<digest>` (an `oci://` prefix is allowed)
   * @param sha256 the image's digest (64 lower-case hex digits, without `sha256:`): Envoy Gateway refuses another image
   */
  public static fromImage(url: string, sha256: string): CorazaWasmModule {
    if (typeof url !== 'string' || url.length === 0 || /\s/.test(url) || /^https?:\/\//.test(url)) {
      throw new ValidationError('controller waf.module url', url,
        'Give the image as "registry/repository:tag" or "registry/repository@sha256:<digest>" (no http:// scheme; use CorazaWasmModule.fromUrl for an HTTP source).');
    }
    return new CorazaWasmModule(WasmCodeSource.IMAGE, url, checksum(sha256, 'the image digest'));
  }

  /**
   * The module (`.wasm`) served over HTTP(S).
   * @param url the module's `http://` or `https://` URL, reachable from Envoy Gateway's controller
   * @param sha256 the module's SHA-256 (64 lower-case hex digits): Envoy Gateway refuses another file
   */
  public static fromUrl(url: string, sha256: string): CorazaWasmModule {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || /\s/.test(url)) {
      throw new ValidationError('controller waf.module url', url, 'Give the module\'s http:// or https:// URL, e.g. "https://wasm.platform.internal/coraza-proxy-wasm.wasm".');
    }
    return new CorazaWasmModule(WasmCodeSource.HTTP, url, checksum(sha256, 'the module\'s SHA-256'));
  }

  private constructor(
    /** Where the module comes from. */
    public readonly source: WasmCodeSource,
    /** The image or the URL. */
    public readonly url: string,
    /** The image digest (`source` IMAGE) or the module's SHA-256 (`source` HTTP). */
    public readonly sha256: string,
  ) {}
}

function checksum(value: string, what: string): string {
  if (typeof value !== 'string' || !SHA256.test(value)) {
    throw new ValidationError('controller waf.module sha256', value,
      `Give ${what} as 64 lower-case hex digits (without "sha256:"): Envoy Gateway verifies the module against it, so nobody can swap the WAF.`);
  }
  return value;
}
