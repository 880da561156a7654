// The format of a tenant-isolation case: see README.md in this folder.
import type { IsolationWorld } from './seed';

export interface IsolationResponse {
  status: number;
  /** Parsed JSON when the response is JSON, else the text. */
  body: unknown;
  text: string;
  headers: Headers;
}

export interface IsolationCase {
  /** Exactly as the app registers it: `METHOD /path/:param`, e.g. `GET /v1/accounts/:id`. */
  route: string;
  /** What B tries, in a few words (appears in the test name). */
  what: string;
  /**
   * The request user B makes. The harness adds B's session cookie and a same-origin Origin header,
   * and a JSON content type when there is a body.
   */
  request(world: IsolationWorld): { path: string; method?: string; body?: unknown; headers?: Record<string, string> };
  /** Expected status: 404 for another user's resource; 200/201/204 for B's own lists and reads. */
  expectStatus: number | number[];
  /** Extra assertions on B's response (throw or use expect); e.g. "the list holds only B's items". */
  check?(response: IsolationResponse, world: IsolationWorld): void | Promise<void>;
}
